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
 *       refused;</li>
 *   <li>{@code run-every}: how often the drill runner gives every running run a turn ({@code off} on this instance);</li>
 *   <li>{@code schedule-every}: how often the drill scheduler starts the runs schedules make due ({@code off} on this
 *       instance);</li>
 *   <li>{@code in-flight}: how many database operations each of the drill scheduler's starts, its skips and the drill
 *       runner have under way at once on this instance.</li>
 * </ul>
 */
@ConfigMapping(prefix = "firedrill.drills")
public interface DrillConfig {

    @WithName("probe-url-prefixes")
    Map<String, List<String>> probeUrlPrefixes();

    @WithName("prometheus-url")
    Optional<URI> prometheusUrl();

    /** How often the drill runner gives running runs a turn ({@code 1s}; {@code off}): read by its schedule. */
    @WithName("run-every")
    String runEvery();

    /** How long a run may wait for its review before the reminder nudges it. */
    @WithName("review-reminder-after")
    @io.smallrye.config.WithDefault("P3D")
    java.time.Duration reviewReminderAfter();

    /** How often the review reminder looks for runs waiting too long ({@code 15m}; {@code off}): read by its schedule. */
    @WithName("review-check-every")
    String reviewCheckEvery();

    /** How many database operations each of the scheduler's starts, its skips and the runner have under way at once. */
    @WithName("in-flight")
    @io.smallrye.config.WithDefault("8")
    int inFlight();

    /** How often the drill scheduler starts due runs ({@code 1s}; {@code off}): read by its schedule. */
    @WithName("schedule-every")
    String scheduleEvery();
}
