package io.firedrill.application.port.in.notification;

import io.firedrill.domain.notification.ChannelId;
import java.io.Serial;
import java.util.List;

/** A channel that routes still send to cannot be deleted: delete those routes, or point them elsewhere, first. */
public final class ChannelInUse extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    public ChannelInUse(ChannelId id, List<String> routes) {
        super("Channel " + id + " is used by the routes " + String.join(", ", routes) + "; delete them or point them"
                + " at another channel first.");
    }
}
