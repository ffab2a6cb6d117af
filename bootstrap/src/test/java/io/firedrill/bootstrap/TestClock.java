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
 * can run commands at known instants. Tests that pin it release it when they end.
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
        pinned = at;
    }

    /** Moves a pinned clock forward. */
    public Instant advance(Duration by) {
        pinned = pinned.plus(by);
        return pinned;
    }

    /** Back to system time. */
    public void release() {
        pinned = null;
    }
}
