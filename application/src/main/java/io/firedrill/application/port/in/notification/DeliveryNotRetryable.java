package io.firedrill.application.port.in.notification;

import java.io.Serial;

/** A notification that cannot be retried by hand now: it was delivered, or it is being sent. */
public final class DeliveryNotRetryable extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    public DeliveryNotRetryable(String message) {
        super(message);
    }
}
