package io.firedrill.application.slice;

import io.firedrill.application.port.in.CommandMetadata;
import io.firedrill.application.port.out.RowBatches;
import io.firedrill.application.port.out.RowBatches.Checkpoint;
import io.firedrill.application.port.out.RowBatches.Change;
import io.firedrill.application.port.out.RowBatches.Stored;
import io.firedrill.domain.shared.TenantId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.axonframework.messaging.eventhandling.EventMessage;

/**
 * How a read model of one row per subject advances by batches: the events of a batch are grouped by subject, each
 * subject's events are folded in log order into its stored state (those at or below the row's position were applied
 * already and are passed over), and the changed rows are written with the batch's checkpoint in one transaction
 * ({@link RowBatches#advance}). The fold is the same {@code evolve} the per-event path uses.
 *
 * @param <E> the slice's events
 * @param <S> the state a row holds
 */
public final class RowProjection<E, S> {

    private final EventTypes<E> types;
    private final SliceWiring wiring;
    private final Function<E, UUID> subject;
    private final S empty;
    private final BiFunction<S, E, S> evolve;
    private final Supplier<RowBatches<S>> rows;

    /**
     * @param subject the subject an event is about, whose row it changes
     * @param empty the state of a subject that has no row yet
     * @param evolve the next state of a subject after an event
     * @param rows the read model's rows (looked up on first use)
     */
    public RowProjection(EventTypes<E> types, SliceWiring wiring, Function<E, UUID> subject, S empty,
                         BiFunction<S, E, S> evolve, Supplier<RowBatches<S>> rows) {
        this.types = types;
        this.wiring = wiring;
        this.subject = subject;
        this.empty = empty;
        this.evolve = evolve;
        this.rows = rows;
    }

    /** The read model's rows. */
    public RowBatches<S> rows() {
        return rows.get();
    }

    /**
     * The event a message carries if it is one of this projection's; fails for one that cannot be read (such an
     * event goes the per-event way, which parks it).
     */
    public Optional<E> read(EventMessage message) {
        return wiring.storedEvents().read(types, message, wiring.converter());
    }

    /**
     * Applies {@code messages} (this projection's events, in log order, each stamped with its position) and moves
     * the checkpoint, in one transaction. The events must be readable ({@link #read}).
     */
    public CompletableFuture<Void> advance(Checkpoint checkpoint, List<EventMessage> messages) {
        Map<UUID, List<Positioned<E>>> bySubject = new LinkedHashMap<>();
        for (EventMessage message : messages) {
            E event = read(message).orElseThrow(() -> new IllegalArgumentException("event " + message.identifier()
                    + " is not one of " + types.eventType().getSimpleName()));
            long position = Long.parseLong(message.metadata().get(ProjectedRows.POSITION));
            TenantId tenant = new TenantId(message.metadata().get(CommandMetadata.TENANT));
            bySubject.computeIfAbsent(subject.apply(event), ignored -> new ArrayList<>())
                    .add(new Positioned<>(event, tenant, position));
        }
        return rows.get().advance(checkpoint, bySubject.keySet(), stored -> fold(bySubject, stored));
    }

    private List<Change<S>> fold(Map<UUID, List<Positioned<E>>> bySubject, Map<UUID, Stored<S>> stored) {
        List<Change<S>> changed = new ArrayList<>(bySubject.size());
        bySubject.forEach((id, events) -> {
            Stored<S> row = stored.get(id);
            S before = row == null ? null : row.state();
            long applied = row == null ? Long.MIN_VALUE : row.position();
            S state = before == null ? empty : before;
            TenantId tenant = null;
            for (Positioned<E> event : events) {
                if (event.position() > applied) {
                    state = evolve.apply(state, event.event());
                    applied = event.position();
                    tenant = event.tenant();
                }
            }
            if (tenant != null) {
                changed.add(new Change<>(id, tenant, before, state, applied));
            }
        });
        return changed;
    }

    private record Positioned<E>(E event, TenantId tenant, long position) {
    }
}
