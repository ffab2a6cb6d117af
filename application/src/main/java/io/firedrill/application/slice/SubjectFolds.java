package io.firedrill.application.slice;

import io.firedrill.application.port.in.CommandMetadata;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.axonframework.conversion.Converter;
import org.axonframework.eventsourcing.eventstore.EventStoreTransaction;
import org.axonframework.eventsourcing.eventstore.GlobalIndexConsistencyMarker;
import org.axonframework.eventsourcing.eventstore.SourcingCondition;
import org.axonframework.messaging.eventhandling.EventMessage;
import org.axonframework.messaging.eventstreaming.EventCriteria;

/**
 * A subject's current state, as one concept's commands and reads get it: its events after its cached state
 * ({@link SubjectStates}), or all of them without one, are sourced through an event store transaction (which makes
 * them the append condition of a command), then converted and folded on the {@code folds} executor, never on the thread
 * that delivered them (a Vert.x event loop); the state is cached with the marker it is folded up to.
 */
final class SubjectFolds<E, S> {

    private final SourcedModel<?, E, S> model;
    private final StoredEvents storedEvents;
    private final SubjectStates<S> states;
    private final SubjectStates.Shared shared;
    private final Executor folds;

    SubjectFolds(SourcedModel<?, E, S> model, StoredEvents storedEvents, SubjectStates<S> states,
                 SubjectStates.Shared shared, Executor folds) {
        this.model = model;
        this.storedEvents = storedEvents;
        this.states = states;
        this.shared = shared;
        this.folds = folds;
    }

    /** The subject's state, and the idempotent requests (key and fingerprint) whose events are in its log. */
    record Folded<S>(S state, Set<String> applied) {
    }

    /**
     * Sources the subject that {@code criteria} select through {@code transaction}, folds it and applies {@code then} to
     * the result, both on a fold thread (a stage attached afterwards could run on whichever thread attaches it).
     */
    <R> CompletableFuture<R> current(EventStoreTransaction transaction, EventCriteria criteria, Converter converter,
                                     Function<Folded<S>, R> then) {
        return source(transaction, criteria, states.get(criteria)).thenApplyAsync(read -> then.apply(fold(criteria, read,
                converter)), folds);
    }

    @SuppressWarnings("unchecked")
    private Folded<S> fold(EventCriteria criteria, Read<S> read, Converter converter) {
        SubjectStates.Cached<S> cached = read.cached();
        List<E> events = new ArrayList<>(read.messages().size());
        List<String> appliedNow = new ArrayList<>();
        for (EventMessage sourced : read.messages()) {
            events.add((E) storedEvents.read(sourced, converter)
                    .orElseThrow(() -> new IllegalStateException("unexpected event type "
                            + sourced.type() + " in the log of a " + model.subject())));
            String eventKey = sourced.metadata().get(CommandMetadata.IDEMPOTENCY_KEY);
            String eventHash = sourced.metadata().get(CommandMetadata.REQUEST_HASH);
            if (eventKey != null && eventHash != null) {
                appliedNow.add(SubjectStates.request(eventKey, eventHash));
            }
        }
        S state = model.fold(cached == null ? model.empty() : cached.state(), events);
        // A subject without events is not cached: reads of ids that do not exist would push out real states.
        Set<String> applied = read.sourcedTo() >= 0 && model.exists(state)
                ? states.remember(criteria, cached, state, read.sourcedTo(), appliedNow)
                : appliedWithoutMarker(cached, appliedNow);
        return new Folded<>(state, applied);
    }

    /**
     * The subject's events after its cached state ({@code cached}, or all of them without one), and the position the
     * read went up to. A log whose head is below the cached state's marker lost events (the database failed over to a
     * replica that missed commits, or was restored): every cached state is forgotten, the subject is read whole, and
     * what this read folds is not cached (its transaction's marker stays the first read's).
     */
    private CompletableFuture<Read<S>> source(EventStoreTransaction transaction, EventCriteria criteria,
                                              SubjectStates.Cached<S> cached) {
        SourcingCondition sourcing = cached == null
                ? SourcingCondition.conditionFor(criteria)
                : SourcingCondition.conditionFor(new GlobalIndexConsistencyMarker(cached.marker() + 1).position(), criteria);
        return transaction.source(sourcing)
                .reduce(new ArrayList<EventMessage>(), (messages, entry) -> {
                    messages.add(entry.message());
                    return messages;
                })
                .thenCompose(messages -> {
                    long sourcedTo = transaction.appendPosition() instanceof GlobalIndexConsistencyMarker marker
                            ? GlobalIndexConsistencyMarker.position(marker) : -1;
                    if (cached != null && sourcedTo < cached.marker()) {
                        shared.forgetAll();
                        return source(transaction, criteria, null)
                                .thenApply(whole -> new Read<>(null, whole.messages(), -1));
                    }
                    return CompletableFuture.completedFuture(new Read<>(cached, messages, sourcedTo));
                });
    }

    /** What was read: the cached state it started from (or null), the events after it, where it read up to. */
    private record Read<S>(SubjectStates.Cached<S> cached, List<EventMessage> messages, long sourcedTo) {
    }

    /** The applied requests when the engine gives no marker to cache the state under (Axon's in-memory engine may). */
    private static Set<String> appliedWithoutMarker(SubjectStates.Cached<?> cached, List<String> appliedNow) {
        Set<String> applied = new HashSet<>(appliedNow);
        if (cached != null) {
            applied.addAll(cached.applied());
        }
        return applied;
    }
}
