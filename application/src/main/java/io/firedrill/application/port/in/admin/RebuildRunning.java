package io.firedrill.application.port.in.admin;

import io.firedrill.application.port.in.Unavailable;
import java.io.Serial;

/**
 * The read model is being rebuilt from the log: its parked events are cleared and met again, so a retry now could
 * apply a subject's later event before the rebuild reaches its earlier ones. A 503: retry once the rebuild is done.
 */
public final class RebuildRunning extends Unavailable {

    @Serial
    private static final long serialVersionUID = 1L;

    public RebuildRunning(String name) {
        super("The read model of " + name + " is being rebuilt; retry its parked events once the rebuild is done.", 30);
    }
}
