package io.firedrill.application.requests;

import io.firedrill.application.port.in.IdempotencyClaimLost;
import io.firedrill.application.port.in.IdempotentRequests;
import io.firedrill.application.port.out.IdempotencyRecords;
import io.firedrill.domain.shared.TenantId;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Idempotent requests over the stored records. A claim lives for one lease without renewal; while its request
 * runs, it is renewed a third of a lease after the last successful renewal, a failed or late renewal (past a
 * quarter of the lease) is tried again after 250 ms (a tenth of a lease under 2.5 s), so a slow database does
 * not let the claim run out while its request runs. A repeat sent after the claiming instance died takes the key
 * over within a lease, and a repeat sent while the request still runs is told it is in progress. Renewal stops
 * after {@link #HOLD_LEASES} leases: a request that runs that long is stuck, and a repeat may then run it again
 * (the event log still applies it once). Renewals run on the timer's threads, never on the thread that answered
 * a statement (a Vert.x event loop).
 */
public final class IdempotentRequestService implements IdempotentRequests {

    /** How many leases a running request keeps its claim at most. */
    static final int HOLD_LEASES = 12;
    /** How soon a failed renewal is tried again (a tenth of a shorter lease). */
    private static final Duration RETRY_PAUSE = Duration.ofMillis(250);
    private static final long[] RELEASE_PAUSES_MS = {50, 200, 750};

    private final IdempotencyRecords records;
    private final Duration lease;
    private final Timer timer;
    private final Duration interval;
    private final Duration deadline;
    private final Duration retryPause;

    public IdempotentRequestService(IdempotencyRecords records, Duration lease) {
        this(records, lease, Timer.SYSTEM);
    }

    IdempotentRequestService(IdempotencyRecords records, Duration lease, Timer timer) {
        this.records = Objects.requireNonNull(records, "records");
        this.lease = Objects.requireNonNull(lease, "lease");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.interval = lease.dividedBy(3);
        this.deadline = lease.dividedBy(4);
        this.retryPause = Collections.min(List.of(RETRY_PAUSE, lease.dividedBy(10)));
    }

    /** The time renewals are measured in, and where they run: never on the thread that completed a statement. */
    interface Timer {

        /** {@link System#nanoTime()} and tasks on the common pool after the delay. */
        Timer SYSTEM = new Timer() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void schedule(Duration delay, Runnable task) {
                CompletableFuture.delayedExecutor(Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS).execute(task);
            }
        };

        long nanoTime();

        void schedule(Duration delay, Runnable task);
    }

    @Override
    public CompletableFuture<Claim> claim(TenantId tenant, String key, String requestHash) {
        return records.claim(tenant, key, requestHash, lease);
    }

    @Override
    public <T> CompletableFuture<T> whileClaimed(TenantId tenant, String key, Claim.Acquired claim,
                                                Supplier<? extends CompletionStage<T>> work) {
        CompletableFuture<T> done;
        try {
            done = work.get().toCompletableFuture();
        } catch (RuntimeException e) {
            done = CompletableFuture.failedFuture(e);
        }
        if (!done.isDone()) {
            new Renewal(tenant, key, claim.claimId(), done).scheduleNext();
        }
        return done;
    }

    /**
     * The renewals of one running request. They keep a fixed schedule: each is due a third of a lease after the
     * last one that succeeded (or the claim), whatever happened in between; one that fails, or has not answered
     * within its deadline (a quarter of the lease), is tried again after a short pause. A renewal that answers
     * after its deadline still counts if it succeeded. The claim is thus renewed in time unless the database
     * refuses or delays every renewal for two thirds of a lease.
     */
    private final class Renewal {

        private final TenantId tenant;
        private final String key;
        private final String claimId;
        private final CompletableFuture<?> work;
        private final long holdUntil;
        /** When the last renewal known to have succeeded was sent (its statement ran no earlier). */
        private final AtomicLong renewedAt;
        private final AtomicBoolean lost = new AtomicBoolean();

        Renewal(TenantId tenant, String key, String claimId, CompletableFuture<?> work) {
            this.tenant = tenant;
            this.key = key;
            this.claimId = claimId;
            this.work = work;
            long claimed = timer.nanoTime();
            this.renewedAt = new AtomicLong(claimed);
            this.holdUntil = claimed + lease.multipliedBy(HOLD_LEASES).toNanos();
        }

        void scheduleNext() {
            long due = renewedAt.get() + interval.toNanos();
            timer.schedule(Duration.ofNanos(due - timer.nanoTime()), this::renew);
        }

        private void renew() {
            if (work.isDone() || lost.get() || timer.nanoTime() - holdUntil > 0) {
                return;
            }
            long sent = timer.nanoTime();
            CompletableFuture<Boolean> renewal;
            try {
                renewal = records.renew(tenant, key, claimId);
            } catch (RuntimeException e) {
                renewal = CompletableFuture.failedFuture(e);
            }
            CompletableFuture<Boolean> answer = new CompletableFuture<>();
            renewal.whenComplete((held, failure) -> {
                if (failure == null && Boolean.TRUE.equals(held)) {
                    renewedAt.accumulateAndGet(sent, (last, next) -> next - last > 0 ? next : last);
                } else if (failure == null) {
                    lost.set(true);
                }
                if (failure == null) {
                    answer.complete(held);
                } else {
                    answer.completeExceptionally(failure);
                }
            });
            timer.schedule(deadline, () -> answer.completeExceptionally(new TimeoutException("renewal deadline")));
            // Whatever thread answers (a Vert.x event loop for the database), it only schedules the next turn.
            answer.whenComplete((held, failure) -> {
                if (failure == null && Boolean.TRUE.equals(held)) {
                    scheduleNext();
                } else if (failure != null) {
                    timer.schedule(retryPause, this::renew);
                }
            });
        }
    }

    @Override
    public CompletableFuture<Void> complete(TenantId tenant, String key, Claim.Acquired claim, StoredResponse response) {
        return records.complete(tenant, key, claim.claimId(), response).thenCompose(stored -> Boolean.TRUE.equals(stored)
                ? CompletableFuture.<Void>completedFuture(null)
                : CompletableFuture.failedFuture(new IdempotencyClaimLost()));
    }

    @Override
    public CompletableFuture<Void> release(TenantId tenant, String key, Claim.Acquired claim) {
        return release(tenant, key, claim.claimId(), 0);
    }

    /**
     * A release follows a failure, often of the database: the connection that just broke may still be handed out
     * once, so a failed release is tried again shortly (a few hundred milliseconds in all) before the claim is
     * left to run out with its lease.
     */
    private CompletableFuture<Void> release(TenantId tenant, String key, String claimId, int attempt) {
        return records.release(tenant, key, claimId).exceptionallyCompose(failure -> attempt >= RELEASE_PAUSES_MS.length
                ? CompletableFuture.failedFuture(failure)
                : CompletableFuture.runAsync(() -> { },
                                CompletableFuture.delayedExecutor(RELEASE_PAUSES_MS[attempt], TimeUnit.MILLISECONDS))
                        .thenCompose(paused -> release(tenant, key, claimId, attempt + 1)));
    }
}
