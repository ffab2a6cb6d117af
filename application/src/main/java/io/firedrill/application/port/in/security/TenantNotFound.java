package io.firedrill.application.port.in.security;

import io.firedrill.application.port.in.NotFound;
import io.firedrill.domain.shared.TenantId;

/** No tenant with this id exists. */
public final class TenantNotFound extends NotFound {

    public TenantNotFound(TenantId id) {
        super("Tenant " + id + " does not exist.");
    }
}
