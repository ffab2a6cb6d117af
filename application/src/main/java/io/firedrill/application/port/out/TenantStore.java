package io.firedrill.application.port.out;

import io.firedrill.application.port.in.security.Tenant;
import io.firedrill.domain.shared.TenantId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Where tenants are registered. */
public interface TenantStore {

    /** Registers the tenant; {@code false} when its id is taken. */
    CompletableFuture<Boolean> insert(Tenant tenant);

    CompletableFuture<Optional<Tenant>> find(TenantId id);

    /** Every tenant, by id. */
    CompletableFuture<List<Tenant>> list();
}
