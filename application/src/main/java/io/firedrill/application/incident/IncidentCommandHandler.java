package io.firedrill.application.incident;

import io.firedrill.domain.incident.Incident;
import io.firedrill.domain.incident.IncidentCommand;
import io.firedrill.domain.incident.IncidentCommand.DeclareIncident;
import io.firedrill.domain.incident.IncidentDecider;
import io.firedrill.domain.incident.IncidentEvent;
import io.firedrill.domain.shared.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.axonframework.conversion.Converter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.EventStoreTransaction;
import org.axonframework.eventsourcing.eventstore.SourcingCondition;
import org.axonframework.messaging.commandhandling.CommandHandler;
import org.axonframework.messaging.commandhandling.CommandMessage;
import org.axonframework.messaging.commandhandling.CommandResultMessage;
import org.axonframework.messaging.commandhandling.GenericCommandResultMessage;
import org.axonframework.messaging.core.MessageStream;
import org.axonframework.messaging.core.unitofwork.ProcessingContext;
import org.axonframework.messaging.eventhandling.GenericEventMessage;

/**
 * Handles every incident command the same way: source the incident's events through the processing
 * context's event store transaction, fold them with {@link IncidentDecider#fold}, decide, and append the
 * new events through the same transaction. Axon derives the append condition from what was sourced, so a
 * competing append to the same incident between sourcing and commit fails the whole command with a
 * conflict instead of losing an update.
 */
final class IncidentCommandHandler implements CommandHandler {

    private final EventStore eventStore;
    private final Converter converter;
    private final Clock clock;

    IncidentCommandHandler(EventStore eventStore, Converter converter, Clock clock) {
        this.eventStore = eventStore;
        this.converter = converter;
        this.clock = clock;
    }

    @Override
    public MessageStream.Single<CommandResultMessage> handle(CommandMessage message, ProcessingContext context) {
        IncidentCommand command = (IncidentCommand) message.payload();
        Map<String, String> metadata = message.metadata();
        TenantId tenant = new TenantId(Objects.requireNonNull(metadata.get(IncidentMessages.TENANT), "tenant"));
        EventStoreTransaction transaction = eventStore.transaction(context);
        String key = metadata.get(IncidentMessages.IDEMPOTENCY_KEY);
        String hash = metadata.get(IncidentMessages.REQUEST_HASH);
        CompletableFuture<CommandResultMessage> result = transaction
                .source(SourcingCondition.conditionFor(IncidentMessages.criteria(tenant, command.incidentId())))
                .reduce(new Sourced(new ArrayList<>(), false), (sourced, entry) -> {
                    sourced.events().add(IncidentMessages.eventOf(entry.message(), converter)
                            .orElseThrow(() -> new IllegalStateException("unexpected event type "
                                    + entry.message().type() + " in incident " + command.incidentId())));
                    boolean applied = key != null && hash != null
                            && key.equals(entry.message().metadata().get(IncidentMessages.IDEMPOTENCY_KEY))
                            && hash.equals(entry.message().metadata().get(IncidentMessages.REQUEST_HASH));
                    return applied && !sourced.applied() ? new Sourced(sourced.events(), true) : sourced;
                })
                .thenApply(sourced -> {
                    Incident state = IncidentDecider.fold(sourced.events());
                    return sourced.applied()
                            ? new GenericCommandResultMessage(IncidentMessages.RESULT, new CommandOutcome(state, 0))
                            : decide(command, state, metadata, transaction);
                });
        return MessageStream.fromFuture(result);
    }

    private CommandResultMessage decide(IncidentCommand command, Incident state, Map<String, String> metadata,
                                        EventStoreTransaction transaction) {
        if (!(command instanceof DeclareIncident) && !state.declared()) {
            throw new IncidentNotFound(command.incidentId());
        }
        String expected = metadata.get(IncidentMessages.EXPECTED_VERSION);
        if (expected != null && Long.parseLong(expected) != state.version()) {
            throw new VersionMismatch(Long.parseLong(expected), state.version());
        }
        Instant now = clock.instant();
        List<IncidentEvent> events = IncidentDecider.decide(command, state, now);
        for (IncidentEvent event : events) {
            transaction.appendEvent(new GenericEventMessage(UUID.randomUUID().toString(),
                    IncidentMessages.typeOf(event), event, eventMetadata(metadata), event.recordedAt()));
        }
        return new GenericCommandResultMessage(IncidentMessages.RESULT,
                new CommandOutcome(IncidentDecider.fold(state, events), events.size()));
    }

    /** The incident's events so far, and whether an event of the same idempotent request is among them. */
    private record Sourced(List<IncidentEvent> events, boolean applied) {
    }

    private static Map<String, String> eventMetadata(Map<String, String> command) {
        Map<String, String> metadata = new HashMap<>();
        for (String key : List.of(IncidentMessages.TENANT, IncidentMessages.ACTOR, IncidentMessages.SOURCE,
                IncidentMessages.IDEMPOTENCY_KEY, IncidentMessages.REQUEST_HASH)) {
            String value = command.get(key);
            if (value != null) {
                metadata.put(key, value);
            }
        }
        return metadata;
    }
}
