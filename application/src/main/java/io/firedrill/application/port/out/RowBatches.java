package io.firedrill.application.port.out;

import io.firedrill.domain.shared.TenantId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A read model of one row per subject (an incident, an action item) that advances by batches of events: the rows a
 * batch touches and the processor's checkpoint are written in one transaction, and only by the node that still
 * holds the checkpoint's claim.
 *
 * @param <S> the state a row holds
 */
public interface RowBatches<S> {

    /**
     * In one transaction: moves the checkpoints of {@code checkpoint}'s segments to its position (those past it stay),
     * provided this node ({@link Checkpoint#owner}) still holds every one of their claims (else fails with {@link ClaimLost} and writes
     * nothing); locks the rows of {@code subjects}; hands their stored states (subjects without a row are absent) to
     * {@code fold}; and writes the rows it answers. Fails as a whole: a failed batch leaves rows and checkpoint as
     * they were.
     */
    CompletableFuture<Void> advance(Checkpoint checkpoint, Set<UUID> subjects,
                                    Function<Map<UUID, Stored<S>>, List<Change<S>>> fold);

    /**
     * Where a processor's segments stand after a batch.
     *
     * @param processor the processor's name (a rebuild runs under a name of its own)
     * @param segments the ids of the segments the batch covers
     * @param owner the node that claims the segment
     * @param position the log position up to which the segments have handled their events
     * @param target which copy of the read model the batch writes: the live one, or the one being rebuilt
     */
    record Checkpoint(String processor, List<Integer> segments, String owner, long position, Target target) {
        public Checkpoint {
            Objects.requireNonNull(processor, "processor");
            segments = List.copyOf(segments);
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(target, "target");
        }

        /** A checkpoint of the live read model. */
        public Checkpoint(String processor, List<Integer> segments, String owner, long position) {
            this(processor, segments, owner, position, Target.LIVE);
        }
    }

    /** The copies of a read model: the live one readers see, and the one a rebuild fills before it replaces it. */
    enum Target { LIVE, REBUILD }

    /** A row as stored: its state and the log position of the last event applied to it. */
    record Stored<S>(S state, long position) {
    }

    /**
     * A row to write.
     *
     * @param before the state the row held, {@code null} when the subject had none
     * @param after the state to store
     * @param position the log position of the last event folded into {@code after}
     */
    record Change<S>(UUID id, TenantId tenant, S before, S after, long position) {
    }

    /** This node no longer holds the segment's claim: another node took it over, and this one must stop writing. */
    final class ClaimLost extends RuntimeException {
        public ClaimLost(Checkpoint checkpoint) {
            super("segments " + checkpoint.segments() + " of " + checkpoint.processor() + " are no longer all claimed by "
                    + checkpoint.owner());
        }
    }
}
