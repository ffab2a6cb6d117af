package io.firedrill.bootstrap;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The application's clock in tests: system time (UTC) unless a test pins it to an instant, so that a test
 * can run commands at known instants. Tests that pin it release it when they end, and pin it only to the
 * past: events stamped in the future would be found by other tests' time-based token lookups
 * ({@code tokenAt}), which the event store contract test checks with the real clock.
 */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends Clock {

    private volatile Instant pinned;

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the test clock is always UTC");
    }

    @Override
    public Instant instant() {
        Instant at = pinned;
        return at != null ? at : Instant.now();
    }

    /** From now on the clock shows {@code at}. */
    public void pin(Instant at) {
        pinned = notInTheFuture(at);
    }

    /** Moves a pinned clock forward. */
    public Instant advance(Duration by) {
        pinned = notInTheFuture(pinned.plus(by));
        return pinned;
    }

    private static Instant notInTheFuture(Instant at) {
        if (at.isAfter(Instant.now())) {
            throw new IllegalArgumentException("the test clock must not be pinned in the future: " + at);
        }
        return at;
    }

    /** Back to system time. */
    public void release() {
        pinned = null;
    }
}
