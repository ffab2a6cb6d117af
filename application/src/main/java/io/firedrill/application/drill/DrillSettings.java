package io.firedrill.application.drill;

import io.firedrill.domain.shared.TenantId;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The drill settings of this installation (configuration until tenants have admins).
 *
 * @param probeUrlPrefixes per tenant, the URL prefixes an {@code HTTP_PROBE} step may call; a tenant without an entry
 *                         may call none
 * @param prometheus the Prometheus that {@code PROMETHEUS_QUERY} steps ask, or {@code null} when none is configured
 * @param reviewReminderAfter how long a run may wait for its review before the reminder nudges it (whole days count)
 * @param inFlight how many database operations each of the drill scheduler's starts, its skips and the drill runner have
 *                 under way at once on an instance (each holds a pooled connection while it runs; the rest wait their turn)
 */
public record DrillSettings(Map<TenantId, List<String>> probeUrlPrefixes, URI prometheus,
                            java.time.Duration reviewReminderAfter, int inFlight) {

    /** The review reminder's default threshold. */
    public static final java.time.Duration REVIEW_REMINDER_AFTER = java.time.Duration.ofDays(3);
    /** The default of {@link #inFlight}. */
    public static final int IN_FLIGHT = 8;

    public DrillSettings {
        Objects.requireNonNull(probeUrlPrefixes, "probeUrlPrefixes");
        probeUrlPrefixes = Map.copyOf(probeUrlPrefixes);
        reviewReminderAfter = reviewReminderAfter == null ? REVIEW_REMINDER_AFTER : reviewReminderAfter;
        if (reviewReminderAfter.isNegative()) {
            throw new IllegalArgumentException("reviewReminderAfter must not be negative");
        }
        if (inFlight < 1) {
            throw new IllegalArgumentException("inFlight must be at least 1, not " + inFlight);
        }
    }

    /** Settings with the default review reminder threshold and operations in flight. */
    public DrillSettings(Map<TenantId, List<String>> probeUrlPrefixes, URI prometheus) {
        this(probeUrlPrefixes, prometheus, null, IN_FLIGHT);
    }

    /**
     * What keeps {@code tenant}'s probes from calling {@code url} (a sentence that follows the field's name), or empty
     * when they may: the URL must parse, name a host, hold no credentials, no {@code .} or {@code ..} segments and no
     * encoded dot, slash or backslash in its path, and
     * lie under one of the tenant's prefixes. A prefix allows URLs of its scheme, host and port whose path is its path
     * or lies below it ({@code https://checkout.internal/health} allows {@code /health} and {@code /health/db}, not
     * {@code /healthz}; a prefix ending in {@code /} allows everything below it).
     */
    public Optional<String> probeProblem(TenantId tenant, String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a URL: " + e.getReason() + " at index " + e.getIndex());
        }
        if (uri.getHost() == null || uri.getScheme() == null) {
            return Optional.of("must be an absolute http or https URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not hold credentials");
        }
        String raw = uri.getRawPath() == null ? "" : uri.getRawPath().toLowerCase(java.util.Locale.ROOT);
        if (!uri.normalize().equals(uri) || raw.contains("%2e") || raw.contains("%2f") || raw.contains("%5c")) {
            // Encoded dots and slashes too: a server that decodes before it resolves would serve another path.
            return Optional.of("must not hold . or .. path segments, nor encoded dots or slashes (%2e, %2f, %5c)");
        }
        List<String> prefixes = prefixes(tenant);
        if (prefixes.stream().noneMatch(prefix -> allows(URI.create(prefix), uri))) {
            return Optional.of(url + " is not allowed for this tenant: probes may call URLs under " + (prefixes.isEmpty()
                    ? "no prefix (none is configured: firedrill.drills.probe-url-prefixes)" : String.join(", ", prefixes)));
        }
        return Optional.empty();
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

    /** The tenant's allowed prefixes. */
    public List<String> prefixes(TenantId tenant) {
        return probeUrlPrefixes.getOrDefault(tenant, List.of());
    }
}
