package io.firedrill.application.port.in.security;

import io.firedrill.domain.shared.TenantId;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * An API token as it is listed: everything but its secret, which exists only in the answer that created it.
 *
 * @param tenant the tenant it acts in; {@code null} for a platform admin's token
 * @param name a label to recognise it by ({@code ci-deploys}, {@code alice laptop})
 * @param subject the actor of the facts it causes
 * @param expiresAt when it stops working, or {@code null} for never
 * @param revokedAt when it was revoked, or {@code null}
 * @param lastUsedAt when it was last accepted (recorded every few seconds, not on every request), or {@code null}
 */
public record ApiToken(UUID id, TenantId tenant, String name, String subject, Set<Role> roles, Instant createdAt,
                       String createdBy, Instant expiresAt, Instant revokedAt, String revokedBy, Instant lastUsedAt) {

    public ApiToken {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdBy, "createdBy");
        roles = Set.copyOf(EnumSet.copyOf(roles));
    }

    /** Whether it is accepted at {@code now}: neither revoked nor expired. */
    public boolean activeAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }
}
