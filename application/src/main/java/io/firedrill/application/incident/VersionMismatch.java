package io.firedrill.application.incident;

import java.io.Serial;

/** The incident is no longer at the version the sender expected ({@code If-Match} failed). */
public final class VersionMismatch extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final long expected;
    private final long actual;

    public VersionMismatch(long expected, long actual) {
        super("The incident is at version " + actual + ", not the expected version " + expected + ".");
        this.expected = expected;
        this.actual = actual;
    }

    public long expected() {
        return expected;
    }

    public long actual() {
        return actual;
    }
}
