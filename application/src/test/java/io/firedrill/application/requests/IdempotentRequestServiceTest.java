package io.firedrill.application.requests;

import static io.firedrill.application.testing.Contexts.ACME;
import static org.assertj.core.api.Assertions.assertThat;

import io.firedrill.application.port.in.IdempotencyClaimLost;
import io.firedrill.application.port.in.IdempotentRequests;
import io.firedrill.application.port.in.Unavailable;
import io.firedrill.application.port.in.IdempotentRequests.Claim;
import io.firedrill.application.port.in.IdempotentRequests.StoredResponse;
import io.firedrill.application.port.out.IdempotencyRecords;
import io.firedrill.domain.shared.TenantId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The claim of a running request is renewed so that it never goes a lease without renewal, whatever single
 * renewal fails or hangs; a response whose claim was taken over is a fault, not stored. Time is virtual: the service's timer is driven by the test, so a 30-second request takes
 * milliseconds and no margin depends on the machine's load.
 */
class IdempotentRequestServiceTest {

    private static final Duration LEASE = Duration.ofSeconds(10);
    private static final String KEY = "3f1c2b8e-9a47-4d6b-b0e2-5c8d7f6a1e23";
    private static final Claim.Acquired CLAIM = new Claim.Acquired("claim-1");

    private final VirtualTimer timer = new VirtualTimer();

    @Test
    void givenTheFirstRenewalFailsAfterFiveSeconds_whenTheRequestRuns30Seconds_thenNoLeaseGoesByWithoutARenewal() {
        // An overloaded pool: the first renewal waits 5 s for a connection and fails; later ones succeed at once.
        FakeRecords records = new FakeRecords(call -> call == 0 ? timer.failingAfter(Duration.ofSeconds(5)) : null);

        runFor(Duration.ofSeconds(30), records);

        assertThat(records.longestGapUntil(Duration.ofSeconds(30))).isLessThan(LEASE);
    }

    @Test
    void givenTheFirstRenewalNeverAnswers_whenTheRequestRuns30Seconds_thenNoLeaseGoesByWithoutARenewal() {
        FakeRecords records = new FakeRecords(call -> call == 0 ? new CompletableFuture<>() : null);

        runFor(Duration.ofSeconds(30), records);

        assertThat(records.longestGapUntil(Duration.ofSeconds(30))).isLessThan(LEASE);
    }

    @Test
    void givenRenewalsThatAllSucceed_whenTheRequestRuns30Seconds_thenRenewedEveryThirdOfTheLeaseAndNotAfterItEnds() {
        FakeRecords records = new FakeRecords(call -> null);

        runFor(Duration.ofSeconds(30), records);
        timer.advanceTo(Duration.ofSeconds(60));

        assertThat(records.renewedAt).hasSize(9);
        assertThat(records.longestGapUntil(Duration.ofSeconds(30))).isLessThanOrEqualTo(LEASE.dividedBy(3).plusMillis(1));
        assertThat(records.calls).as("no renewal once the request is done").isEqualTo(9);
    }

    @Test
    void givenTheClaimWasTakenOver_whenTheRenewalSaysSo_thenItIsNotRenewedAgain() {
        FakeRecords records = new FakeRecords(call -> CompletableFuture.completedFuture(false));

        runFor(Duration.ofSeconds(30), records);

        assertThat(records.calls).isEqualTo(1);
    }

    @Test
    void givenRenewalsThatAlwaysFail_whenTheRequestNeverEnds_thenRenewalStopsAfterTheHoldingTime() {
        FakeRecords records = new FakeRecords(call -> CompletableFuture.failedFuture(new IllegalStateException("database down")));
        IdempotentRequests service = new IdempotentRequestService(records, LEASE, timer);

        service.whileClaimed(ACME, KEY, CLAIM, CompletableFuture::new);
        timer.advanceTo(LEASE.multipliedBy(IdempotentRequestService.HOLD_LEASES));
        int callsWhileHeld = records.calls;
        timer.advanceTo(LEASE.multipliedBy(IdempotentRequestService.HOLD_LEASES * 10L));

        assertThat(callsWhileHeld).as("failed renewals are retried").isGreaterThan(IdempotentRequestService.HOLD_LEASES * 3);
        assertThat(records.calls).as("none after the holding time").isEqualTo(callsWhileHeld);
    }

