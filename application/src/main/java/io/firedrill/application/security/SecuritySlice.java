package io.firedrill.application.security;

import io.firedrill.application.port.in.security.AccessTokens;
import io.firedrill.application.port.in.security.AuditLog;
import io.firedrill.application.port.in.security.Tenants;
import io.firedrill.application.port.out.AccessTokenStore;
import io.firedrill.application.port.out.AuditTrail;
import io.firedrill.application.port.out.TenantStore;
import io.firedrill.application.slice.EventTypes;
import io.firedrill.application.slice.Slice;
import io.firedrill.application.slice.SliceWiring;

/**
 * The security slice: tenants and API tokens (configuration kept outside the event log) and the audit log. It stores
 * no events.
 */
public final class SecuritySlice implements Slice {

    @Override
    public String name() {
        return "security";
    }

    @Override
    public EventTypes<?> events() {
        return EventTypes.none("security");
    }

    @Override
    public void wire(SliceWiring wiring) {
        wiring.provide(Tenants.class, () -> new TenantService(wiring.require(TenantStore.class), wiring.clock()));
        wiring.provide(AuditLog.class, () -> new AuditService(wiring.require(AuditTrail.class)));
        wiring.provide(AccessTokens.class, () -> new AccessTokenService(wiring.require(AccessTokenStore.class),
                wiring.require(TenantStore.class), wiring.clock()));
    }
}
