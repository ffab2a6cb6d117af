package io.firedrill.application.port.in.security;

import io.firedrill.domain.shared.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * A tenant: a team or organisation whose objects no other tenant sees.
 *
 * @param name a display name, 1-200 characters
 */
public record Tenant(TenantId id, String name, Instant createdAt, String createdBy) {

    public Tenant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdBy, "createdBy");
    }
}
