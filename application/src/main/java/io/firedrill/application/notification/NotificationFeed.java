package io.firedrill.application.notification;

import io.firedrill.application.incident.IncidentSlice;
import io.firedrill.application.port.in.CommandMetadata;
import io.firedrill.application.port.in.incident.IncidentQueries;
import io.firedrill.application.port.in.incident.RecordedIncidentEvent;
import io.firedrill.application.port.in.notification.Channel;
import io.firedrill.application.port.in.notification.RouteCatalog;
import io.firedrill.application.port.in.notification.TemplateCatalog.Key;
import io.firedrill.application.port.out.MessageTemplates;
import io.firedrill.application.port.out.Outbox;
import io.firedrill.application.slice.SliceWiring;
import io.firedrill.domain.incident.Audience;
import io.firedrill.domain.incident.Incident;
import io.firedrill.domain.incident.IncidentDecider;
import io.firedrill.domain.incident.IncidentEvent;
import io.firedrill.domain.incident.IncidentEvent.IncidentAcknowledged;
import io.firedrill.domain.incident.IncidentEvent.IncidentDeclared;
import io.firedrill.domain.incident.IncidentEvent.IncidentReopened;
import io.firedrill.domain.incident.IncidentEvent.IncidentResolved;
import io.firedrill.domain.incident.IncidentEvent.MitigationStarted;
import io.firedrill.domain.incident.IncidentEvent.SeverityDowngraded;
import io.firedrill.domain.incident.IncidentEvent.SeverityEscalated;
import io.firedrill.domain.incident.IncidentEvent.StatusUpdatePosted;
import io.firedrill.domain.notification.Notice;
import io.firedrill.domain.notification.NoticeType;
import io.firedrill.domain.notification.OutgoingMessage;
import io.firedrill.domain.shared.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
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
 * becomes a notice (the incident as it stood right after the fact), the tenant's routes decide which channels it
 * reaches, and each channel's message is rendered with the templates that apply to its kind and language and queued.
 * One incident's facts are handled one at a time in log order, so its messages are queued in that order.
 *
 * <p>Handling a fact again (after a crash before the processor stored its position) queues nothing twice: a message's
 * id is derived from the fact and the channel, and the outbox keeps the first.
 */
public final class NotificationFeed {

    /** The processor's name, under which its tokens are stored. */
    public static final String PROCESSOR = "notification-outbox";

    private static final System.Logger LOG = System.getLogger(NotificationFeed.class.getName());

    private final IncidentQueries incidents;
    private final RouteCatalog routes;
    private final TemplateCatalogService templates;
    private final MessageTemplates engine;
    private final Outbox outbox;
    private final Set<QualifiedName> names;
    private final Function<EventMessage, Optional<IncidentEvent>> eventOf;
    private final Executor continuation;
    private final java.time.Clock clock;
    private final java.time.Duration factMaxAge;

    /** The notice types the feed produces; routes may name only these. */
    public static final Set<NoticeType> PRODUCED = java.util.EnumSet.of(NoticeType.INCIDENT_DECLARED,
            NoticeType.SEVERITY_CHANGED, NoticeType.INCIDENT_ACKNOWLEDGED, NoticeType.MITIGATION_STARTED,
            NoticeType.INCIDENT_RESOLVED, NoticeType.INCIDENT_REOPENED, NoticeType.STATUS_UPDATE_INTERNAL,
            NoticeType.STATUS_UPDATE_EXTERNAL);

    public NotificationFeed(IncidentQueries incidents, RouteCatalog routes, TemplateCatalogService templates,
                            MessageTemplates engine, Outbox outbox, NotificationSettings settings, SliceWiring wiring) {
        this.incidents = incidents;
        this.routes = routes;
        this.templates = templates;
        this.engine = engine;
        this.outbox = outbox;
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
        if (event.isEmpty() || type(event.get()) == null
                || event.get().recordedAt().isBefore(clock.instant().minus(factMaxAge))) {
            // no notice covers it, or it is handled too late to be news (a replayed parked event)
            return MessageStream.empty();
        }
        TenantId tenant = new TenantId(message.metadata().get(CommandMetadata.TENANT));
        return MessageStream.fromFuture(handle(tenant, message.identifier(), event.get())
                        .thenApplyAsync(ignored -> (Message) null, continuation))
                .ignoreEntries()
                .cast();
    }

