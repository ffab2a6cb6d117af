package io.firedrill.application.port.in.security;

import io.firedrill.domain.shared.TenantId;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The tenants of the installation, managed by platform admins. */
public interface Tenants {

    /** Registers a tenant; {@link TenantExists} when the id is taken. */
    CompletableFuture<Tenant> create(Principal by, TenantId id, String name);

    CompletableFuture<List<Tenant>> list();

    /** One tenant; {@link TenantNotFound} when it does not exist. */
    CompletableFuture<Tenant> get(TenantId id);
}