    @Test
    void givenTheClaimWasTakenOver_whenTheResponseIsToBeStored_thenCompletingFailsAsAFault() {
        FakeRecords records = new FakeRecords(call -> null);
        records.claimHeld = false;
        IdempotentRequests service = new IdempotentRequestService(records, LEASE, timer);

        CompletableFuture<Void> completed = service.complete(ACME, KEY, CLAIM,
                new StoredResponse(200, "application/json", Map.of(), "{}"));

        assertThat(completed).failsWithin(Duration.ZERO).withThrowableThat().havingCause()
                .isInstanceOf(IdempotencyClaimLost.class).isInstanceOf(Unavailable.class);
    }

    @Test
    void givenTheClaimIsHeld_whenTheResponseIsStored_thenCompletingSucceeds() {
        IdempotentRequests service = new IdempotentRequestService(new FakeRecords(call -> null), LEASE, timer);

        assertThat(service.complete(ACME, KEY, CLAIM, new StoredResponse(200, "application/json", Map.of(), "{}")))
                .isCompleted().isNotCompletedExceptionally();
    }

    /** Runs a request under {@link #CLAIM} that ends after {@code duration} of virtual time. */
    private void runFor(Duration duration, FakeRecords records) {
        IdempotentRequests service = new IdempotentRequestService(records, LEASE, timer);
        CompletableFuture<String> work = new CompletableFuture<>();
        CompletableFuture<String> answered = service.whileClaimed(ACME, KEY, CLAIM, () -> work);
        timer.advanceTo(duration);
        work.complete("done");
        assertThat(answered).isCompletedWithValue("done");
    }

    /** A timer whose time moves only when the test says so; tasks run on the test's thread, in time order. */
    static final class VirtualTimer implements IdempotentRequestService.Timer {

        private record Task(long due, long order, Runnable run) {
        }

        private final PriorityQueue<Task> tasks = new PriorityQueue<>(
                Comparator.comparingLong(Task::due).thenComparingLong(Task::order));
        private long now;
        private long scheduled;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void schedule(Duration delay, Runnable task) {
            tasks.add(new Task(now + Math.max(0, delay.toNanos()), scheduled++, task));
        }

        void advanceTo(Duration time) {
            long until = time.toNanos();
            while (!tasks.isEmpty() && tasks.peek().due() <= until) {
                Task next = tasks.poll();
                now = next.due();
                next.run().run();
            }
            now = until;
        }

        <T> CompletableFuture<T> failingAfter(Duration delay) {
            CompletableFuture<T> result = new CompletableFuture<>();
            schedule(delay, () -> result.completeExceptionally(new IllegalStateException("no connection free in time")));
            return result;
        }
    }

    /**
     * Renewals answer what {@code answers} gives for the n-th call, or succeed at once for {@code null}; a renewal
     * that succeeds renews the claim at the virtual time it was called.
     */
    private final class FakeRecords implements IdempotencyRecords {

        private final IntFunction<CompletableFuture<Boolean>> answers;
        private final List<Long> renewedAt = new ArrayList<>();
        private int calls;
        private boolean claimHeld = true;

        FakeRecords(IntFunction<CompletableFuture<Boolean>> answers) {
            this.answers = answers;
        }

        @Override
        public CompletableFuture<Claim> claim(TenantId tenant, String key, String requestHash, Duration lease) {
            // These tests start from a claim already held: a call here means the service claimed again.
            throw new UnsupportedOperationException("the service must not claim a key it already holds");
        }

        @Override
        public CompletableFuture<Boolean> renew(TenantId tenant, String key, String claimId) {
            assertThat(claimId).isEqualTo(CLAIM.claimId());
            long calledAt = timer.nanoTime();
            CompletableFuture<Boolean> answer = answers.apply(calls++);
            if (answer == null) {
                renewedAt.add(calledAt);
                return CompletableFuture.completedFuture(true);
            }
            return answer;
        }

        @Override
        public CompletableFuture<Boolean> complete(TenantId tenant, String key, String claimId, StoredResponse response) {
            return CompletableFuture.completedFuture(claimHeld);
        }

        @Override
        public CompletableFuture<Void> release(TenantId tenant, String key, String claimId) {
            // Renewal and completion never give a claim up: a call here fails the test.
            throw new UnsupportedOperationException("renewal and completion must not release the claim");
        }

        /** The longest time the claim (made at time zero) went without a renewal, until {@code end}. */
        Duration longestGapUntil(Duration end) {
            long longest = 0;
            long previous = 0;
            for (long renewal : renewedAt) {
                longest = Math.max(longest, renewal - previous);
                previous = renewal;
            }
            return Duration.ofNanos(Math.max(longest, end.toNanos() - previous));
        }
    }
}
