package io.firedrill.application.port.in.security;

import io.firedrill.domain.shared.TenantId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * API tokens: created with a name, roles, a tenant and an optional expiry; shown once; stored only as a digest;
 * revocable. {@link #authenticate} answers from a cache at most {@link #FRESHNESS_MILLIS} old, so a revocation on
 * one instance is in force on every instance within that time plus one database read.
 */
public interface AccessTokens {

    /** The prefix of every API token's secret: {@code fd_}. */
    String PREFIX = "fd_";

    /** How old an instance's knowledge of a token may be when it accepts it, in milliseconds. */
    long FRESHNESS_MILLIS = 500;

    /**
     * Creates a token in {@code tenant} ({@code null}: a platform admin's token) with a new secret, which only the
     * result carries. Refuses ({@link IllegalArgumentException} naming the field) a blank or long name, no roles,
     * roles that do not belong together, and an expiry in the past; {@link TenantNotFound} for an unknown tenant.
     */
    CompletableFuture<Issued> create(Principal by, TenantId tenant, NewToken token);

    /** The tenant's tokens ({@code null}: the platform admins'), newest first, revoked ones included. */
    CompletableFuture<List<ApiToken>> list(TenantId tenant);

    /** One of the tenant's tokens; {@link TokenNotFound} for another tenant's. */
    CompletableFuture<ApiToken> get(TenantId tenant, UUID id);

    /** Revokes one of the tenant's tokens (again: no change); {@link TokenNotFound} for another tenant's. */
    CompletableFuture<ApiToken> revoke(Principal by, TenantId tenant, UUID id);

    /** The principal of a presented secret; empty when it is unknown, revoked or expired. */
    CompletableFuture<Optional<Principal>> authenticate(String secret);

    /**
     * Whether this instance accepted the secret within the freshness and it is still neither revoked (as far as this
     * instance knows) nor expired; answers from memory only, never from the store.
     */
    boolean knownValid(String secret);

    /** Writes the last-used times gathered since the previous call, in one transaction. */
    CompletableFuture<Void> recordUsage();

    /** A new token and its secret, to be shown once. */
    record Issued(ApiToken token, String secret) {

        @Override
        public String toString() {
            return "Issued[" + token.id() + ", secret redacted]";
        }
    }
}
