package io.firedrill.application.slice;

import io.firedrill.application.port.in.CommandMetadata;
import io.firedrill.application.port.in.CommandOutcome;
import io.firedrill.application.port.in.VersionMismatch;
import io.firedrill.domain.shared.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.axonframework.common.configuration.ModuleBuilder;
import org.axonframework.conversion.Converter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.EventStoreTransaction;
import org.axonframework.eventsourcing.eventstore.GlobalIndexConsistencyMarker;
import org.axonframework.eventsourcing.eventstore.SourcingCondition;
import org.axonframework.messaging.commandhandling.CommandHandler;
import org.axonframework.messaging.commandhandling.CommandMessage;
import org.axonframework.messaging.commandhandling.CommandResultMessage;
import org.axonframework.messaging.commandhandling.GenericCommandResultMessage;
import org.axonframework.messaging.commandhandling.configuration.CommandHandlingModule;
import org.axonframework.messaging.core.MessageStream;
import org.axonframework.messaging.core.QualifiedName;
import org.axonframework.messaging.core.unitofwork.ProcessingContext;
import org.axonframework.messaging.eventhandling.EventMessage;
import org.axonframework.messaging.eventhandling.GenericEventMessage;
import org.axonframework.messaging.eventstreaming.EventCriteria;

/**
 * Handles every command of one event-sourced concept the same way: source the subject's events through the
 * processing context's event store transaction, fold them, decide, and append the new events through the
 * same transaction. Axon derives the append condition from what was sourced, so a competing append to the
 * same subject between sourcing and commit fails the whole command with a conflict instead of losing an
 * update ({@link CommandSender} decides it again).
 *
 * <p>The subject's state is cached with the marker it is folded up to ({@link SubjectStates}): a command sources
 * only the events after it. Events are converted and folded, and the command decided, on the {@code folds}
 * executor, never on the thread that delivered the events (a Vert.x event loop).
 *
 * <p>A command sent with an idempotency key and request fingerprint that already stand on the subject's
 * events was applied before (its response was lost): it changes nothing. A command with an expected
 * version fails with {@link VersionMismatch} when the subject is at another version. The result is a
 * {@link CommandOutcome} with the state after the command.
 */
public final class SourcedCommandHandler<C, E, S> implements CommandHandler {

    private final SourcedModel<C, E, S> model;
    private final StoredEvents storedEvents;
    private final EventStore eventStore;
    private final Converter converter;
    private final Clock clock;
    private final SubjectStates<S> states;
    private final SubjectStates.Shared shared;
    private final Executor folds;

    private SourcedCommandHandler(SourcedModel<C, E, S> model, StoredEvents storedEvents, EventStore eventStore,
                                  Converter converter, Clock clock, SubjectStates<S> states, SubjectStates.Shared shared,
                                  Executor folds) {
        this.model = model;
        this.storedEvents = storedEvents;
        this.eventStore = eventStore;
        this.converter = converter;
        this.clock = clock;
        this.states = states;
        this.shared = shared;
        this.folds = folds;
    }

    /**
     * A module that subscribes one handler of {@code model} to each of {@code commands}; they share one cache of
     * subject states.
     */
    public static <C, E, S> ModuleBuilder<CommandHandlingModule> module(String name, List<QualifiedName> commands,
                                                         SourcedModel<C, E, S> model, StoredEvents storedEvents,
                                                         CommandSettings settings, SubjectStates.Shared shared) {
        SubjectStates<S> states = new SubjectStates<>(settings, model::weight, shared);
        return CommandHandlingModule.named(name).commandHandlers(handlers -> {
            for (QualifiedName command : commands) {
                handlers.commandHandler(command, configuration -> new SourcedCommandHandler<>(model, storedEvents,
                        configuration.getComponent(EventStore.class), configuration.getComponent(Converter.class),
                        settings.clock(), states, shared, settings.folds()));
            }
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public MessageStream.Single<CommandResultMessage> handle(CommandMessage message, ProcessingContext context) {
        C command = (C) message.payload();
        Map<String, String> metadata = message.metadata();
        TenantId tenant = new TenantId(Objects.requireNonNull(metadata.get(CommandMetadata.TENANT), "tenant"));
        EventStoreTransaction transaction = eventStore.transaction(context);
        String key = metadata.get(CommandMetadata.IDEMPOTENCY_KEY);
        String hash = metadata.get(CommandMetadata.REQUEST_HASH);
        EventCriteria criteria = model.criteria(tenant, command);
        CompletableFuture<CommandResultMessage> result = source(transaction, criteria, states.get(criteria))
                .thenApplyAsync(read -> {
                    SubjectStates.Cached<S> cached = read.cached();
                    List<EventMessage> messages = read.messages();
                    List<E> events = new ArrayList<>(messages.size());
                    List<String> appliedNow = new ArrayList<>();
                    for (EventMessage sourced : messages) {
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
                    Set<String> applied = read.sourcedTo() >= 0
                            ? states.remember(criteria, cached, state, read.sourcedTo(), appliedNow)
                            : appliedWithoutMarker(cached, appliedNow);
                    return key != null && hash != null && applied.contains(SubjectStates.request(key, hash))
                            ? new GenericCommandResultMessage(model.resultType(), new CommandOutcome<>(state, 0))
                            : decide(command, state, metadata, transaction);
                }, folds);
        return MessageStream.fromFuture(result);
    }

    /**
     * The subject's events after its cached state ({@code cached}, or all of them without one), and the position the
     * read went up to. A log whose head is below the cached state's marker lost events (the database failed over to a
     * replica that missed commits, or was restored): every cached state is forgotten, the subject is read whole, and
     * what this command folds is not cached (its transaction's marker stays the first read's).
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

    /** What a command read: the cached state it started from (or null), the events after it, where it read up to. */
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

    private CommandResultMessage decide(C command, S state, Map<String, String> metadata,
                                        EventStoreTransaction transaction) {
        if (!model.creates(command) && !model.exists(state)) {
            throw model.notFound(command);
        }
        String expected = metadata.get(CommandMetadata.EXPECTED_VERSION);
        if (expected != null && Long.parseLong(expected) != model.version(state)) {
            throw new VersionMismatch(model.subject(), Long.parseLong(expected), model.version(state));
        }
        Instant now = clock.instant();
        List<E> events = model.decide(command, state, now);
        Map<String, String> eventMetadata = CommandMetadata.forEvents(metadata);
        for (E event : events) {
            transaction.appendEvent(new GenericEventMessage(UUID.randomUUID().toString(), storedEvents.typeOf(event), event,
                    eventMetadata, model.recordedAt(event)));
        }
        return new GenericCommandResultMessage(model.resultType(),
                new CommandOutcome<>(model.fold(state, events), events.size()));
    }
}
