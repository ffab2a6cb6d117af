package io.firedrill.adapter.persistence.security;

import io.firedrill.adapter.persistence.PanacheWork;
import io.firedrill.application.port.in.security.Tenant;
import io.firedrill.application.port.out.TenantStore;
import io.firedrill.domain.shared.TenantId;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Tenants in the {@code tenant} table. */
@ApplicationScoped
public class PanacheTenantStore implements TenantStore {

    private final PanacheWork work;

    @Inject
    public PanacheTenantStore(PanacheWork work) {
        this.work = work;
    }

    @Override
    public CompletableFuture<Boolean> insert(Tenant tenant) {
        return work.transaction(() -> TenantEntity.<TenantEntity>findById(tenant.id().value())
                .flatMap(existing -> existing != null
                        ? io.smallrye.mutiny.Uni.createFrom().item(false)
                        : TenantEntity.of(tenant).persist().replaceWith(true)))
                // two creations at once: the second meets the first's key when it commits
                .exceptionallyCompose(failure -> uniqueViolation(failure) ? CompletableFuture.completedFuture(false)
                        : CompletableFuture.failedFuture(failure));
    }

    private static boolean uniqueViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
            if (cause instanceof org.hibernate.exception.ConstraintViolationException violation
                    && "23505".equals(violation.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public CompletableFuture<Optional<Tenant>> find(TenantId id) {
        return work.transaction(() -> TenantEntity.<TenantEntity>findById(id.value())
                .map(entity -> Optional.ofNullable(entity).map(TenantEntity::toTenant)));
    }

    @Override
    public CompletableFuture<List<Tenant>> list() {
        return work.transaction(() -> TenantEntity.<TenantEntity>listAll(Sort.by("tenantId"))
                .map(entities -> entities.stream().map(TenantEntity::toTenant).toList()));
    }
}
