package io.firedrill.application.port.out;

import io.firedrill.application.port.in.notification.Route;
import io.firedrill.domain.notification.RouteId;
import io.firedrill.domain.shared.TenantId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Where notification routes are kept. */
public interface RouteStore {

    CompletableFuture<Void> create(Route route);

    CompletableFuture<Optional<Route>> find(RouteId id);

    /** The tenant's routes, oldest first. */
    CompletableFuture<List<Route>> list(TenantId tenant);

    /** Replaces the route when it is still at {@code expectedVersion}; whether it was. */
    CompletableFuture<Boolean> replace(Route route, long expectedVersion);

    /** Deletes the tenant's route; whether there was one. */
    CompletableFuture<Boolean> delete(TenantId tenant, RouteId id);
}
