package io.firedrill.application.port.in;

import java.io.Serial;

/** The subject is no longer at the version the sender expected ({@code If-Match} failed). */
public class VersionMismatch extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String subject;
    private final long expected;
    private final long actual;

    /** @param subject what changed, as the client calls it ({@code incident}, {@code action item}) */
    public VersionMismatch(String subject, long expected, long actual) {
        this(subject, expected, actual, "The " + subject + " is at version " + actual + ", not the expected version "
                + expected + ".");
    }

    protected VersionMismatch(String subject, long expected, long actual, String message) {
        super(message);
        this.subject = subject;
        this.expected = expected;
        this.actual = actual;
    }

    public String subject() {
        return subject;
    }

    public long expected() {
        return expected;
    }

    public long actual() {
        return actual;
    }
}
