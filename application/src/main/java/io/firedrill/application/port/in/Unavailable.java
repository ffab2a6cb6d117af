package io.firedrill.application.port.in;

import java.io.Serial;

/**
 * Firedrill cannot do the work now but may soon (a queue is full, the database is away): a fault, answered 503 with
 * {@code Retry-After}, never a 500. Adapters that meet such a condition throw a subclass.
 */
public class Unavailable extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final int retryAfterSeconds;

    public Unavailable(String message, int retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** How long a client should wait before trying again. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
