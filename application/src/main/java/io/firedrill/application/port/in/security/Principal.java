package io.firedrill.application.port.in.security;

import io.firedrill.domain.shared.Actor;
import io.firedrill.domain.shared.TenantId;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Who an authenticated request is: the actor recorded on the facts it causes, its tenant and its roles.
 *
 * @param actor who acts; the actor of every fact the request causes
 * @param tenant the tenant whose objects it sees; {@code null} only for a {@link Role#PLATFORM_ADMIN}
 * @param roles what it may do there; never empty
 * @param credential how it authenticated: {@code token:<id>} or {@code oidc:<issuer>}
 */
public record Principal(Actor actor, TenantId tenant, Set<Role> roles, String credential) {

    public Principal {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(credential, "credential");
        if (roles == null || roles.isEmpty()) {
            throw new IllegalArgumentException("a principal needs at least one role");
        }
        roles = Set.copyOf(EnumSet.copyOf(roles));
        if (tenant == null && !roles.equals(Set.of(Role.PLATFORM_ADMIN))) {
            throw new IllegalArgumentException("only a platform admin has no tenant");
        }
        if (tenant != null && roles.contains(Role.PLATFORM_ADMIN)) {
            throw new IllegalArgumentException("a platform admin belongs to no tenant");
        }
    }

    /** Whether one of the principal's roles allows what {@code required} allows. */
    public boolean may(Role required) {
        for (Role role : roles) {
            if (role.grants(required)) {
                return true;
            }
        }
        return false;
    }
}
