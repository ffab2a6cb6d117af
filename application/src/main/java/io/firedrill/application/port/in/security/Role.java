package io.firedrill.application.port.in.security;

import java.util.Locale;
import java.util.Optional;

/**
 * What a principal may do in its tenant. {@link #VIEWER}, {@link #RESPONDER}, {@link #COMMANDER} and {@link #ADMIN}
 * each include the ones before them; {@link #INTEGRATION} (an alert receiver's own credential) and
 * {@link #PLATFORM_ADMIN} (who manages tenants and their first admins, outside every tenant) include nothing else.
 */
public enum Role {
    /** Reads everything of its tenant. */
    VIEWER,
    /** Plus incident and action item commands, notes, status updates, postmortem work. */
    RESPONDER,
    /** Plus severity, commander hand-over, closing as duplicate, drill runs started by hand. */
    COMMANDER,
    /** Plus integrations, API tokens, settings, drill plans, projections. */
    ADMIN,
    /** An alert source: only its own receiver. */
    INTEGRATION,
    /** Tenants and their admins' tokens; no access to any tenant's incidents. */
    PLATFORM_ADMIN;

    /** Whether holding this role allows what {@code required} allows. */
    public boolean grants(Role required) {
        if (this == required) {
            return true;
        }
        return ordinal() <= ADMIN.ordinal() && required.ordinal() <= ADMIN.ordinal() && ordinal() >= required.ordinal();
    }

    /** The name used in the API, tokens and claims: {@code viewer}, {@code platform-admin}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The role of a wire name ({@code commander}, {@code platform-admin}), ignoring case. */
    public static Optional<Role> ofWireName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String normalized = name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Role role : values()) {
            if (role.name().equals(normalized)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /** The roles a tenant's API token may hold. */
    public boolean tenantRole() {
        return ordinal() <= ADMIN.ordinal();
    }
}
