package io.firedrill.application.port.in.notification;

import io.firedrill.domain.notification.Notice;
import io.firedrill.domain.notification.RouteId;
import io.firedrill.domain.notification.RouteSettings;
import io.firedrill.domain.shared.TenantId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * A tenant's notification routes: which notices reach which of its channels. A route names one of the tenant's
 * channels; one that carries drill traffic must name a channel that accepts it.
 */
public interface RouteCatalog {

    CompletableFuture<Route> create(TenantId tenant, RouteSettings settings);

    /** The tenant's route; {@link RouteNotFound} for another tenant's or a deleted one. */
    CompletableFuture<Route> get(TenantId tenant, RouteId id);

    CompletableFuture<List<Route>> list(TenantId tenant);

    /** Changes the route. The future fails with {@link RouteVersionMismatch} when it changed meanwhile. */
    CompletableFuture<Route> change(TenantId tenant, RouteId id, UnaryOperator<RouteSettings> change, Long expectedVersion);

    CompletableFuture<Void> delete(TenantId tenant, RouteId id);

    /** The channels a notice reaches, each once, whatever the number of routes that carry it there. */
    CompletableFuture<List<Channel>> destinations(TenantId tenant, Notice notice);
}