    /** Queues the messages of one fact. */
    CompletableFuture<Void> handle(TenantId tenant, String eventId, IncidentEvent event) {
        NoticeType type = type(event);
        return incidents.history(tenant, event.incidentId()).thenCompose(history -> {
            List<IncidentEvent> prefix = new ArrayList<>();
            for (RecordedIncidentEvent recorded : history) {
                prefix.add(recorded.event());
                if (recorded.eventId().equals(eventId)) {
                    break;
                }
            }
            Incident state = IncidentDecider.fold(prefix);
            Notice notice = notice(type, event, state);
            return routes.destinations(tenant, notice).thenCompose(channels -> {
                List<CompletableFuture<Outbox.Queued>> rendered = new ArrayList<>();
                for (Channel channel : channels) {
                    rendered.add(render(tenant, eventId, notice, channel, state));
                }
                return CompletableFuture.allOf(rendered.toArray(CompletableFuture[]::new))
                        .thenCompose(ignored -> outbox.enqueue(rendered.stream().map(CompletableFuture::resultNow).toList()));
            });
        });
    }

    private CompletableFuture<Outbox.Queued> render(TenantId tenant, String eventId, Notice notice, Channel channel,
                                                    Incident incident) {
        Key key = new Key(notice.type(), channel.settings().language(), channel.settings().kind());
        return templates.effective(tenant, key).thenApply(pair -> {
            String title;
            String text;
            try {
                title = engine.render(pair.title(), notice).strip();
                text = engine.render(pair.body(), notice).strip();
            } catch (RuntimeException e) {
                // a tenant's template passed its check against a sample but not this notice: say so, send the words
                // of the built-in template rather than nothing
                LOG.log(System.Logger.Level.WARNING, "The template " + notice.type().wireName() + "/"
                        + channel.settings().language().wireName() + " of tenant " + tenant + " failed for a notice of"
                        + " incident " + incident.id() + " (" + e.getMessage() + "); the built-in one was used");
                MessageTemplates.Pair builtIn = engine.builtIn(notice.type(), channel.settings().language());
                title = engine.render(builtIn.title(), notice).strip();
                text = engine.render(builtIn.body(), notice).strip();
            }
            String id = messageId(eventId, channel);
            OutgoingMessage message = new OutgoingMessage(id, notice.type().wireName(), notice.occurredAt(),
                    title.isBlank() ? notice.type().wireName() : title, text, List.of(), null, colour(notice.type()));
            return new Outbox.Queued(id, tenant, channel.id(), incident.id().toString(), message, clock.instant());
        });
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
        Notice.Incident incident = new Notice.Incident(state.id().toString(), state.number().value(), state.title(),
                state.summary(), state.severity().name(), previous, state.status() == null ? null : state.status().name(),
                state.services(), state.commander(), state.detectedAt());
        return new Notice(type, event.occurredAt(), event.by().name(), state.drill(), incident, null, text, 1, null);
    }

    private static OutgoingMessage.Colour colour(NoticeType type) {
        return switch (type) {
            case INCIDENT_DECLARED, INCIDENT_REOPENED, SEVERITY_CHANGED -> OutgoingMessage.Colour.DANGER;
            case INCIDENT_RESOLVED -> OutgoingMessage.Colour.GOOD;
            case MITIGATION_STARTED, STATUS_UPDATE_INTERNAL, STATUS_UPDATE_EXTERNAL -> OutgoingMessage.Colour.WARNING;
            default -> OutgoingMessage.Colour.NEUTRAL;
        };
    }

    /** Stable per fact and channel: a fact handled again yields the same id, which the outbox keeps once. */
    static String messageId(String eventId, Channel channel) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((eventId + "/" + channel.id())
                    .getBytes(StandardCharsets.UTF_8));
            return "fd-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
