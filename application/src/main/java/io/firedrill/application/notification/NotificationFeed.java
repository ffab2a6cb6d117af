package io.firedrill.application.notification;

import io.firedrill.application.incident.IncidentSlice;
import io.firedrill.application.port.in.CommandMetadata;
import io.firedrill.application.port.in.incident.IncidentQueries;
import io.firedrill.application.port.in.incident.RecordedIncidentEvent;
import io.firedrill.application.port.out.UpdateCadence;
import io.firedrill.application.slice.SliceWiring;
import io.firedrill.domain.incident.Audience;
import io.firedrill.domain.incident.Incident;
import io.firedrill.domain.incident.IncidentDecider;
import io.firedrill.domain.incident.IncidentEvent;
import io.firedrill.domain.incident.IncidentEvent.IncidentAcknowledged;
import io.firedrill.domain.incident.IncidentEvent.IncidentClosedAsDuplicate;
import io.firedrill.domain.incident.IncidentEvent.IncidentDeclared;
import io.firedrill.domain.incident.IncidentEvent.IncidentReopened;
import io.firedrill.domain.incident.IncidentEvent.IncidentResolved;
import io.firedrill.domain.incident.IncidentEvent.IncidentReviewed;
import io.firedrill.domain.incident.IncidentEvent.MitigationStarted;
import io.firedrill.domain.incident.IncidentEvent.SeverityDowngraded;
import io.firedrill.domain.incident.IncidentEvent.SeverityEscalated;
import io.firedrill.domain.incident.IncidentEvent.StatusUpdatePosted;
import io.firedrill.domain.incident.IncidentStatus;
import io.firedrill.domain.notification.Notice;
import io.firedrill.domain.notification.NoticeType;
import io.firedrill.domain.shared.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
 * Feeds the outbox from the event log, after the commands are done: each incident fact that a notice type covers
 * becomes a notice (the incident as it stood right after the fact), which {@link NoticeQueue} routes, renders and
 * queues. One incident's facts are handled one at a time in log order, so its messages are queued in that order. The
 * feed also keeps each incident's {@link UpdateCadence} (its severity, whether it runs, its last status update) for
 * the {@link UpdateReminders}.
 *
 * <p>Handling a fact again (after a crash before the processor stored its position) queues nothing twice: a message's
 * id is derived from the fact and the channel, and the outbox keeps the first.
 */
public final class NotificationFeed {

    /** The processor's name, under which its tokens are stored. */
    public static final String PROCESSOR = "notification-outbox";

    private final IncidentQueries incidents;
    private final NoticeQueue queue;
    private final UpdateCadence cadence;
    private final Set<QualifiedName> names;
    private final Function<EventMessage, Optional<IncidentEvent>> eventOf;
    private final Executor continuation;
    private final java.time.Clock clock;
    private final java.time.Duration factMaxAge;

    /** The notice types Firedrill sends; routes may name only these. */
    public static final Set<NoticeType> PRODUCED = java.util.EnumSet.of(NoticeType.INCIDENT_DECLARED,
            NoticeType.SEVERITY_CHANGED, NoticeType.INCIDENT_ACKNOWLEDGED, NoticeType.MITIGATION_STARTED,
            NoticeType.INCIDENT_RESOLVED, NoticeType.INCIDENT_REOPENED, NoticeType.STATUS_UPDATE_INTERNAL,
            NoticeType.STATUS_UPDATE_EXTERNAL, NoticeType.UPDATE_DUE);

    NotificationFeed(IncidentQueries incidents, NoticeQueue queue, UpdateCadence cadence, NotificationSettings settings,
                     SliceWiring wiring) {
        this.incidents = incidents;
        this.queue = queue;
        this.cadence = cadence;
        this.eventOf = message -> wiring.storedEvents().read(IncidentSlice.EVENTS, message, wiring.converter());
        this.names = wiring.storedEvents().namesOf(IncidentSlice.EVENTS);
        this.continuation = wiring.continuation();
        this.clock = wiring.clock();
        this.factMaxAge = settings.factMaxAge();
    }

    /** The event handling component to run in a streaming processor, sequenced by incident. */
    public EventHandlingComponent component() {
        SimpleEventHandlingComponent component = new SimpleEventHandlingComponent(
                (event, context) -> eventOf.apply(event).map(e -> (Object) e.incidentId()));
        for (QualifiedName name : names) {
            component.subscribe(name, this::handle);
        }
        return component;
    }

