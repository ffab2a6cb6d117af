package io.firedrill.application.port.in.notification;

import io.firedrill.application.port.in.NotFound;

/** The tenant has no notification with this id. */
public final class DeliveryNotFound extends NotFound {

    public DeliveryNotFound(String messageId) {
        // the id is not repeated: it is whatever the caller sent
        super("The tenant has no notification with this id.");
    }
}
