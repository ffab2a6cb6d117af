package io.firedrill.application.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firedrill.application.port.in.security.AccessTokens;
import io.firedrill.application.port.in.security.ApiToken;
import io.firedrill.application.port.in.security.NewToken;
import io.firedrill.application.port.in.security.Principal;
import io.firedrill.application.port.in.security.Role;
import io.firedrill.application.port.in.security.Tenant;
import io.firedrill.application.port.in.security.TenantNotFound;
import io.firedrill.application.port.out.AccessTokenStore;
import io.firedrill.application.port.out.TenantStore;
import io.firedrill.domain.shared.Actor;
import io.firedrill.domain.shared.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AccessTokenServiceTest {

    private static final TenantId TEAM = new TenantId("team");
    private static final Principal ADMIN = new Principal(Actor.user("alice"), TEAM, Set.of(Role.ADMIN), "token:x");

    private final MemoryStore store = new MemoryStore();
    private final MemoryTenants tenants = new MemoryTenants();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final AtomicLong nanos = new AtomicLong();
    /** This instance. */
    private final AccessTokenService one = new AccessTokenService(store, tenants, clock, nanos::get);
    /** Another instance on the same database, with a cache of its own. */
    private final AccessTokenService two = new AccessTokenService(store, tenants, clock, nanos::get);

    AccessTokenServiceTest() {
        tenants.rows.put(TEAM, new Tenant(TEAM, "Team", clock.instant(), "setup"));
    }

    @Test
    void aTokenIsShownOnce_storedOnlyAsItsDigest_andAuthenticatesAsItsSubjectInItsTenant() {
        AccessTokens.Issued issued = one.create(ADMIN, TEAM, new NewToken("ci deploys", "ci-bot",
                Set.of(Role.RESPONDER), null)).join();

        assertThat(issued.secret()).matches("fd_[A-Za-z0-9_-]{43}");
        assertThat(store.digests.keySet()).containsExactly(AccessTokenService.digest(issued.secret()))
                .doesNotContain(issued.secret());
        assertThat(issued.token().createdBy()).isEqualTo("alice");
        Principal principal = one.authenticate(issued.secret()).join().orElseThrow();
        assertThat(principal.actor()).isEqualTo(Actor.user("ci-bot"));
        assertThat(principal.tenant()).isEqualTo(TEAM);
        assertThat(principal.roles()).containsExactly(Role.RESPONDER);
        assertThat(principal.credential()).isEqualTo("token:" + issued.token().id());
    }

    @Test
    void unknownMalformedAndForeignSecretsAuthenticateNobody_withoutAskingTheStoreForMalformedOnes() {
        assertThat(one.authenticate("fd_" + "A".repeat(43)).join()).isEmpty();
        int reads = store.reads;
        assertThat(one.authenticate("fdr_integration-secret").join()).isEmpty();
        assertThat(one.authenticate("fd_short").join()).isEmpty();
        assertThat(one.authenticate(null).join()).isEmpty();
        assertThat(store.reads).isEqualTo(reads);
    }

    @Test
    void aRevocationIsInForceOnTheOtherInstanceOnceItsKnowledgeIsOlderThanTheFreshness() {
        AccessTokens.Issued issued = one.create(ADMIN, TEAM, new NewToken("laptop", null, Set.of(Role.VIEWER), null)).join();
        assertThat(two.authenticate(issued.secret()).join()).isPresent();

        one.revoke(ADMIN, TEAM, issued.token().id()).join();

        assertThat(one.authenticate(issued.secret()).join()).as("the revoking instance").isEmpty();
        nanos.addAndGet((AccessTokens.FRESHNESS_MILLIS - 1) * 1_000_000L);
        assertThat(two.authenticate(issued.secret()).join()).as("within the freshness, from its cache").isPresent();
        nanos.addAndGet(2_000_000L);
        assertThat(two.authenticate(issued.secret()).join()).as("past it, read again").isEmpty();
        assertThat(one.get(TEAM, issued.token().id()).join().revokedBy()).isEqualTo("alice");
    }

    @Test
    void aLookupThatReadTheTokenBeforeItsRevocationCannotBringItBackOnTheRevokingInstance() {
        AccessTokens.Issued issued = one.create(ADMIN, TEAM, new NewToken("racy", null, Set.of(Role.VIEWER), null)).join();
        store.holdLookups = new CompletableFuture<>();
        CompletableFuture<Optional<Principal>> inFlight = one.authenticate(issued.secret());

        one.revoke(ADMIN, TEAM, issued.token().id()).join();
        store.holdLookups.complete(null); // the lookup read the row before the revocation

        assertThat(inFlight.join()).isEmpty();
        assertThat(one.authenticate(issued.secret()).join()).isEmpty();
        assertThat(one.knownValid(issued.secret())).isFalse();
    }

    @Test
    void aTokenFoundValidStaysKnownPastTheFreshness_untilItIsRevoked() {
        AccessTokens.Issued issued = one.create(ADMIN, TEAM, new NewToken("known", null, Set.of(Role.VIEWER), null)).join();
        assertThat(one.knownValid(issued.secret())).as("never seen").isFalse();
        one.authenticate(issued.secret()).join();
        nanos.addAndGet(AccessTokens.FRESHNESS_MILLIS * 10 * 1_000_000L);

        assertThat(one.knownValid(issued.secret())).isTrue();
        one.revoke(ADMIN, TEAM, issued.token().id()).join();
        assertThat(one.knownValid(issued.secret())).isFalse();
    }

    @Test
    void anExpiredTokenIsRefusedAtOnce_evenFromTheCache() {
        Instant expiry = clock.instant().plusSeconds(60);
        AccessTokens.Issued issued = one.create(ADMIN, TEAM, new NewToken("short", null, Set.of(Role.VIEWER), expiry)).join();
        assertThat(one.authenticate(issued.secret()).join()).isPresent();

        clock.now = expiry;

        assertThat(one.authenticate(issued.secret()).join()).isEmpty();
    }

    @Test
    void lastUseIsWrittenInOneBatch_andKeptWhenTheWriteFails() {
        AccessTokens.Issued issued = one.create(ADMIN, TEAM, new NewToken("used", null, Set.of(Role.VIEWER), null)).join();
        one.authenticate(issued.secret()).join();
        clock.now = clock.now.plusSeconds(5);
        one.authenticate(issued.secret()).join();
        assertThat(store.usageWrites).isZero();

        store.failUsage = true;
        assertThatThrownBy(() -> one.recordUsage().join()).isInstanceOf(CompletionException.class);
        store.failUsage = false;
        one.recordUsage().join();

        assertThat(store.usageWrites).isEqualTo(1);
        assertThat(one.get(TEAM, issued.token().id()).join().lastUsedAt()).isEqualTo(clock.now);
        one.recordUsage().join();
        assertThat(store.usageWrites).as("nothing new to write").isEqualTo(1);
    }

    @Test
    void rolesThatDoNotBelongToATenantToken_noRoles_aPastExpiry_andAnUnknownTenantAreRefused() {
        assertRefused(TEAM, new NewToken("x", null, Set.of(Role.INTEGRATION), null), "roles must be viewer");
        assertRefused(TEAM, new NewToken("x", null, Set.of(Role.PLATFORM_ADMIN), null), "roles must be viewer");
        assertRefused(TEAM, new NewToken("x", null, Set.of(), null), "roles must name at least one role");
        assertRefused(null, new NewToken("x", null, Set.of(Role.ADMIN), null), "roles must be exactly platform-admin");
        assertRefused(TEAM, new NewToken(" ", null, Set.of(Role.ADMIN), null), "name must not be blank");
        assertRefused(TEAM, new NewToken("x", null, Set.of(Role.ADMIN), clock.instant()), "expiresAt must be in the future");
        assertThatThrownBy(() -> one.create(ADMIN, new TenantId("nobody"), new NewToken("x", null, Set.of(Role.ADMIN), null))
                .join()).hasCauseInstanceOf(TenantNotFound.class);
        assertThat(store.digests).isEmpty();
    }

    private void assertRefused(TenantId tenant, NewToken token, String message) {
        assertThatThrownBy(() -> one.create(ADMIN, tenant, token).join())
                .hasCauseInstanceOf(IllegalArgumentException.class).cause().hasMessageStartingWith(message);
    }

    private static final class MemoryStore implements AccessTokenStore {
        final Map<String, ApiToken> digests = new HashMap<>();
        int reads;
        int usageWrites;
        boolean failUsage;
        /** When set, lookups answer what they read now only once it completes. */
        CompletableFuture<Void> holdLookups;

        @Override
        public synchronized CompletableFuture<Void> insert(ApiToken token, String digest) {
            digests.put(digest, token);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public synchronized CompletableFuture<Optional<ApiToken>> findByDigest(String digest) {
            reads++;
            Optional<ApiToken> read = Optional.ofNullable(digests.get(digest));
            return holdLookups == null ? CompletableFuture.completedFuture(read) : holdLookups.thenApply(ignored -> read);
        }

        @Override
        public synchronized CompletableFuture<Optional<ApiToken>> find(TenantId tenant, UUID id) {
            return CompletableFuture.completedFuture(digests.values().stream()
                    .filter(t -> t.id().equals(id) && java.util.Objects.equals(t.tenant(), tenant)).findFirst());
        }

        @Override
        public synchronized CompletableFuture<List<ApiToken>> list(TenantId tenant, int limit) {
            return CompletableFuture.completedFuture(digests.values().stream()
                    .filter(t -> java.util.Objects.equals(t.tenant(), tenant))
                    .sorted(Comparator.comparing(ApiToken::createdAt).reversed()).limit(limit).toList());
        }

        @Override
        public synchronized CompletableFuture<Optional<ApiToken>> revoke(TenantId tenant, UUID id, Instant at, String by) {
            for (Map.Entry<String, ApiToken> entry : new ArrayList<>(digests.entrySet())) {
                ApiToken t = entry.getValue();
                if (t.id().equals(id) && java.util.Objects.equals(t.tenant(), tenant)) {
                    ApiToken revoked = t.revokedAt() != null ? t : new ApiToken(t.id(), t.tenant(), t.name(), t.subject(),
                            t.roles(), t.createdAt(), t.createdBy(), t.expiresAt(), at, by, t.lastUsedAt());
                    entry.setValue(revoked);
                    return CompletableFuture.completedFuture(Optional.of(revoked));
                }
            }
            return CompletableFuture.completedFuture(Optional.empty());
        }

        @Override
        public synchronized CompletableFuture<Void> recordUsage(Map<UUID, Instant> lastUsed) {
            if (failUsage) {
                return CompletableFuture.failedFuture(new IllegalStateException("database away"));
            }
            usageWrites++;
            digests.replaceAll((digest, t) -> lastUsed.containsKey(t.id()) ? new ApiToken(t.id(), t.tenant(), t.name(),
                    t.subject(), t.roles(), t.createdAt(), t.createdBy(), t.expiresAt(), t.revokedAt(), t.revokedBy(),
                    lastUsed.get(t.id())) : t);
            return CompletableFuture.completedFuture(null);
        }
    }

    private static final class MemoryTenants implements TenantStore {
        final Map<TenantId, Tenant> rows = new HashMap<>();

        @Override
        public CompletableFuture<Boolean> insert(Tenant tenant) {
            return CompletableFuture.completedFuture(rows.putIfAbsent(tenant.id(), tenant) == null);
        }

        @Override
        public CompletableFuture<Optional<Tenant>> find(TenantId id) {
            return CompletableFuture.completedFuture(Optional.ofNullable(rows.get(id)));
        }

        @Override
        public CompletableFuture<List<Tenant>> list() {
            return CompletableFuture.completedFuture(List.copyOf(rows.values()));
        }
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
