package io.firedrill.application.security;

import io.firedrill.application.port.in.security.AccessTokens;
import io.firedrill.application.port.in.security.ApiToken;
import io.firedrill.application.port.in.security.NewToken;
import io.firedrill.application.port.in.security.Principal;
import io.firedrill.application.port.in.security.Role;
import io.firedrill.application.port.in.security.TenantNotFound;
import io.firedrill.application.port.in.security.TokenNotFound;
import io.firedrill.application.port.out.AccessTokenStore;
import io.firedrill.application.port.out.TenantStore;
import io.firedrill.domain.shared.Actor;
import io.firedrill.domain.shared.FieldText;
import io.firedrill.domain.shared.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * API tokens over their store. A secret is 32 random bytes, {@code fd_} and 43 base64url characters; the store
 * keeps its SHA-256 digest (a fast hash is enough for a secret of 256 random bits). Authentication answers from
 * a per-instance cache whose entries are re-read when older than {@link AccessTokens#FRESHNESS_MILLIS}; expiry is
 * checked against the clock on every request. Last-used times are gathered in memory and written by
 * {@link #recordUsage()}.
 */
public final class AccessTokenService implements AccessTokens {

    /** The most tokens listed at once. */
    static final int LIST_LIMIT = 1000;
    private static final int SECRET_BYTES = 32;
    private static final int SECRET_LENGTH = PREFIX.length() + 43;
    private static final int CACHE_LIMIT = 10_000;

    private final AccessTokenStore store;
    private final TenantStore tenants;
    private final Clock clock;
    private final LongSupplier nanos;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Map<UUID, Instant> used = new ConcurrentHashMap<>();
    /** Tokens revoked on this instance, with when (nanos): refused here whatever a lookup in flight brings back. */
    private final Map<UUID, Long> recentlyRevoked = new ConcurrentHashMap<>();
    /** A token's principal, made once (a token's subject, tenant and roles never change). */
    private final Map<UUID, Principal> principals = new ConcurrentHashMap<>();

    private record Cached(CompletableFuture<Optional<ApiToken>> token, long loadedAtNanos) {
    }

    public AccessTokenService(AccessTokenStore store, TenantStore tenants, Clock clock) {
        this(store, tenants, clock, System::nanoTime);
    }

    AccessTokenService(AccessTokenStore store, TenantStore tenants, Clock clock, LongSupplier nanos) {
        this.store = store;
        this.tenants = tenants;
        this.clock = clock;
        this.nanos = nanos;
    }

    @Override
    public CompletableFuture<Issued> create(Principal by, TenantId tenant, NewToken request) {
        ApiToken token;
        try {
            token = validated(by, tenant, request);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        CompletableFuture<Boolean> tenantExists = tenant == null ? CompletableFuture.completedFuture(true)
                : tenants.find(tenant).thenApply(Optional::isPresent);
        return tenantExists.thenCompose(exists -> {
            if (!exists) {
                throw new TenantNotFound(tenant);
            }
            return store.insert(token, digest(secret));
        }).thenApply(ignored -> new Issued(token, secret));
    }

    private ApiToken validated(Principal by, TenantId tenant, NewToken request) {
        if (request == null) {
            throw new IllegalArgumentException("body must be a JSON object");
        }
        String name = FieldText.required(request.name(), "name", 100);
        String subject = request.subject() == null ? name : FieldText.required(request.subject(), "subject", 200);
        Set<Role> roles = request.roles() == null ? Set.of() : request.roles();
        if (roles.isEmpty() || roles.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("roles must name at least one role: viewer, responder, commander or admin");
        }
        if (tenant == null && !roles.equals(Set.of(Role.PLATFORM_ADMIN))) {
            throw new IllegalArgumentException("roles must be exactly platform-admin for a token outside every tenant");
        }
        if (tenant != null && !roles.stream().allMatch(Role::tenantRole)) {
            throw new IllegalArgumentException("roles must be viewer, responder, commander or admin: integrations"
                    + " authenticate with their own credential, platform admins belong to no tenant");
        }
        Instant now = clock.instant();
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
            throw new IllegalArgumentException("expiresAt must be in the future, not " + request.expiresAt());
        }
        return new ApiToken(UUID.randomUUID(), tenant, name, subject, EnumSet.copyOf(roles), now, by.actor().name(),
                request.expiresAt(), null, null, null);
    }

    @Override
    public CompletableFuture<List<ApiToken>> list(TenantId tenant) {
        return store.list(tenant, LIST_LIMIT);
    }

    @Override
    public CompletableFuture<ApiToken> get(TenantId tenant, UUID id) {
        return store.find(tenant, id).thenApply(found -> found.orElseThrow(() -> new TokenNotFound(id)));
    }

    @Override
    public CompletableFuture<ApiToken> revoke(Principal by, TenantId tenant, UUID id) {
        return store.revoke(tenant, id, clock.instant(), by.actor().name()).thenApply(revoked -> {
            ApiToken token = revoked.orElseThrow(() -> new TokenNotFound(id));
            // a lookup that read the row before the revocation and ends after it cannot bring the token back here
            recentlyRevoked.put(id, nanos.getAsLong());
            principals.remove(id);
            cache.values().removeIf(cached -> !cached.token().isCompletedExceptionally()
                    && cached.token().getNow(Optional.empty()).map(t -> t.id().equals(id)).orElse(false));
            used.remove(id);
            return token;
        });
    }

    @Override
    public CompletableFuture<Optional<Principal>> authenticate(String secret) {
        if (secret == null || secret.length() != SECRET_LENGTH || !secret.startsWith(PREFIX)) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        String digest = digest(secret);
        CompletableFuture<Optional<ApiToken>> lookup = lookUp(digest);
        if (lookup.isDone() && !lookup.isCompletedExceptionally()) {
            // from memory: answered at once, without a stage
            return CompletableFuture.completedFuture(principal(lookup.getNow(Optional.empty())));
        }
        return lookup.thenApply(this::principal);
    }

    private Optional<Principal> principal(Optional<ApiToken> found) {
        Instant now = clock.instant();
        if (found.isEmpty() || !found.get().activeAt(now) || revokedHere(found.get().id())) {
            return Optional.empty();
        }
        ApiToken token = found.get();
        used.put(token.id(), now);
        return Optional.of(principals.computeIfAbsent(token.id(), id -> new Principal(Actor.user(token.subject()),
                token.tenant(), token.roles(), "token:" + id)));
    }

    /** Whether the token was revoked on this instance within the last minute (longer than any lookup may take). */
    private boolean revokedHere(UUID id) {
        if (recentlyRevoked.isEmpty()) {
            return false;
        }
        long now = nanos.getAsLong();
        recentlyRevoked.values().removeIf(at -> now - at > 60_000_000_000L);
        return recentlyRevoked.containsKey(id);
    }

    @Override
    public boolean knownValid(String secret) {
        if (secret == null || secret.length() != SECRET_LENGTH || !secret.startsWith(PREFIX)) {
            return false;
        }
        // any age: the entry proves this instance found the secret valid; authenticating re-reads a stale one
        Cached cached = cache.get(digest(secret));
        return cached != null && cached.token().isDone() && !cached.token().isCompletedExceptionally()
                && cached.token().getNow(Optional.empty())
                .map(token -> token.activeAt(clock.instant()) && !revokedHere(token.id())).orElse(false);
    }

    private CompletableFuture<Optional<ApiToken>> lookUp(String digest) {
        long now = nanos.getAsLong();
        Cached cached = cache.get(digest);
        if (cached != null && now - cached.loadedAtNanos() <= FRESHNESS_MILLIS * 1_000_000L
                && !cached.token().isCompletedExceptionally()) {
            return cached.token();
        }
        if (cache.size() >= CACHE_LIMIT) {
            cache.values().removeIf(entry -> now - entry.loadedAtNanos() > FRESHNESS_MILLIS * 1_000_000L);
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
                principals.clear();
            }
        }
        CompletableFuture<Optional<ApiToken>> loading = store.findByDigest(digest);
        Cached fresh = new Cached(loading, now);
        cache.put(digest, fresh);
        loading.whenComplete((token, failure) -> {
            if (failure != null) {
                cache.remove(digest, fresh);
            }
        });
        return loading;
    }

    @Override
    public CompletableFuture<Void> recordUsage() {
        if (used.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Map<UUID, Instant> batch = new HashMap<>();
        for (UUID id : List.copyOf(used.keySet())) {
            Instant at = used.remove(id);
            if (at != null) {
                batch.put(id, at);
            }
        }
        return store.recordUsage(batch).whenComplete((ignored, failure) -> {
            if (failure != null) {
                batch.forEach((id, at) -> used.merge(id, at, (a, b) -> a.isAfter(b) ? a : b));
            }
        });
    }

    /** The SHA-256 digest of a secret, in lower-case hex. */
    static String digest(String secret) {
        MessageDigest sha256 = SHA256.get();
        sha256.reset();
        return HexFormat.of().formatHex(sha256.digest(secret.getBytes(StandardCharsets.UTF_8)));
    }

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    });
}