    private MessageStream.Empty<Message> handle(EventMessage message, ProcessingContext context) {
        Optional<IncidentEvent> event = eventOf.apply(message);
        if (event.isEmpty()) {
            return MessageStream.empty();
        }
        // a fact handled too late to be news (a replayed parked event) is not announced, but still moves the cadence
        boolean news = type(event.get()) != null
                && !event.get().recordedAt().isBefore(clock.instant().minus(factMaxAge));
        if (!news && !paces(event.get())) {
            return MessageStream.empty();
        }
        TenantId tenant = new TenantId(message.metadata().get(CommandMetadata.TENANT));
        return MessageStream.fromFuture(handle(tenant, message.identifier(), event.get(), news)
                        .thenApplyAsync(ignored -> (Message) null, continuation))
                .ignoreEntries()
                .cast();
    }

    /** Keeps the incident's cadence, and queues the messages of the fact when it is news. */
    private CompletableFuture<Void> handle(TenantId tenant, String eventId, IncidentEvent event, boolean news) {
        return incidents.history(tenant, event.incidentId()).thenCompose(history -> {
            List<IncidentEvent> prefix = new ArrayList<>();
            for (RecordedIncidentEvent recorded : history) {
                prefix.add(recorded.event());
                if (recorded.eventId().equals(eventId)) {
                    break;
                }
            }
            Incident state = IncidentDecider.fold(prefix);
            CompletableFuture<Void> paced = paces(event) ? cadence.track(tracked(tenant, event, state))
                    : CompletableFuture.completedFuture(null);
            return news ? paced.thenCompose(ignored -> queue.queue(tenant, eventId, notice(type(event), event, state),
                    state.id().toString())) : paced;
        });
    }

    /** Whether a fact changes an incident's cadence: its severity, whether it runs, or its last update. */
    private static boolean paces(IncidentEvent event) {
        return event instanceof IncidentDeclared || event instanceof SeverityEscalated
                || event instanceof SeverityDowngraded || event instanceof StatusUpdatePosted
                || event instanceof IncidentResolved || event instanceof IncidentReopened
                || event instanceof IncidentClosedAsDuplicate || event instanceof IncidentReviewed;
    }

    private static UpdateCadence.Tracked tracked(TenantId tenant, IncidentEvent event, Incident state) {
        boolean active = (state.status() == IncidentStatus.DETECTED || state.status() == IncidentStatus.MITIGATING)
                && state.duplicateOf() == null;
        return new UpdateCadence.Tracked(tenant, state.id(), state.severity(), active,
                restartsClock(event) ? event.recordedAt() : null, event.recordedAt());
    }

    /** Whether a fact restarts an incident's cadence: a status update posted, the incident started (again). */
    static boolean restartsClock(IncidentEvent event) {
        return event instanceof IncidentDeclared || event instanceof StatusUpdatePosted
                || event instanceof IncidentReopened;
    }

    /** The notice type a fact is, or {@code null} when no notice covers it. */
    static NoticeType type(IncidentEvent event) {
        return switch (event) {
            case IncidentDeclared ignored -> NoticeType.INCIDENT_DECLARED;
            case SeverityEscalated ignored -> NoticeType.SEVERITY_CHANGED;
            case SeverityDowngraded ignored -> NoticeType.SEVERITY_CHANGED;
            case IncidentAcknowledged ignored -> NoticeType.INCIDENT_ACKNOWLEDGED;
            case MitigationStarted ignored -> NoticeType.MITIGATION_STARTED;
            case IncidentResolved ignored -> NoticeType.INCIDENT_RESOLVED;
            case IncidentReopened ignored -> NoticeType.INCIDENT_REOPENED;
            case StatusUpdatePosted update -> update.audience() == Audience.EXTERNAL
                    ? NoticeType.STATUS_UPDATE_EXTERNAL : NoticeType.STATUS_UPDATE_INTERNAL;
            default -> null;
        };
    }

    private static Notice notice(NoticeType type, IncidentEvent event, Incident state) {
        String previous = switch (event) {
            case SeverityEscalated escalated -> escalated.from().name();
            case SeverityDowngraded downgraded -> downgraded.from().name();
            default -> null;
        };
        String text = switch (event) {
            case SeverityEscalated escalated -> escalated.reason();
            case SeverityDowngraded downgraded -> downgraded.reason();
            case MitigationStarted mitigation -> mitigation.note();
            case IncidentResolved resolved -> resolved.note();
            case IncidentReopened reopened -> reopened.reason();
            case StatusUpdatePosted update -> update.text();
            default -> null;
        };
        return new Notice(type, event.occurredAt(), event.by().name(), state.drill(),
                NoticeQueue.incident(state, previous), null, text, 1, null);
    }
}
