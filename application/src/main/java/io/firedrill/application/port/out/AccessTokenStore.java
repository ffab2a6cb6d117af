package io.firedrill.application.port.out;

import io.firedrill.application.port.in.security.ApiToken;
import io.firedrill.domain.shared.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** Where API tokens are kept: each with the SHA-256 digest (hex) of its secret, never the secret. */
public interface AccessTokenStore {

    CompletableFuture<Void> insert(ApiToken token, String digest);

    /** The token whose secret has this digest, revoked and expired ones included. */
    CompletableFuture<Optional<ApiToken>> findByDigest(String digest);

    /** One token of the tenant ({@code null}: a platform admin's token). */
    CompletableFuture<Optional<ApiToken>> find(TenantId tenant, UUID id);

    /** The tenant's tokens ({@code null}: the platform admins'), newest first, at most {@code limit}. */
    CompletableFuture<List<ApiToken>> list(TenantId tenant, int limit);

    /** Marks the token revoked unless it is already; the token as it is afterwards, empty when it does not exist. */
    CompletableFuture<Optional<ApiToken>> revoke(TenantId tenant, UUID id, Instant at, String by);

    /** Moves each token's last-used time forward to the given instant (never back). */
    CompletableFuture<Void> recordUsage(Map<UUID, Instant> lastUsed);
}
