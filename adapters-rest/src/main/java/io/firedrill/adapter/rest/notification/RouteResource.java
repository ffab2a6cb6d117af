package io.firedrill.adapter.rest.notification;

import io.firedrill.adapter.rest.problem.BadRequest;
import io.firedrill.adapter.rest.support.Caller;
import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.port.in.notification.Route;
import io.firedrill.application.port.in.notification.RouteCatalog;
import io.firedrill.domain.notification.ChannelId;
import io.firedrill.domain.notification.ChannelKind;
import io.firedrill.domain.notification.Notice;
import io.firedrill.domain.notification.NoticeType;
import io.firedrill.domain.notification.RouteId;
import io.firedrill.domain.notification.RouteSettings;
import io.firedrill.domain.notification.RouteSettings.Traffic;
import io.firedrill.domain.shared.Severity;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Notification routes of the caller's tenant (docs/notifications.md#routes): which notices reach which channel.
 * {@code POST /match} answers which channels a notice of the given kind would reach.
 */
@Path("/api/v1/notification-routes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RouteResource {

    private final RouteCatalog catalog;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uri;

    @Inject
    public RouteResource(UseCases useCases) {
        this.catalog = useCases.get(RouteCatalog.class);
    }

    /** A route as sent: every field optional in a {@code PATCH}. */
    public record Settings(String name, String channelId, List<String> types, Severity minSeverity,
                           List<String> services, Traffic traffic) {
    }

    /** A route as the API shows it. */
    public record Representation(String id, String name, String channelId, List<String> types, Severity minSeverity,
                                 Set<String> services, Traffic traffic, long version, Instant createdAt,
                                 Instant updatedAt) {
    }

    /** A notice to match: its type, and the incident's severity and services, and whether it is drill traffic. */
    public record MatchRequest(String type, Severity severity, List<String> services, Boolean drill) {
    }

    /** A channel a notice reaches. */
    public record Reached(String id, String name, ChannelKind kind) {
    }

    /** A list. */
    public record Items<T>(List<T> items) {
    }

    @POST
    public CompletionStage<Response> create(Settings body) {
        Caller caller = Caller.of(headers);
        if (body == null) {
            throw new BadRequest("$", "a JSON body with the route's settings is required");
        }
        RouteSettings settings = new RouteSettings(body.name(), channelId(body.channelId()), types(body.types()),
                body.minSeverity(), body.services() == null ? null : new LinkedHashSet<>(body.services()), body.traffic());
        URI base = uri.getBaseUriBuilder().build();
        return catalog.create(caller.tenant(), settings).thenApply(route -> Response
                .created(base.resolve("api/v1/notification-routes/" + route.id()))
                .tag(String.valueOf(route.version())).entity(representation(route)).build());
    }

    @GET
    public CompletionStage<Items<Representation>> list() {
        Caller caller = Caller.of(headers);
        return catalog.list(caller.tenant())
                .thenApply(routes -> new Items<>(routes.stream().map(RouteResource::representation).toList()));
    }

    @GET
    @Path("{id}")
    public CompletionStage<Response> get(@PathParam("id") String id) {
        Caller caller = Caller.of(headers);
        return catalog.get(caller.tenant(), routeId(id)).thenApply(route -> Response.ok(representation(route))
                .tag(String.valueOf(route.version())).build());
    }

    @PATCH
    @Path("{id}")
    public CompletionStage<Response> change(@PathParam("id") String id, Settings body) {
        Caller caller = Caller.of(headers);
        if (body == null) {
            throw new BadRequest("$", "a JSON body with the fields to change is required");
        }
        ChannelId channel = body.channelId() == null ? null : channelId(body.channelId());
        Set<NoticeType> types = body.types() == null ? null : types(body.types());
        return catalog.change(caller.tenant(), routeId(id), current -> new RouteSettings(
                body.name() == null ? current.name() : body.name(),
                channel == null ? current.channel() : channel,
                types == null ? current.types() : types,
                body.minSeverity() == null ? current.minSeverity() : body.minSeverity(),
                body.services() == null ? current.services() : new LinkedHashSet<>(body.services()),
                body.traffic() == null ? current.traffic() : body.traffic()), caller.ifMatch())
                .thenApply(route -> Response.ok(representation(route)).tag(String.valueOf(route.version())).build());
    }

    @DELETE
    @Path("{id}")
    public CompletionStage<Response> delete(@PathParam("id") String id) {
        Caller caller = Caller.of(headers);
        return catalog.delete(caller.tenant(), routeId(id)).thenApply(ignored -> Response.noContent().build());
    }

    /** The channels a notice of this kind would reach now. */
    @POST
    @Path("match")
    public CompletionStage<Items<Reached>> match(MatchRequest body) {
        Caller caller = Caller.of(headers);
        if (body == null) {
            throw new BadRequest("$", "a JSON body naming the notice's type is required");
        }
        NoticeType type = NoticeType.parse(body.type(), "type");
        boolean drill = Boolean.TRUE.equals(body.drill());
        Notice.Incident incident = null;
        if (type.aboutIncident() || body.severity() != null || body.services() != null) {
            if (body.severity() == null) {
                throw new BadRequest("severity", "must be given for an incident's notice");
            }
            incident = new Notice.Incident(UUID.randomUUID().toString(), "INC-0000-0001", "match", null,
                    body.severity().name(), null, null, body.services(), null, null, Instant.EPOCH);
        }
        Notice.Subject subject = type.aboutIncident() ? null
                : new Notice.Subject(type.wireName().substring(0, type.wireName().indexOf('.')), "match", "match",
                null, null, null);
        Notice notice = new Notice(type, Instant.EPOCH, "match", drill, incident, subject, null, 1, null);
        return catalog.destinations(caller.tenant(), notice).thenApply(channels -> new Items<>(channels.stream()
                .map(c -> new Reached(c.id().toString(), c.settings().name(), c.settings().kind())).toList()));
    }

    private static Set<NoticeType> types(List<String> names) {
        if (names == null) {
            return null;
        }
        Set<NoticeType> types = new LinkedHashSet<>();
        for (String name : names) {
            types.add(NoticeType.parse(name, "types"));
        }
        return types;
    }

    private static ChannelId channelId(String id) {
        return id == null ? null : ChannelId.parse(id);
    }

    private static Representation representation(Route route) {
        RouteSettings s = route.settings();
        return new Representation(route.id().toString(), s.name(), s.channel().toString(),
                s.types().stream().map(NoticeType::wireName).toList(), s.minSeverity(), s.services(), s.traffic(),
                route.version(), route.createdAt(), route.updatedAt());
    }

    private static RouteId routeId(String id) {
        try {
            return RouteId.parse(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("Notification route " + id + " does not exist.");
        }
    }
}
