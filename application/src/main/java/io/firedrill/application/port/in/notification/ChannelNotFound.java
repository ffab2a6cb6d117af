package io.firedrill.application.port.in.notification;

import io.firedrill.application.port.in.NotFound;
import io.firedrill.domain.notification.ChannelId;

/** No channel with this id exists for the caller (also when it belongs to another tenant or was deleted). */
public final class ChannelNotFound extends NotFound {

    public ChannelNotFound(ChannelId id) {
        super("Notification channel " + id + " does not exist.");
    }
}
