package io.firedrill.application.alert;

import io.firedrill.application.port.in.CommandMetadata;
import io.firedrill.application.port.in.alert.AlertIntake;
import io.firedrill.application.port.in.alert.Delivery;
import io.firedrill.application.port.in.alert.Integration;
import io.firedrill.domain.alert.AlertEvent.AlertsReceived;
import io.firedrill.domain.alert.IncomingAlert;
import io.firedrill.domain.alert.ReceivedAlert;
import io.firedrill.domain.shared.Source;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.core.Metadata;
import org.axonframework.messaging.core.unitofwork.UnitOfWorkFactory;
import org.axonframework.messaging.eventhandling.GenericEventMessage;

/**
 * Stores a delivery of alerts as one {@link AlertsReceived} fact, classified with the integration's
 * settings of the moment. The future completes once the fact is committed to the event log, so a sender
 * that gets its answer can forget the alerts: nothing accepted is lost, and grouping them into incidents
 * ({@link AlertGroupingProcessor}) happens afterwards from the log.
 *
 * <p>The fact's id is derived from the integration and a digest of the raw payload, so a redelivery of the
 * same payload (Alertmanager retries after timeouts and 5xx answers) is stored once: the event log does not
 * duplicate an id it already holds.
 */
public final class AlertIntakeService implements AlertIntake {

    private final EventStore eventStore;
    private final UnitOfWorkFactory unitsOfWork;
    private final Clock clock;

    public AlertIntakeService(EventStore eventStore, UnitOfWorkFactory unitsOfWork, Clock clock) {
        this.eventStore = eventStore;
        this.unitsOfWork = unitsOfWork;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<Delivery> receive(Integration integration, List<IncomingAlert> alerts, int truncatedAlerts,
                                               String payloadDigest) {
        Instant receivedAt = clock.instant();
        List<ReceivedAlert> received = alerts.stream()
                .map(alert -> integration.settings().classify(alert, receivedAt))
                .toList();
        AlertsReceived fact = new AlertsReceived(integration.id(), integration.settings().name(),
                integration.settings().kind(), integration.settings().groupingKey(),
                integration.settings().autoResolve(), received, truncatedAlerts, receivedAt);
        UUID id = UUID.nameUUIDFromBytes(("alert-delivery/" + integration.id() + "/" + payloadDigest)
                .getBytes(StandardCharsets.UTF_8));
        Metadata metadata = Metadata.with(CommandMetadata.TENANT, integration.tenant().value())
                .and("actor", integration.actor().toString())
                .and("source", Source.WEBHOOK.name().toLowerCase(Locale.ROOT));
        GenericEventMessage message = new GenericEventMessage(id.toString(), AlertSlice.EVENTS.stored(AlertsReceived.class).orElseThrow().messageType(), fact,
                metadata, receivedAt);
        return unitsOfWork.create().executeWithResult(context -> {
            eventStore.transaction(context).appendEvent(message);
            return CompletableFuture.completedFuture(new Delivery(id, received.size()));
        });
    }
}
