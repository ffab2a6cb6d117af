package io.firedrill.application.port.in.notification;

import io.firedrill.application.port.in.NotFound;

/** The tenant has no notification with this id. */
public final class DeliveryNotFound extends NotFound {

    public DeliveryNotFound(String messageId) {
        super("Notification " + messageId + " does not exist.");
    }
}
