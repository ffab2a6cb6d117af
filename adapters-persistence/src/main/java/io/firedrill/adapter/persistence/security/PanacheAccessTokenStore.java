package io.firedrill.adapter.persistence.security;

import io.firedrill.adapter.persistence.PanacheWork;
import io.firedrill.application.port.in.security.ApiToken;
import io.firedrill.application.port.out.AccessTokenStore;
import io.firedrill.domain.shared.TenantId;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** API tokens in the {@code api_token} table. */
@ApplicationScoped
public class PanacheAccessTokenStore implements AccessTokenStore {

    private final PanacheWork work;

    @Inject
    public PanacheAccessTokenStore(PanacheWork work) {
        this.work = work;
    }

    @Override
    public CompletableFuture<Void> insert(ApiToken token, String digest) {
        return work.transaction(() -> ApiTokenEntity.of(token, digest).persist().replaceWithVoid());
    }

    @Override
    public CompletableFuture<Optional<ApiToken>> findByDigest(String digest) {
        return work.transaction(() -> ApiTokenEntity.<ApiTokenEntity>find("secretDigest", digest).firstResult()
                .map(entity -> Optional.ofNullable(entity).map(ApiTokenEntity::toToken)));
    }

    @Override
    public CompletableFuture<Optional<ApiToken>> find(TenantId tenant, UUID id) {
        return work.transaction(() -> byTenant(tenant, id).map(entity -> Optional.ofNullable(entity).map(ApiTokenEntity::toToken)));
    }

    @Override
    public CompletableFuture<List<ApiToken>> list(TenantId tenant, int limit) {
        Sort newest = Sort.descending("createdAt").and("tokenId");
        return work.transaction(() -> {
            PanacheQuery<ApiTokenEntity> query = tenant == null
                    ? ApiTokenEntity.find("tenantId is null", newest)
                    : ApiTokenEntity.find("tenantId", newest, tenant.value());
            return query.page(Page.ofSize(limit)).list()
                    .map(entities -> entities.stream().map(ApiTokenEntity::toToken).toList());
        });
    }

    @Override
    public CompletableFuture<Optional<ApiToken>> revoke(TenantId tenant, UUID id, Instant at, String by) {
        return work.transaction(() -> byTenant(tenant, id).map(entity -> {
            if (entity == null) {
                return Optional.<ApiToken>empty();
            }
            if (entity.revokedAt == null) {
                entity.revokedAt = at;
                entity.revokedBy = by;
            }
            return Optional.of(entity.toToken());
        }));
    }

    @Override
    public CompletableFuture<Void> recordUsage(Map<UUID, Instant> lastUsed) {
        return work.transaction(() -> {
            Uni<Integer> updates = Uni.createFrom().item(0);
            for (Map.Entry<UUID, Instant> use : lastUsed.entrySet()) {
                updates = updates.flatMap(count -> ApiTokenEntity.update(
                        "lastUsedAt = ?1 where tokenId = ?2 and (lastUsedAt is null or lastUsedAt < ?1)",
                        use.getValue(), use.getKey()).map(updated -> count + updated));
            }
            return updates.replaceWithVoid();
        });
    }

    private static Uni<ApiTokenEntity> byTenant(TenantId tenant, UUID id) {
        return tenant == null
                ? ApiTokenEntity.<ApiTokenEntity>find("tokenId = ?1 and tenantId is null", id).firstResult()
                : ApiTokenEntity.<ApiTokenEntity>find("tokenId = ?1 and tenantId = ?2", id, tenant.value()).firstResult();
    }
}
