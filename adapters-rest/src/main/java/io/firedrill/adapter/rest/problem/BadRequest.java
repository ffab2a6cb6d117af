package io.firedrill.adapter.rest.problem;

import java.io.Serial;

/** A request parameter, header or body field that is malformed; answered with 400 naming the field. */
public final class BadRequest extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String field;

    public BadRequest(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
