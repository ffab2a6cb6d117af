package io.firedrill.application.security;

import io.firedrill.application.port.in.security.Principal;
import io.firedrill.application.port.in.security.Tenant;
import io.firedrill.application.port.in.security.TenantExists;
import io.firedrill.application.port.in.security.TenantNotFound;
import io.firedrill.application.port.in.security.Tenants;
import io.firedrill.application.port.out.TenantStore;
import io.firedrill.domain.shared.ControlCharacters;
import io.firedrill.domain.shared.TenantId;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Tenants over their store. */
public final class TenantService implements Tenants {

    private final TenantStore store;
    private final Clock clock;

    public TenantService(TenantStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<Tenant> create(Principal by, TenantId id, String name) {
        Tenant tenant;
        try {
            if (id == null) {
                throw new IllegalArgumentException("id must be 1-63 lower-case letters, digits or dashes");
            }
            String display = name == null || name.isBlank() ? id.value() : name.strip();
            if (display.length() > 200) {
                throw new IllegalArgumentException("name must be at most 200 characters");
            }
            int control = ControlCharacters.first(display);
            if (control >= 0) {
                throw new IllegalArgumentException("name " + ControlCharacters.refusal(control));
            }
            tenant = new Tenant(id, display, clock.instant(), by.actor().name());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return store.insert(tenant).thenApply(inserted -> {
            if (!inserted) {
                throw new TenantExists(id);
            }
            return tenant;
        });
    }

    @Override
    public CompletableFuture<List<Tenant>> list() {
        return store.list();
    }

    @Override
    public CompletableFuture<Tenant> get(TenantId id) {
        return store.find(id).thenApply(found -> found.orElseThrow(() -> new TenantNotFound(id)));
    }
}
