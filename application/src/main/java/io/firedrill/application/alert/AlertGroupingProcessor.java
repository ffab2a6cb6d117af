package io.firedrill.application.alert;

import io.firedrill.application.port.in.CommandContext;
import io.firedrill.application.port.in.CommandMetadata;
import io.firedrill.application.port.in.CommandOutcome;
import io.firedrill.application.port.in.alert.AlertTrack;
import io.firedrill.application.port.in.incident.IncidentCommands;
import io.firedrill.application.port.in.incident.IncidentQueries;
import io.firedrill.application.port.in.incident.RecordedIncidentEvent;
import io.firedrill.application.port.out.AlertGroups.GroupState;
import io.firedrill.application.port.out.AlertGroups;
import io.firedrill.application.slice.SliceWiring;
import io.firedrill.domain.alert.Alert;
import io.firedrill.domain.alert.AlertEvent.AlertsReceived;
import io.firedrill.domain.alert.AlertEvent;
import io.firedrill.domain.alert.ReceivedAlert;
import io.firedrill.domain.incident.AlertTracking;
import io.firedrill.domain.incident.GroupingDecision;
import io.firedrill.domain.incident.Incident;
import io.firedrill.domain.incident.IncidentCommand.DeclareIncident;
import io.firedrill.domain.incident.IncidentCommand.RecordAlerts;
import io.firedrill.domain.incident.IncidentDecider;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.incident.IncidentNumber;
import io.firedrill.domain.incident.TrackedAlert;
import io.firedrill.domain.shared.Actor;
import io.firedrill.domain.shared.Source;
import io.firedrill.domain.shared.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.axonframework.messaging.core.Message;
import org.axonframework.messaging.core.MessageStream;
import org.axonframework.messaging.core.QualifiedName;
import org.axonframework.messaging.core.unitofwork.ProcessingContext;
import org.axonframework.messaging.eventhandling.EventHandlingComponent;
import org.axonframework.messaging.eventhandling.EventMessage;
import org.axonframework.messaging.eventhandling.SimpleEventHandlingComponent;

/**
 * Turns stored alert deliveries into incident facts, after the sender has had its answer. Deliveries of
 * one integration are handled one at a time in log order; different integrations in parallel.
 *
 * <p>For each grouping key of a delivery: new firing alerts join the incident the key currently feeds, or
 * declare one when it has none or it no longer takes alerts (recovered, reviewed, a duplicate);
 * resolutions go to the incident that holds their alert, wherever the key points now (a closed incident
 * takes none, and they are only remembered); resolutions of
 * alerts never seen firing are remembered and open nothing; repeats change nothing
 * ({@link AlertTracking}). The incident decides escalation and auto-resolution.
 *
 * <p>Handling a delivery again (after a crash before the processor stored its position) changes nothing:
 * every command carries an idempotency key derived from the delivery and the key, the declared incident's
 * id is derived the same way, and the processor's memory ({@link AlertGroups}) is written last, idempotently.
 */
public final class AlertGroupingProcessor {

    /** The processor's name, under which its tokens are stored. */
    public static final String PROCESSOR = "alert-grouping";

    private final AlertGroups groups;
    private final IncidentCommands incidents;
    private final IncidentQueries queries;
    private final Set<QualifiedName> names;
    private final Function<EventMessage, Optional<AlertEvent>> eventOf;
    private final Executor continuation;

    /**
     * @param wiring the stored types, and where handling goes on after I/O: never an event loop thread (Axon's
     *     processor blocks while storing its token, see {@code ProjectedRows})
     */
    public AlertGroupingProcessor(AlertGroups groups, IncidentCommands incidents, IncidentQueries queries,
                                  SliceWiring wiring) {
        this.groups = groups;
        this.incidents = incidents;
        this.queries = queries;
        this.eventOf = message -> wiring.storedEvents().read(AlertSlice.EVENTS, message, wiring.converter());
        this.continuation = wiring.continuation();
        this.names = wiring.storedEvents().namesOf(AlertSlice.EVENTS);
    }

    /** The event handling component to run in a streaming processor. */
    public EventHandlingComponent component() {
        SimpleEventHandlingComponent component = new SimpleEventHandlingComponent(
                (event, context) -> eventOf.apply(event).map(e -> (Object) e.integrationId()));
        for (QualifiedName name : names) {
            component.subscribe(name, this::handle);
        }
        return component;
    }

