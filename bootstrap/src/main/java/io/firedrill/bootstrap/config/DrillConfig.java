package io.firedrill.bootstrap.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The drill settings ({@code firedrill.drills.*}):
 * <ul>
 *   <li>{@code probe-url-prefixes."<tenant>"}: the URL prefixes that the tenant's {@code HTTP_PROBE} steps may call,
 *       comma-separated; a tenant without an entry may call none;</li>
 *   <li>{@code prometheus-url}: the Prometheus that {@code PROMETHEUS_QUERY} steps ask; without it such steps are
 *       refused.</li>
 * </ul>
 */
@ConfigMapping(prefix = "firedrill.drills")
public interface DrillConfig {

    @WithName("probe-url-prefixes")
    Map<String, List<String>> probeUrlPrefixes();

    @WithName("prometheus-url")
    Optional<URI> prometheusUrl();
}
