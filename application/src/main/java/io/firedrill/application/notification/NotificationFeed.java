package io.firedrill.application.notification;

import io.firedrill.application.incident.IncidentSlice;
import io.firedrill.application.port.in.CommandMetadata;
import io.firedrill.application.port.in.incident.IncidentQueries;
import io.firedrill.application.port.in.incident.RecordedIncidentEvent;
import io.firedrill.application.port.out.AlertWindows;
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
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.notification.Notice;
import io.firedrill.domain.notification.NoticeType;
import io.firedrill.domain.shared.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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
 * the {@link UpdateReminders}, and the {@link AlertWindows} in which alerts joined it for the
 * {@link AlertDigestService}.
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
    private final AlertWindows alerts;
    private final SubjectNotices subjects;
    private final java.time.Duration alertsWindow;
    /** The latest window of each incident this instance recorded alerts in. */
    private final Map<IncidentId, Instant> windowsRecorded = new ConcurrentHashMap<>();
    private final Set<QualifiedName> names;
    private final Function<EventMessage, Optional<IncidentEvent>> eventOf;
    private final Executor continuation;
    private final java.time.Clock clock;
    private final java.time.Duration factMaxAge;

    NotificationFeed(IncidentQueries incidents, NoticeQueue queue, UpdateCadence cadence, AlertWindows alerts,
                     SubjectNotices subjects, NotificationSettings settings, SliceWiring wiring) {
        this.incidents = incidents;
        this.subjects = subjects;
        this.queue = queue;
        this.cadence = cadence;
        this.alerts = alerts;
        this.alertsWindow = settings.alertsJoinedWindow();
        this.eventOf = message -> wiring.storedEvents().read(IncidentSlice.EVENTS, message, wiring.converter());
        this.names = wiring.storedEvents().namesOf(IncidentSlice.EVENTS);
        this.continuation = wiring.continuation();
        this.clock = wiring.clock();
        this.factMaxAge = settings.factMaxAge();
    }

    /** The event handling component to run in a streaming processor, sequenced by incident (or other subject). */
    public EventHandlingComponent component() {
        SimpleEventHandlingComponent component = new SimpleEventHandlingComponent(
                (event, context) -> names.contains(event.type().qualifiedName())
                        ? eventOf.apply(event).map(e -> (Object) e.incidentId())
                        : subjects.read(event).map(SubjectNotices.Fact::subject));
        for (QualifiedName name : names) {
            component.subscribe(name, this::handle);
        }
        for (QualifiedName name : subjects.names()) {
            component.subscribe(name, this::handleSubject);
        }
        return component;
    }

    /** A postmortem's, an action item's or a drill run's fact: its notice, when it has one and is news. */
    private MessageStream.Empty<Message> handleSubject(EventMessage message, ProcessingContext context) {
        Optional<SubjectNotices.Fact> fact = subjects.read(message);
        if (fact.isEmpty() || fact.get().occurredAt().isBefore(clock.instant().minus(factMaxAge))) {
            return MessageStream.empty();
        }
        TenantId tenant = new TenantId(message.metadata().get(CommandMetadata.TENANT));
        return MessageStream.fromFuture(subjects.handle(tenant, message.identifier(), fact.get())
                        .thenApplyAsync(ignored -> (Message) null, continuation))
                .ignoreEntries()
                .cast();
    }

    private MessageStream.Empty<Message> handle(EventMessage message, ProcessingContext context) {
        Optional<IncidentEvent> event = eventOf.apply(message);
        if (event.isEmpty()) {
            return MessageStream.empty();
        }
        // a fact handled too late to be news (a replayed parked event) is not announced, but still moves the cadence
        boolean fresh = !event.get().recordedAt().isBefore(clock.instant().minus(factMaxAge));
        TenantId tenant = new TenantId(message.metadata().get(CommandMetadata.TENANT));
        if (AlertDigestService.joins(event.get())) {
            // counted per window, announced when the window ends (AlertDigestService)
            return fresh ? MessageStream.fromFuture(joined(tenant, event.get())
                    .thenApplyAsync(ignored -> (Message) null, continuation)).ignoreEntries().cast()
                    : MessageStream.empty();
        }
        boolean news = type(event.get()) != null && fresh;
        if (!news && !paces(event.get())) {
            return MessageStream.empty();
        }
        return MessageStream.fromFuture(handle(tenant, message.identifier(), event.get(), news)
                        .thenApplyAsync(ignored -> (Message) null, continuation))
                .ignoreEntries()
                .cast();
    }

    /**
     * Records the window an alert joined its incident in; a burst's later alerts in the same window, known recorded by
     * this instance, write nothing.
     */
    private CompletableFuture<Void> joined(TenantId tenant, IncidentEvent alert) {
        Instant window = AlertDigestService.windowOf(alert.recordedAt(), alertsWindow);
        if (window.equals(windowsRecorded.get(alert.incidentId()))) {
            return CompletableFuture.completedFuture(null);
        }
        return alerts.joined(new AlertWindows.Window(tenant, alert.incidentId(), window)).thenRun(() -> {
            if (windowsRecorded.size() >= 10_000) {
                windowsRecorded.clear();
            }
            windowsRecorded.put(alert.incidentId(), window);
        });
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
            CompletableFuture<Void> paced = paces(event)
                    ? cadence.track(UpdateReminders.tracked(tenant, prefix, state))
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
