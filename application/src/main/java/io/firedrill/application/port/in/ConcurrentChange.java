package io.firedrill.application.port.in;

import java.io.Serial;

/** A command lost the race for its subject too many times in a row; the client may retry later. */
public final class ConcurrentChange extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    public ConcurrentChange(String subject, int attempts, Throwable last) {
        super("The " + subject + " kept changing while the command was decided (" + attempts + " attempts); retry later.",
                last);
    }
}
