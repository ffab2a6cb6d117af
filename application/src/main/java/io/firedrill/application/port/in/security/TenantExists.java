package io.firedrill.application.port.in.security;

import io.firedrill.domain.shared.TenantId;
import java.io.Serial;

/** A tenant with this id exists already: a 409. */
public final class TenantExists extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    public TenantExists(TenantId id) {
        super("Tenant " + id + " exists already.");
    }
}
