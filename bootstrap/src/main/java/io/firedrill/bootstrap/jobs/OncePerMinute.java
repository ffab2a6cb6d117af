package io.firedrill.bootstrap.jobs;

import java.util.concurrent.atomic.AtomicLong;

/** Whether a job's failure is to be logged: the first, then at most one a minute (a database away fails every tick). */
final class OncePerMinute {

    private static final long MINUTE = 60_000_000_000L;
    private final AtomicLong last = new AtomicLong(System.nanoTime() - MINUTE);

    /** {@code true} at most once a minute, across threads. */
    boolean due() {
        long now = System.nanoTime();
        long previous = last.get();
        return now - previous >= MINUTE && last.compareAndSet(previous, now);
    }
}
