package io.firedrill.application.drill;

import io.firedrill.domain.shared.TenantId;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The drill settings of this installation (configuration until tenants have admins).
 *
 * @param probeUrlPrefixes per tenant, the URL prefixes an {@code HTTP_PROBE} step may call; a tenant without an entry
 *                         may call none
 * @param prometheus the Prometheus that {@code PROMETHEUS_QUERY} steps ask, or {@code null} when none is configured
 */
public record DrillSettings(Map<TenantId, List<String>> probeUrlPrefixes, URI prometheus) {

    public DrillSettings {
        Objects.requireNonNull(probeUrlPrefixes, "probeUrlPrefixes");
        probeUrlPrefixes = Map.copyOf(probeUrlPrefixes);
    }

    /**
     * Whether {@code tenant}'s probes may call {@code url}: a prefix allows URLs of its scheme, host and port whose path
     * is its path or lies below it ({@code https://checkout.internal/health} allows {@code /health} and
     * {@code /health/db}, not {@code /healthz}; a prefix ending in {@code /} allows everything below it).
     */
    public boolean probeAllowed(TenantId tenant, URI url) {
        return probeUrlPrefixes.getOrDefault(tenant, List.of()).stream().anyMatch(prefix -> allows(URI.create(prefix), url));
    }

    private static boolean allows(URI prefix, URI url) {
        if (prefix.getScheme() == null || url.getScheme() == null || prefix.getHost() == null || url.getHost() == null
                || !prefix.getScheme().equalsIgnoreCase(url.getScheme()) || !prefix.getHost().equalsIgnoreCase(url.getHost())
                || port(prefix) != port(url)) {
            return false;
        }
        String allowed = prefix.getPath() == null || prefix.getPath().isEmpty() ? "/" : prefix.getPath();
        String path = url.getPath() == null || url.getPath().isEmpty() ? "/" : url.getPath();
        return allowed.endsWith("/") ? path.startsWith(allowed) : path.equals(allowed) || path.startsWith(allowed + "/");
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    /** The tenant's allowed prefixes (for messages). */
    public List<String> prefixes(TenantId tenant) {
        return probeUrlPrefixes.getOrDefault(tenant, List.of());
    }
}
