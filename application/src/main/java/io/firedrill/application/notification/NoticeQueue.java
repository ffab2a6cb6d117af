package io.firedrill.application.notification;

import io.firedrill.application.port.in.notification.Channel;
import io.firedrill.application.port.in.notification.RouteCatalog;
import io.firedrill.application.port.in.notification.TemplateCatalog.Key;
import io.firedrill.application.port.out.MessageTemplates;
import io.firedrill.application.port.out.Outbox;
import io.firedrill.domain.incident.Incident;
import io.firedrill.domain.incident.ResponderRole;
import io.firedrill.domain.notification.Notice;
import io.firedrill.domain.notification.NoticeType;
import io.firedrill.domain.notification.OutgoingMessage;
import io.firedrill.domain.shared.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Queues a notice: the tenant's routes decide which channels it reaches, and each channel's message is rendered with
 * the templates that apply to its kind and language and queued in the outbox under an id derived from what the notice
 * announces (a fact, a reminder's interval) and the channel, so that queuing it again adds nothing.
 */
final class NoticeQueue {

    private static final System.Logger LOG = System.getLogger(NoticeQueue.class.getName());

    private final RouteCatalog routes;
    private final TemplateCatalogService templates;
    private final MessageTemplates engine;
    private final Outbox outbox;
    private final Clock clock;

    NoticeQueue(RouteCatalog routes, TemplateCatalogService templates, MessageTemplates engine, Outbox outbox,
                Clock clock) {
        this.routes = routes;
        this.templates = templates;
        this.engine = engine;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Queues the notice for every channel its routes reach.
     *
     * @param seed what the notice announces, unique within the installation (a fact's id, a reminder's incident and
     *             interval): with the channel, it makes the message id
     * @param orderingKey the messages of one key reach a channel in the order they were queued (an incident's id)
     */
    CompletableFuture<Void> queue(TenantId tenant, String seed, Notice notice, String orderingKey) {
        return routes.destinations(tenant, notice).thenCompose(channels -> {
            List<CompletableFuture<Outbox.Queued>> rendered = new ArrayList<>();
            for (Channel channel : channels) {
                rendered.add(render(tenant, seed, notice, channel, orderingKey));
            }
            return CompletableFuture.allOf(rendered.toArray(CompletableFuture[]::new))
                    .thenCompose(ignored -> outbox.enqueue(rendered.stream().map(CompletableFuture::resultNow).toList()));
        });
    }

    private CompletableFuture<Outbox.Queued> render(TenantId tenant, String seed, Notice notice, Channel channel,
                                                    String orderingKey) {
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
                        + channel.settings().language().wireName() + " of tenant " + tenant + " failed for a notice"
                        + " about " + orderingKey + " (" + e.getMessage() + "); the built-in one was used");
                MessageTemplates.Pair builtIn = engine.builtIn(notice.type(), channel.settings().language());
                title = engine.render(builtIn.title(), notice).strip();
                text = engine.render(builtIn.body(), notice).strip();
            }
            String id = messageId(seed, channel);
            OutgoingMessage message = new OutgoingMessage(id, notice.type().wireName(), notice.occurredAt(),
                    title.isBlank() ? notice.type().wireName() : title, text, List.of(), null, colour(notice.type()));
            return new Outbox.Queued(id, tenant, channel.id(), orderingKey, message, clock.instant());
        });
    }

    /** The incident part of a notice: the incident as it stands. */
    static Notice.Incident incident(Incident state, String previousSeverity) {
        String communications = state.responders().entrySet().stream()
                .filter(responder -> responder.getValue() == ResponderRole.COMMUNICATIONS)
                .map(Map.Entry::getKey).collect(Collectors.joining(", "));
        return new Notice.Incident(state.id().toString(), state.number().value(), state.title(), state.summary(),
                state.severity().name(), previousSeverity, state.status() == null ? null : state.status().name(),
                state.services(), state.commander(), communications, state.detectedAt());
    }

    private static OutgoingMessage.Colour colour(NoticeType type) {
        return switch (type) {
            case INCIDENT_DECLARED, INCIDENT_REOPENED, SEVERITY_CHANGED -> OutgoingMessage.Colour.DANGER;
            case INCIDENT_RESOLVED -> OutgoingMessage.Colour.GOOD;
            case MITIGATION_STARTED, STATUS_UPDATE_INTERNAL, STATUS_UPDATE_EXTERNAL, UPDATE_DUE ->
                    OutgoingMessage.Colour.WARNING;
            default -> OutgoingMessage.Colour.NEUTRAL;
        };
    }

    /** Stable per seed and channel: the same notice queued again yields the same id, which the outbox keeps once. */
    static String messageId(String seed, Channel channel) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((seed + "/" + channel.id())
                    .getBytes(StandardCharsets.UTF_8));
            return "fd-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

}