    private MessageStream.Empty<Message> handle(EventMessage message, ProcessingContext context) {
        if (!(eventOf.apply(message).orElse(null) instanceof AlertsReceived delivery)) {
            return MessageStream.empty();
        }
        TenantId tenant = new TenantId(message.metadata().get(CommandMetadata.TENANT));
        return MessageStream.fromFuture(handle(tenant, message.identifier(), delivery)
                        .thenApplyAsync(ignored -> (Message) null, continuation))
                .ignoreEntries()
                .cast();
    }

    /** Handles the delivery's keys one after another, in the order they first appear. */
    CompletableFuture<Void> handle(TenantId tenant, String deliveryId, AlertsReceived delivery) {
        Map<String, List<Alert>> byKey = new LinkedHashMap<>();
        for (ReceivedAlert received : delivery.alerts()) {
            byKey.computeIfAbsent(received.groupingKey(), key -> new ArrayList<>()).add(received.alert());
        }
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (Map.Entry<String, List<Alert>> group : byKey.entrySet()) {
            chain = chain.thenCompose(ignored -> new KeyedAlerts(tenant, deliveryId, delivery, group.getKey(),
                    group.getValue()).handle());
        }
        return chain;
    }

    /** The alerts of one delivery under one grouping key. */
    private final class KeyedAlerts {

        private final TenantId tenant;
        private final String deliveryId;
        private final AlertsReceived delivery;
        private final String key;
        private final List<Alert> alerts;
        private final Actor actor;

        KeyedAlerts(TenantId tenant, String deliveryId, AlertsReceived delivery, String key, List<Alert> alerts) {
            this.tenant = tenant;
            this.deliveryId = deliveryId;
            this.delivery = delivery;
            this.key = key;
            this.alerts = alerts;
            this.actor = Actor.integration(delivery.integrationName());
        }

        CompletableFuture<Void> handle() {
            Set<String> fingerprints = new LinkedHashSet<>();
            alerts.forEach(alert -> fingerprints.add(alert.fingerprint()));
            return groups.load(delivery.integrationId(), key, fingerprints).thenCompose(this::apply);
        }

        private CompletableFuture<Void> apply(GroupState state) {
            Map<String, AlertTrack> known = new LinkedHashMap<>(state.alerts());
            List<Alert> firing = new ArrayList<>();
            Map<IncidentId, List<Alert>> resolutions = new LinkedHashMap<>();
            List<Alert> untracked = new ArrayList<>();
            for (Alert alert : alerts) {
                AlertTrack track = known.get(alert.fingerprint());
                TrackedAlert tracked = track == null ? null : track.known();
                switch (AlertTracking.meaning(tracked, alert)) {
                    case NEW_FIRING -> firing.add(alert);
                    case RESOLUTION -> resolutions.computeIfAbsent(track.incident(), id -> new ArrayList<>()).add(alert);
                    case UNTRACKED_RESOLUTION -> untracked.add(alert);
                    case NOTHING_NEW -> {
                        continue;
                    }
                }
                known.put(alert.fingerprint(), new AlertTrack(alert.fingerprint(), key,
                        AlertTracking.after(tracked, alert), track == null ? null : track.incident()));
            }
            CompletableFuture<IncidentId> current = firing.isEmpty()
                    ? CompletableFuture.completedFuture(state.incident().orElse(null))
                    : joinOrDeclare(state.incident().orElse(null), firing);
            return current.thenCompose(incident -> {
                for (Alert alert : firing) {
                    known.computeIfPresent(alert.fingerprint(),
                            (fp, track) -> new AlertTrack(fp, key, track.known(), incident));
                }
                CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
                resolutions.remove(null);
                for (Map.Entry<IncidentId, List<Alert>> resolved : resolutions.entrySet()) {
                    // A resolution the incident no longer takes (it was closed since) is not recorded anywhere.
                    chain = chain.thenCompose(ignored -> recordIfAdmitted(resolved.getKey(),
                            GroupingDecision.JOINED_BY_KEY, resolved.getValue(), "resolutions").thenApply(recorded -> null));
                }
                List<AlertTrack> changed = known.values().stream()
                        .filter(track -> !track.equals(state.alerts().get(track.fingerprint())))
                        .toList();
                return chain.thenCompose(ignored -> untracked.isEmpty() && changed.isEmpty()
                                && Objects.equals(incident, state.incident().orElse(null))
                        ? CompletableFuture.completedFuture(null)
                        : groups.save(tenant, delivery.integrationId(), key, incident, changed));
            });
        }

        /** Joins the key's open incident, or declares a new one when there is none or it takes no new alerts. */
        private CompletableFuture<IncidentId> joinOrDeclare(IncidentId incident, List<Alert> firing) {
            if (incident == null) {
                return declare(firing);
            }
            return recordIfAdmitted(incident, GroupingDecision.JOINED_BY_KEY, firing, "firing")
                    .thenCompose(recorded -> recorded ? CompletableFuture.completedFuture(incident) : declare(firing));
        }

