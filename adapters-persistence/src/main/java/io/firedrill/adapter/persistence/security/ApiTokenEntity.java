package io.firedrill.adapter.persistence.security;

import io.firedrill.application.port.in.security.ApiToken;
import io.firedrill.application.port.in.security.Role;
import io.firedrill.domain.shared.TenantId;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** A row of the {@code api_token} table; {@code roles} as comma-separated wire names. */
@Entity
@Table(name = "api_token")
public class ApiTokenEntity extends PanacheEntityBase {

    @Id
    @Column(name = "token_id")
    public UUID tokenId;

    @Column(name = "tenant_id")
    public String tenantId;

    @Column(name = "name", nullable = false)
    public String name;

    @Column(name = "subject", nullable = false)
    public String subject;

    @Column(name = "roles", nullable = false)
    public String roles;

    @Column(name = "secret_digest", nullable = false, unique = true)
    public String secretDigest;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "revoked_by")
    public String revokedBy;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    static ApiTokenEntity of(ApiToken token, String digest) {
        ApiTokenEntity entity = new ApiTokenEntity();
        entity.tokenId = token.id();
        entity.tenantId = token.tenant() == null ? null : token.tenant().value();
        entity.name = token.name();
        entity.subject = token.subject();
        entity.roles = token.roles().stream().sorted().map(Role::wireName).collect(Collectors.joining(","));
        entity.secretDigest = digest;
        entity.createdAt = token.createdAt();
        entity.createdBy = token.createdBy();
        entity.expiresAt = token.expiresAt();
        entity.revokedAt = token.revokedAt();
        entity.revokedBy = token.revokedBy();
        entity.lastUsedAt = token.lastUsedAt();
        return entity;
    }

    ApiToken toToken() {
        Set<Role> parsed = EnumSet.noneOf(Role.class);
        Arrays.stream(roles.split(",")).map(name -> Role.ofWireName(name)
                        .orElseThrow(() -> new IllegalStateException("api_token " + tokenId + " has an unknown role " + name)))
                .forEach(parsed::add);
        return new ApiToken(tokenId, tenantId == null ? null : new TenantId(tenantId), name, subject, parsed, createdAt,
                createdBy, expiresAt, revokedAt, revokedBy, lastUsedAt);
    }
}
