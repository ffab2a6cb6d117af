package io.firedrill.adapter.rest.problem;

import java.io.IOException;

/**
 * A request body longer than the limit of its route, found while reading it: answered 413. An {@link IOException},
 * so that the JSON reader passes it on as it is instead of wrapping it into a 400.
 */
public class BodyTooLarge extends IOException {

    private final long limit;

    public BodyTooLarge(long limit) {
        super("The body is larger than " + limit + " bytes, the most accepted here.");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
