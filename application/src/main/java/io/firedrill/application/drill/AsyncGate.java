package io.firedrill.application.drill;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;

/**
 * At most {@code permits} asynchronous operations at once; the others wait, in the order they came, for one to end.
 * The drill scheduler's starts, its skips and the drill runner each send their database work through one, so that a
 * thousand runs due at once queue here instead of overflowing the connection pool's wait queue (and failing the
 * projections' and requests' statements with it). A waiting operation starts on {@code executor}, never on the thread that ended the one before (a Vert.x
 * event loop), and never by recursion.
 */
final class AsyncGate {

    private final int permits;
    private final Executor executor;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int running;

    AsyncGate(int permits) {
        this(permits, ForkJoinPool.commonPool());
    }

    AsyncGate(int permits, Executor executor) {
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be at least 1, not " + permits);
        }
        this.permits = permits;
        this.executor = executor;
    }

    /**
     * Runs {@code operation} now if a permit is free, else once one is; the permit is held until its future ends. The
     * result always ends: with the operation's outcome, or with what the operation threw (or a {@code null} it returned).
     */
    <T> CompletableFuture<T> run(Supplier<? extends CompletableFuture<T>> operation) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable start = () -> {
            CompletableFuture<T> started;
            try {
                started = operation.get();
                if (started == null) {
                    started = CompletableFuture.failedFuture(new NullPointerException("the operation returned no future"));
                }
            } catch (Throwable e) {
                started = CompletableFuture.failedFuture(e);
            }
            started.whenComplete((value, failure) -> {
                try {
                    release();
                } finally {
                    if (failure != null) {
                        result.completeExceptionally(failure);
                    } else {
                        result.complete(value);
                    }
                }
            });
        };
        boolean now;
        synchronized (this) {
            now = running < permits;
            if (now) {
                running++;
            } else {
                waiting.add(start);
            }
        }
        if (now) {
            start.run();
        }
        return result;
    }

    /** Operations running now (for tests). */
    synchronized int running() {
        return running;
    }

    /** Passes the permit to the next waiting operation, or frees it. */
    private void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                running--;
            }
        }
        if (next != null) {
            try {
                executor.execute(next);
            } catch (RuntimeException rejected) {
                // No thread to start it on (the executor shut down): run it here rather than lose it and its permit.
                next.run();
            }
        }
    }
}
