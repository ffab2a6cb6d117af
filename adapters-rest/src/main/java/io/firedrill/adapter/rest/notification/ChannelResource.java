package io.firedrill.adapter.rest.notification;

import io.firedrill.adapter.rest.problem.BadRequest;
import io.firedrill.adapter.rest.support.Caller;
import io.firedrill.adapter.rest.support.Idempotency;
import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.port.in.notification.Channel;
import io.firedrill.application.port.in.notification.ChannelCatalog;
import io.firedrill.application.port.in.notification.DeliveryReport;
import io.firedrill.domain.notification.ChannelId;
import io.firedrill.domain.notification.ChannelKind;
import io.firedrill.domain.notification.ChannelSettings;
import io.firedrill.domain.notification.MessageLanguage;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Notification channels of the caller's tenant (docs/notifications.md). The destination URL and the signing secret are
 * write-only: answers show the destination's host, never the URL (most vendors' credential) or the secret. A signed
 * webhook's secret is issued by Firedrill and shown once, in the creation's answer or a rotation's
 * ({@code POST /{id}/secret}). {@code PATCH} changes the given fields and keeps the others; {@code kind} cannot change.
 * {@code POST /{id}/test} sends a test message and answers with what the vendor said.
 */
@Path("/api/v1/notification-channels")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ChannelResource {

    private final ChannelCatalog catalog;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uri;

    @Inject
    public ChannelResource(UseCases useCases) {
        this.catalog = useCases.get(ChannelCatalog.class);
    }

    /**
     * A channel as sent: every field optional in a {@code PATCH}.
     *
     * @param url the address the vendor shows (write-only)
     * @param secret the vendor's signing secret, for FEISHU and DINGTALK (write-only)
     */
    public record Settings(String name, ChannelKind kind, String language, Boolean drills, String url, String secret) {

        @Override
        public String toString() {
            return "Settings[" + name + ", " + kind + ", redacted]";
        }
    }

    /** A channel as the API shows it; {@code secret} only where one was just issued. */
    public record Representation(String id, String name, ChannelKind kind, String language, boolean drills,
                                 String host, long version, Instant createdAt, Instant updatedAt, String secret) {
    }

    /** What a test send came to. */
    public record TestResult(boolean accepted, int status, String vendorCode, String detail, Long retryAfterSeconds,
                             long latencyMs, boolean retryable) {
    }

    /** A list of channels. */
    public record Items<T>(List<T> items) {
    }

    @POST
    public CompletionStage<Response> create(Settings body) {
        Caller caller = Caller.of(headers);
        if (caller.idempotencyKey() != null) {
            throw new BadRequest(Idempotency.HEADER, "is not accepted here: a signed webhook's secret is shown only"
                    + " once, so a creation cannot be replayed; list the channels to see whether it was created");
        }
        if (body == null) {
            throw new BadRequest("$", "a JSON body with the channel's settings is required");
        }
        ChannelSettings settings = new ChannelSettings(body.name(), body.kind(),
                MessageLanguage.parse(body.language(), "language"), Boolean.TRUE.equals(body.drills()));
        URI base = uri.getBaseUriBuilder().build();
        return catalog.create(caller.tenant(), settings, body.url(), body.secret()).thenApply(created -> Response
                .created(base.resolve("api/v1/notification-channels/" + created.channel().id()))
                .tag(String.valueOf(created.channel().version()))
                .entity(representation(created.channel(), created.secret())).build());
    }

    @GET
    public CompletionStage<Items<Representation>> list() {
        Caller caller = Caller.of(headers);
        return catalog.list(caller.tenant())
                .thenApply(list -> new Items<>(list.stream().map(c -> representation(c, null)).toList()));
    }

    @GET
    @Path("{id}")
    public CompletionStage<Response> get(@PathParam("id") String id) {
        Caller caller = Caller.of(headers);
        return catalog.get(caller.tenant(), channelId(id)).thenApply(channel -> Response
                .ok(representation(channel, null)).tag(String.valueOf(channel.version())).build());
    }

    @PATCH
    @Path("{id}")
    public CompletionStage<Response> change(@PathParam("id") String id, Settings body) {
        Caller caller = Caller.of(headers);
        if (body == null) {
            throw new BadRequest("$", "a JSON body with the fields to change is required");
        }
        MessageLanguage language = body.language() == null ? null : MessageLanguage.parse(body.language(), "language");
        return catalog.change(caller.tenant(), channelId(id), current -> {
            if (body.kind() != null && body.kind() != current.kind()) {
                throw new IllegalArgumentException("kind cannot be changed; create another channel");
            }
            return new ChannelSettings(body.name() == null ? current.name() : body.name(), current.kind(),
                    language == null ? current.language() : language,
                    body.drills() == null ? current.drills() : body.drills());
        }, body.url(), body.secret(), caller.ifMatch()).thenApply(channel -> Response
                .ok(representation(channel, null)).tag(String.valueOf(channel.version())).build());
    }

    /** What a rotation may also change: the URL (optional). */
    public record Rotation(String url) {

        @Override
        public String toString() {
            return "Rotation[redacted]";
        }
    }

    /**
     * A new signed-webhook secret, shown in this answer only; the old one stops being used at once. An optional body
     * {@code {"url": …}} replaces the URL too.
     */
    @POST
    @Path("{id}/secret")
    public CompletionStage<Response> rotateSecret(@PathParam("id") String id, Rotation body) {
        Caller caller = Caller.of(headers);
        if (caller.idempotencyKey() != null) {
            throw new BadRequest(Idempotency.HEADER, "is not accepted here: the new secret is shown only once, so a"
                    + " rotation cannot be replayed; rotate again if the answer was lost");
        }
        return catalog.rotateSecret(caller.tenant(), channelId(id), body == null ? null : body.url(), caller.ifMatch())
                .thenApply(rotated -> Response.ok(representation(rotated.channel(), rotated.secret()))
                        .tag(String.valueOf(rotated.channel().version())).build());
    }

    @DELETE
    @Path("{id}")
    public CompletionStage<Response> delete(@PathParam("id") String id) {
        Caller caller = Caller.of(headers);
        return catalog.delete(caller.tenant(), channelId(id)).thenApply(ignored -> Response.noContent().build());
    }

    /** Sends a test message now and reports the vendor's answer (200 whatever the vendor said). */
    @POST
    @Path("{id}/test")
    public CompletionStage<TestResult> test(@PathParam("id") String id) {
        Caller caller = Caller.of(headers);
        return catalog.test(caller.tenant(), channelId(id), caller.actor().name()).thenApply(ChannelResource::result);
    }

    private static TestResult result(DeliveryReport report) {
        return new TestResult(report.accepted(), report.status(), report.vendorCode(), report.detail(),
                report.retryAfter() == null ? null : report.retryAfter().toSeconds(), report.latency().toMillis(),
                report.retryable());
    }

    private static Representation representation(Channel channel, String secret) {
        ChannelSettings s = channel.settings();
        return new Representation(channel.id().toString(), s.name(), s.kind(), s.language().wireName(), s.drills(),
                channel.destination().host(), channel.version(), channel.createdAt(), channel.updatedAt(), secret);
    }

    private static ChannelId channelId(String id) {
        try {
            return ChannelId.parse(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("Notification channel " + id + " does not exist.");
        }
    }
}
