package io.firedrill.adapter.rest.security;

import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.port.in.security.AuditEntry;
import io.firedrill.application.port.in.security.AuditLog;
import io.firedrill.application.port.in.security.Principal;
import io.firedrill.application.port.in.security.Role;
import io.firedrill.application.port.in.security.Tenants;
import io.firedrill.domain.shared.Actor;
import io.firedrill.domain.shared.ControlCharacters;
import io.firedrill.domain.shared.TenantId;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Maps an identity provider's access token (validated by quarkus-oidc: signature, issuer, audience, expiry) to a
 * principal: the actor, tenant and roles come from claims named by configuration ({@code firedrill.security.oidc.*},
 * docs/security.md); with a role map, only the provider roles it maps count, and platform-admin only through it. A token without a tenant claim (and no default tenant), naming an unregistered tenant, or with no
 * Firedrill role is refused (401). The first use of each token on an instance is audited as a login.
 */
@ApplicationScoped
public class OidcPrincipals implements SecurityIdentityAugmentor {

    private static final long TENANT_KNOWN_MILLIS = 60_000;
    private static final int SEEN_LIMIT = 100_000;

    private final UseCases useCases;
    private final String actorClaim;
    private final String tenantClaim;
    private final Optional<String> defaultTenant;
    private final String rolesClaim;
    private final Map<String, String> roleMap;
    private final Map<String, Long> knownTenants = new ConcurrentHashMap<>();
    private final Map<String, Long> seen = new ConcurrentHashMap<>();

