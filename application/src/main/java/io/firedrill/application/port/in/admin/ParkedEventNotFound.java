package io.firedrill.application.port.in.admin;

import io.firedrill.application.port.in.NotFound;
import java.io.Serial;

/** The event processor has no parked event at that log position. */
public final class ParkedEventNotFound extends NotFound {

    @Serial
    private static final long serialVersionUID = 1L;

    public ParkedEventNotFound(String name, long position) {
        super("Event processor '" + name + "' has no parked event at position " + position + ".");
    }
}
