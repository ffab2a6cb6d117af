package io.firedrill.adapter.persistence.idempotency;

import io.firedrill.application.port.in.Unavailable;
import java.io.Serial;

/** The idempotency records could not be read or written because the database connection failed (a fault, 503). */
public final class IdempotencyRecordsUnavailable extends Unavailable {

    @Serial
    private static final long serialVersionUID = 1L;

    public IdempotencyRecordsUnavailable(Throwable cause) {
        super("the idempotency records cannot be reached: " + cause.getMessage(), 1);
        initCause(cause);
    }
}
