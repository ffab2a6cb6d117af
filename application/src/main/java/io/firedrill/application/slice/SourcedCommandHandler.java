package io.firedrill.application.slice;

import io.firedrill.application.port.in.CommandMetadata;
import io.firedrill.application.port.in.CommandOutcome;
import io.firedrill.application.port.in.VersionMismatch;
import io.firedrill.domain.shared.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.axonframework.common.configuration.ModuleBuilder;
import org.axonframework.conversion.Converter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.EventStoreTransaction;
import org.axonframework.messaging.commandhandling.CommandHandler;
import org.axonframework.messaging.commandhandling.CommandMessage;
import org.axonframework.messaging.commandhandling.CommandResultMessage;
import org.axonframework.messaging.commandhandling.GenericCommandResultMessage;
import org.axonframework.messaging.commandhandling.configuration.CommandHandlingModule;
import org.axonframework.messaging.core.MessageStream;
import org.axonframework.messaging.core.QualifiedName;
import org.axonframework.messaging.core.unitofwork.ProcessingContext;
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
 * only the events after it ({@link SubjectFolds}, shared with the concept's reads). Events are converted and folded,
 * and the command decided, on the {@code folds} executor, never on the thread that delivered the events (a Vert.x
 * event loop).
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
    private final SubjectFolds<E, S> folds;

    private SourcedCommandHandler(SourcedModel<C, E, S> model, StoredEvents storedEvents, EventStore eventStore,
                                  Converter converter, Clock clock, SubjectFolds<E, S> folds) {
        this.model = model;
        this.storedEvents = storedEvents;
        this.eventStore = eventStore;
        this.converter = converter;
        this.clock = clock;
        this.folds = folds;
    }

    /**
     * A module that subscribes one handler of {@code model} to each of {@code commands}; they share {@code folds}, and so
     * one cache of subject states, with the concept's reads.
     */
    static <C, E, S> ModuleBuilder<CommandHandlingModule> module(String name, List<QualifiedName> commands,
                                                                 SourcedModel<C, E, S> model, StoredEvents storedEvents,
                                                                 Clock clock, SubjectFolds<E, S> folds) {
        return CommandHandlingModule.named(name).commandHandlers(handlers -> {
            for (QualifiedName command : commands) {
                handlers.commandHandler(command, configuration -> new SourcedCommandHandler<>(model, storedEvents,
                        configuration.getComponent(EventStore.class), configuration.getComponent(Converter.class),
                        clock, folds));
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
        CompletableFuture<CommandResultMessage> result = folds.current(transaction, criteria, converter,
                folded -> key != null && hash != null && folded.applied().contains(SubjectStates.request(key, hash))
                        ? new GenericCommandResultMessage(model.resultType(), new CommandOutcome<>(folded.state(), 0))
                        : decide(command, folded.state(), metadata, transaction));
        return MessageStream.fromFuture(result);
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
