package io.firedrill.application.port.in.notification;

import io.firedrill.domain.notification.RouteId;
import io.firedrill.domain.notification.RouteSettings;
import io.firedrill.domain.shared.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * A notification route of one tenant: which notices reach one of its channels.
 *
 * @param version increases with every change; {@code If-Match} compares against it
 */
public record Route(RouteId id, TenantId tenant, RouteSettings settings, Instant createdAt, Instant updatedAt,
                    long version) {

    public Route {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