        /**
         * Records the alerts on the incident if it takes them, and completes with whether it did. The batch goes in
         * parts of at most {@link RecordAlerts#ALERTS_MAX}; a part whose command already stands on the incident's log
         * (this delivery was handled before and its memory lost) is sent again and changes nothing, whatever the
         * incident's state now. Every other part must be admitted by the incident's own rule, a returned value
         * ({@link IncidentDecider#admission}): when one is not (the incident is gone, closed, or takes no new alerts),
         * nothing more is sent and the caller declares a new incident or drops the resolutions. A part refused by the
         * command itself (the incident changed since it was read) fails the delivery; the processor handles it
         * again, and that reading sees the refusal.
         */
        private CompletableFuture<Boolean> recordIfAdmitted(IncidentId incident, GroupingDecision decision,
                                                            List<Alert> batch, String what) {
            return queries.findHistory(tenant, incident).thenCompose(history -> {
                if (history.isEmpty()) {
                    return CompletableFuture.completedFuture(false);
                }
                Set<String> handled = new HashSet<>();
                history.get().forEach(event -> handled.add(event.metadata().get(CommandMetadata.IDEMPOTENCY_KEY)));
                Incident state = IncidentDecider.fold(RecordedIncidentEvent.facts(history.get()));
                for (int from = 0; from < batch.size(); from += RecordAlerts.ALERTS_MAX) {
                    List<Alert> part = batch.subList(from, Math.min(batch.size(), from + RecordAlerts.ALERTS_MAX));
                    if (!handled.contains(context(step(what, incident, from)).idempotencyKey())
                            && !IncidentDecider.admission(state, part).admitted()) {
                        return CompletableFuture.completedFuture(false);
                    }
                }
                return record(incident, decision, batch, what).thenApply(outcome -> true);
            });
        }

        private CompletableFuture<IncidentId> declare(List<Alert> firing) {
            IncidentId id = new IncidentId(uuid("incident/" + deliveryId + "/" + key));
            Alert worst = firing.get(0);
            Set<String> services = new LinkedHashSet<>();
            Instant detectedAt = worst.startsAt();
            for (Alert alert : firing) {
                worst = alert.severity().isHigherThan(worst.severity()) ? alert : worst;
                detectedAt = alert.startsAt().isBefore(detectedAt) ? alert.startsAt() : detectedAt;
                services.add(alert.services().get(0));
            }
            String title = worst.summary() == null ? worst.name() : worst.name() + ": " + worst.summary();
            String summary = "Opened by integration " + delivery.integrationName() + " from " + firing.size()
                    + (firing.size() == 1 ? " firing alert" : " firing alerts") + " grouped under key '" + key
                    + "' by rule " + delivery.groupingRule() + ".";
            DeclareIncident declaration = new DeclareIncident(id, IncidentNumber.of(1, 1), clip(title, 200), summary,
                    worst.severity(), services.stream().limit(50).toList(), null, Set.of("alert"), detectedAt, false,
                    actor, delivery.receivedAt());
            return incidents.declare(declaration, context("declare"))
                    .thenCompose(outcome -> record(id, GroupingDecision.OPENED_INCIDENT, firing, "firing"))
                    .thenApply(outcome -> id);
        }

        private CompletableFuture<CommandOutcome<Incident>> record(IncidentId incident, GroupingDecision decision,
                                                         List<Alert> batch, String what) {
            CompletableFuture<CommandOutcome<Incident>> chain = CompletableFuture.completedFuture(null);
            for (int from = 0; from < batch.size(); from += RecordAlerts.ALERTS_MAX) {
                List<Alert> part = batch.subList(from, Math.min(batch.size(), from + RecordAlerts.ALERTS_MAX));
                String step = step(what, incident, from);
                chain = chain.thenCompose(ignored -> incidents.send(new RecordAlerts(incident, actor,
                        delivery.integrationId().toString(), delivery.groupingRule(), key, decision, part,
                        delivery.autoResolve(), delivery.receivedAt()), context(step)));
            }
            return chain;
        }

        private static String step(String what, IncidentId incident, int from) {
            return what + "/" + incident + "/" + from;
        }

        private CommandContext context(String step) {
            String idempotencyKey = "alert-delivery/" + deliveryId + "/" + uuid(key) + "/" + step;
            return new CommandContext(tenant, actor, Source.WEBHOOK, null, idempotencyKey, idempotencyKey);
        }
    }

    private static UUID uuid(String text) {
        return UUID.nameUUIDFromBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
