package io.firedrill.application.requests;

import io.firedrill.application.port.in.IdempotentRequests;
import io.firedrill.application.port.out.IdempotencyRecords;
import io.firedrill.domain.shared.TenantId;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Idempotent requests over the stored records. A claim lives for one lease without renewal; while its request
 * runs, it is renewed every third of the lease, so a repeat sent after the claiming instance died takes the key
 * over within a lease, and a repeat sent while the request still runs is told it is in progress. Renewal stops
 * after {@link #HOLD_LEASES} leases: a request that runs that long is stuck, and a repeat may then run it again
 * (the event log still applies it once).
 */
public final class IdempotentRequestService implements IdempotentRequests {

    /** How many leases a running request keeps its claim at most. */
    static final int HOLD_LEASES = 12;
    private static final long[] RELEASE_PAUSES_MS = {50, 200, 750};

    private final IdempotencyRecords records;
    private final Duration lease;
    private final Timer timer;

    public IdempotentRequestService(IdempotencyRecords records, Duration lease) {
        this(records, lease, Timer.SYSTEM);
    }

    IdempotentRequestService(IdempotencyRecords records, Duration lease, Timer timer) {
        this.records = Objects.requireNonNull(records, "records");
        this.lease = Objects.requireNonNull(lease, "lease");
        this.timer = Objects.requireNonNull(timer, "timer");
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
        renewLater(tenant, key, claim.claimId(), done, timer.nanoTime() + lease.multipliedBy(HOLD_LEASES).toNanos());
        return done;
    }

    private void renewLater(TenantId tenant, String key, String claimId, CompletableFuture<?> work, long holdUntil) {
        if (work.isDone()) {
            return;
        }
        timer.schedule(lease.dividedBy(3), () -> {
            if (work.isDone() || timer.nanoTime() - holdUntil > 0) {
                return;
            }
            // A failed renewal (a database blip) is tried again at the next turn; a claim taken over is not renewed.
            records.renew(tenant, key, claimId).whenComplete((held, failure) -> {
                if (failure != null || Boolean.TRUE.equals(held)) {
                    renewLater(tenant, key, claimId, work, holdUntil);
                }
            });
        });
    }

    @Override
    public CompletableFuture<Void> complete(TenantId tenant, String key, Claim.Acquired claim, StoredResponse response) {
        return records.complete(tenant, key, claim.claimId(), response);
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
