package io.firedrill.adapter.rest.security;

import io.firedrill.application.port.in.security.Principal;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.common.vertx.ContextLocals;
import java.util.Optional;

/**
 * Where the principal of a request is kept: as an attribute of its security identity, and, once the access filter
 * let the request through, in the request's Vert.x context, where {@link io.firedrill.adapter.rest.support.Caller}
 * reads it.
 */
public final class Principals {

    /** The identity attribute holding the {@link Principal}. */
    public static final String ATTRIBUTE = "io.firedrill.principal";

    private Principals() {
    }

    /** A security identity for a principal. */
    public static SecurityIdentity identity(Principal principal) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(principal.actor().name()))
                .addAttribute(ATTRIBUTE, principal);
        principal.roles().forEach(role -> builder.addRole(role.wireName()));
        return builder.build();
    }

    /** The principal of an identity, if it has one. */
    public static Optional<Principal> of(SecurityIdentity identity) {
        return identity == null || identity.isAnonymous() ? Optional.empty()
                : Optional.ofNullable(identity.getAttribute(ATTRIBUTE));
    }

    /** Records the request's principal (the access filter does, after checking it). */
    static void enter(Principal principal) {
        ContextLocals.put(ATTRIBUTE, principal);
    }

    /** The principal of the current request; empty outside a request the access filter let through. */
    public static Optional<Principal> current() {
        try {
            return ContextLocals.get(ATTRIBUTE);
        } catch (UnsupportedOperationException | IllegalStateException outsideRequest) {
            return Optional.empty();
        }
    }
}
