package io.firedrill.domain.shared;

import java.time.Instant;

/** The instants Firedrill accepts from outside (requests, alert payloads): the range the API documents. */
public final class AcceptedTimes {

    /** The earliest accepted instant. */
    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    /** The latest accepted instant. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private AcceptedTimes() {
    }

    /** Whether {@code instant} is within the accepted range. */
    public static boolean accepted(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }

    /** The refusal of an instant outside the range, for a problem answer. */
    public static String refusal() {
        return "must be between " + EARLIEST + " and " + LATEST;
    }
}
