package io.firedrill.application.notification;

import io.firedrill.application.port.in.notification.Channel;
import io.firedrill.application.port.in.notification.Route;
import io.firedrill.application.port.in.notification.RouteCatalog;
import io.firedrill.application.port.in.notification.RouteNotFound;
import io.firedrill.application.port.in.notification.RouteVersionMismatch;
import io.firedrill.application.port.out.ChannelStore;
import io.firedrill.application.port.out.RouteStore;
import io.firedrill.domain.notification.Notice;
import io.firedrill.domain.notification.RouteId;
import io.firedrill.domain.notification.RouteSettings;
import io.firedrill.domain.notification.RouteSettings.Traffic;
import io.firedrill.domain.shared.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/** The route use cases over the routes' and the channels' stores. */
public final class RouteCatalogService implements RouteCatalog {

    private final RouteStore routes;
    private final ChannelStore channels;
    private final Clock clock;

    public RouteCatalogService(RouteStore routes, ChannelStore channels, Clock clock) {
        this.routes = routes;
        this.channels = channels;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<Route> create(TenantId tenant, RouteSettings settings) {
        return checked(tenant, settings).thenCompose(ignored -> {
            Instant now = clock.instant();
            Route route = new Route(new RouteId(UUID.randomUUID()), tenant, settings, now, now, 1);
            return routes.create(route).thenApply(done -> route);
        });
    }

    @Override
    public CompletableFuture<Route> get(TenantId tenant, RouteId id) {
        return routes.find(id).thenApply(found -> found.filter(r -> r.tenant().equals(tenant))
                .orElseThrow(() -> new RouteNotFound(id)));
    }

    @Override
    public CompletableFuture<List<Route>> list(TenantId tenant) {
        return routes.list(tenant);
    }

    @Override
    public CompletableFuture<Route> change(TenantId tenant, RouteId id, UnaryOperator<RouteSettings> change,
                                           Long expectedVersion) {
        return get(tenant, id).thenCompose(current -> {
            if (expectedVersion != null && expectedVersion != current.version()) {
                throw new RouteVersionMismatch(expectedVersion, current.version());
            }
            RouteSettings settings = change.apply(current.settings());
            Route changed = new Route(id, tenant, settings, current.createdAt(), clock.instant(), current.version() + 1);
            return checked(tenant, settings).thenCompose(ignored -> routes.replace(changed, current.version()))
                    .thenCompose(replaced -> replaced ? CompletableFuture.completedFuture(changed)
                            : routes.find(id).<Route>thenApply(now -> {
                                throw now.filter(r -> r.tenant().equals(tenant))
                                        .<RuntimeException>map(r -> new RouteVersionMismatch(current.version(), r.version()))
                                        .orElseGet(() -> new RouteNotFound(id));
                            }));
        });
    }

    @Override
    public CompletableFuture<Void> delete(TenantId tenant, RouteId id) {
        return routes.delete(tenant, id).thenAccept(deleted -> {
            if (!deleted) {
                throw new RouteNotFound(id);
            }
        });
    }

    @Override
    public CompletableFuture<List<Channel>> destinations(TenantId tenant, Notice notice) {
        return routes.list(tenant).thenCombine(channels.list(tenant), (allRoutes, allChannels) -> {
                    Map<Object, Channel> byId = new LinkedHashMap<>();
                    allChannels.forEach(channel -> byId.put(channel.id(), channel));
                    Map<Object, Channel> reached = new LinkedHashMap<>();
                    for (Route route : allRoutes) {
                        Channel channel = byId.get(route.settings().channel());
                        if (channel != null && route.settings().carries(notice, channel.settings().drills())) {
                            reached.putIfAbsent(channel.id(), channel);
                        }
                    }
                    return List.copyOf(reached.values());
                });
    }

    /** The route's channel is the tenant's, and accepts drill traffic if the route carries it. */
    private CompletableFuture<Channel> checked(TenantId tenant, RouteSettings settings) {
        return channels.find(settings.channel()).thenApply(found -> {
            Channel channel = found.filter(c -> c.tenant().equals(tenant)).orElseThrow(() ->
                    new IllegalArgumentException("channelId names no channel of the tenant: " + settings.channel()));
            if (settings.traffic() != Traffic.PRODUCTION && !channel.settings().drills()) {
                throw new IllegalArgumentException("traffic " + settings.traffic() + " carries drill traffic, which the"
                        + " channel " + channel.settings().name() + " does not accept (its drills setting is false)");
            }
            return channel;
        });
    }
}
