package io.firedrill.application.port.in;

import java.io.Serial;

/** What a request names does not exist in the caller's tenant (another tenant's object included): a 404. */
public abstract class NotFound extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    protected NotFound(String message) {
        super(message);
    }
}
