package io.firedrill.application.port.in.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The event processors (read model projections and automations) as an operator sees them: how far behind they
 * are, which events they parked because they could not apply them, the retry that un-parks those that apply
 * now, and the discard of one that never will. Names that are not a processor fail with {@link ProjectionNotFound}.
 */
public interface ProjectionAdmin {

    /** Every processor, in registration order. */
    CompletableFuture<List<Projection>> projections();

    /**
     * Up to {@code limit} parked events of processor {@code name} after log position {@code after}, in log order:
     * those still parked, or with {@code discarded} those an operator discarded.
     */
    CompletableFuture<List<ParkedEvent>> parked(String name, long after, int limit, boolean discarded);

    /**
     * Re-applies every parked event of processor {@code name}, subject by subject in log order: an event that
     * applies is un-parked; one that fails again stays parked with its new error, and its subject's later events
     * stay parked behind it. Fails with {@link RebuildRunning} while the read model is being rebuilt.
     */
    CompletableFuture<RetryOutcome> retry(String name);

    /**
     * Discards the parked event of processor {@code name} at log position {@code position}, for an event that can
     * never be applied: it is kept with who discarded it, when and why, and is no longer counted, retried or held
     * in front of its subject's later events (those still parked are applied by the next {@link #retry}). The
     * processor never applies it. Discarding it again answers it unchanged. Fails with {@link ParkedEventNotFound}
     * when the processor has no parked event there.
     *
     * @param by who discards it
     * @param reason why, for the record (required)
     */
    CompletableFuture<ParkedEvent> discard(String name, long position, String by, String reason);

    /** What a processor does: a read model can be rebuilt from the log; an automation sends commands. */
    enum Kind { READ_MODEL, AUTOMATION }

    /**
     * Starts rebuilding read model {@code name} from the log into copies of its tables, while the live read model
     * keeps serving; the copy replaces the live rows in one transaction once it has caught up with them. Every
     * instance sharing the database takes part; none needs a stop. Completes once the rebuild is recorded; fails with
     * {@link RebuildRefused} when one runs already or the processor is an automation.
     */
    CompletableFuture<Void> rebuild(String name);

    /**
     * One processor.
     *
     * @param running whether it runs on this instance
     * @param lagSeconds the age of the oldest event it has not handled yet (0 when caught up), as last read for the
     *     gauges; {@code null} when not known yet
     * @param parked how many events it has parked
     * @param position the log position every segment has handled events up to (the least of its segments'), or
     *     {@code null} before it first ran
     * @param lagEvents how many log positions the head of the log is past {@code position}
     * @param state {@code LIVE}, {@code REBUILDING} (a rebuild is under way) or {@code REBUILD_FAILED}
     * @param segments where each segment stands and which node claims it
     * @param claimsByNode how many segments each node claims
     * @param rebuild the rebuild under way or failed, {@code null} when there is none
     */
    record Projection(String name, Kind kind, boolean running, Double lagSeconds, long parked, Long position,
                      Long lagEvents, String state, List<Segment> segments, Map<String, Integer> claimsByNode,
                      Rebuild rebuild) {
    }

    /**
     * A segment of a processor.
     *
     * @param owner the node claiming it, {@code null} when none does
     * @param claimedAt when its claim was last renewed
     */
    record Segment(int segment, Long position, String owner, Instant claimedAt) {
    }

    /**
     * A rebuild.
     *
     * @param position how far the rebuilt copy has got (the least of its segments'), {@code null} before it starts
     * @param lagEvents how many log positions the head is past it
     * @param failedAt when it stopped on an event it cannot apply ({@code error} says why); {@code null} while it runs
     */
    record Rebuild(Instant startedAt, Long position, Long lagEvents, Instant failedAt, String error) {
    }

    /**
     * A parked event.
     *
     * @param type the stored type name of the event
     * @param subject what the processor keeps the event's order by (an incident id, an integration id)
     * @param waitingBehind the log position of the parked event of the same subject it waits behind, so that the
     *     subject's events are applied in order; {@code null} when it failed itself
     * @param errorClass the class of the error it failed with, {@code null} while it waits behind another
     * @param attempts how many times it has been tried
     * @param discardedAt when an operator discarded it; {@code null} while it is parked
     * @param discardedBy who discarded it
     * @param discardReason why they did
     */
    record ParkedEvent(long position, String eventId, String type, String subject, String tenant, Long waitingBehind,
                       String errorClass, String errorMessage, int attempts, Instant firstParkedAt,
                       Instant lastAttemptAt, Instant discardedAt, String discardedBy, String discardReason) {
    }

    /**
     * The result of a retry.
     *
     * @param unparked the events applied and un-parked, in the order they were applied
     * @param remaining the processor's parked events after the retry (the first {@link #REPORTED} of them)
     * @param remainingCount how many remain parked
     */
    record RetryOutcome(List<ParkedEvent> unparked, List<ParkedEvent> remaining, long remainingCount) {

        /** The most remaining events a retry reports; list the rest with {@link #parked}. */
        public static final int REPORTED = 500;
    }
}