    @Inject
    public OidcPrincipals(UseCases useCases,
                          @ConfigProperty(name = "firedrill.security.oidc.actor-claim", defaultValue = "preferred_username") String actorClaim,
                          @ConfigProperty(name = "firedrill.security.oidc.tenant-claim", defaultValue = "firedrill_tenant") String tenantClaim,
                          @ConfigProperty(name = "firedrill.security.oidc.default-tenant") Optional<String> defaultTenant,
                          @ConfigProperty(name = "firedrill.security.oidc.roles-claim", defaultValue = "firedrill_roles") String rolesClaim,
                          @ConfigProperty(name = "firedrill.security.oidc.role-map") Optional<Map<String, String>> roleMap) {
        this.useCases = useCases;
        this.actorClaim = actorClaim;
        this.tenantClaim = tenantClaim;
        this.defaultTenant = defaultTenant.filter(tenant -> !tenant.isBlank());
        this.rolesClaim = rolesClaim;
        this.roleMap = roleMap.orElse(Map.of());
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)
                || identity.getAttribute(Principals.ATTRIBUTE) != null) {
            return Uni.createFrom().item(identity);
        }
        Principal principal;
        try {
            principal = principal(jwt);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(new AuthenticationFailedException(e.getMessage()));
        }
        return Uni.createFrom().completionStage(() -> registered(principal.tenant()))
                .map(known -> {
                    if (!known) {
                        throw new AuthenticationFailedException("tenant " + principal.tenant() + " is not registered");
                    }
                    loggedIn(jwt, principal);
                    return (SecurityIdentity) QuarkusSecurityIdentity.builder(identity)
                            .addAttribute(Principals.ATTRIBUTE, principal).build();
                });
    }

    /** The principal of a validated token; {@link IllegalArgumentException} when its claims do not make one. */
    Principal principal(JsonWebToken jwt) {
        String actor = text(claim(jwt, actorClaim)).or(() -> Optional.ofNullable(jwt.getSubject()))
                .orElseThrow(() -> new IllegalArgumentException("the token has no " + actorClaim + " and no sub"));
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : texts(claim(jwt, rolesClaim))) {
            // with a role map, only the names it maps count (a shared claim may carry other applications' roles);
            // platform-admin only ever through the map
            String mapped = roleMap.isEmpty() ? name : roleMap.get(name);
            Role.ofWireName(mapped).filter(role -> role != Role.INTEGRATION)
                    .filter(role -> role != Role.PLATFORM_ADMIN || roleMap.containsKey(name))
                    .ifPresent(roles::add);
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("the token names no Firedrill role in " + rolesClaim);
        }
        if (roles.contains(Role.PLATFORM_ADMIN)) {
            return new Principal(Actor.user(actor), null, Set.of(Role.PLATFORM_ADMIN), "oidc:" + jwt.getIssuer());
        }
        String tenant = text(claim(jwt, tenantClaim)).or(() -> defaultTenant)
                .orElseThrow(() -> new IllegalArgumentException("the token has no " + tenantClaim));
        return new Principal(Actor.user(actor), new TenantId(tenant), roles, "oidc:" + jwt.getIssuer());
    }

    /** A claim by name, or by a dotted path into nested objects ({@code realm_access.roles}). */
    private static Object claim(JsonWebToken jwt, String path) {
        Object value = jwt.getClaim(path);
        if (value != null || !path.contains(".")) {
            return value;
        }
        String[] parts = path.split("\\.");
        Object current = jwt.getClaim(parts[0]);
        for (int i = 1; i < parts.length && current != null; i++) {
            current = current instanceof JsonObject object ? object.get(parts[i])
                    : current instanceof Map<?, ?> map ? map.get(parts[i]) : null;
        }
        return current;
    }

    /** A claim that is one string, as it is (an actor's name may hold spaces); refused with control characters. */
    private static Optional<String> text(Object value) {
        String text = value instanceof JsonString string ? string.getString() : value instanceof String string ? string : null;
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        if (ControlCharacters.first(text) >= 0) {
            throw new IllegalArgumentException("a claim of the token " + ControlCharacters.refusal(ControlCharacters.first(text)));
        }
        return Optional.of(text.strip());
    }

    private static List<String> texts(Object value) {
        List<String> texts = new ArrayList<>();
        if (value instanceof JsonString string) {
            texts.addAll(List.of(string.getString().strip().split("\\s+")));
        } else if (value instanceof String string) {
            texts.addAll(List.of(string.strip().split("\\s+")));
        } else if (value instanceof JsonArray array) {
            for (JsonValue item : array) {
                if (item instanceof JsonString string) {
                    texts.add(string.getString().strip());
                }
            }
        } else if (value instanceof Iterable<?> items) {
            items.forEach(item -> texts.add(String.valueOf(item).strip()));
        }
        texts.removeIf(String::isEmpty);
        return texts;
    }

    private CompletableFuture<Boolean> registered(TenantId tenant) {
        if (tenant == null) {
            return CompletableFuture.completedFuture(true);
        }
        Long until = knownTenants.get(tenant.value());
        if (until != null && until > System.currentTimeMillis()) {
            return CompletableFuture.completedFuture(true);
        }
        return useCases.get(Tenants.class).get(tenant).handle((found, failure) -> {
            if (failure != null) {
                if (failure.getCause() instanceof io.firedrill.application.port.in.security.TenantNotFound
                        || failure instanceof io.firedrill.application.port.in.security.TenantNotFound) {
                    return false;
                }
                throw new java.util.concurrent.CompletionException(failure);
            }
            knownTenants.put(tenant.value(), System.currentTimeMillis() + TENANT_KNOWN_MILLIS);
            return true;
        });
    }

    /** Audits the first use of a token on this instance as a login. */
    private void loggedIn(JsonWebToken jwt, Principal principal) {
        String id = jwt.getTokenID() != null ? jwt.getTokenID() : jwt.getIssuer() + " " + jwt.getSubject() + " " + jwt.getIssuedAtTime();
        long now = System.currentTimeMillis();
        if (seen.size() > SEEN_LIMIT) {
            seen.values().removeIf(expiry -> expiry < now);
        }
        if (seen.putIfAbsent(id, jwt.getExpirationTime() * 1000) == null) {
            useCases.get(AuditLog.class).record(new AuditEntry(AuditEntry.chainOf(principal.tenant()), Instant.now(),
                    principal.actor().name(), principal.credential(), "LOGIN oidc", "token " + id, null, 200, null));
        }
    }
}
