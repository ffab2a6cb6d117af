package io.firedrill.bootstrap.config;

import io.firedrill.domain.incident.ResponseTargets;
import io.firedrill.domain.shared.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The clock every use case reads time from (UTC system time; tests replace it), and the response targets
 * per severity from {@code firedrill.response-targets.<severity>.acknowledge|resolve} (ISO-8601 durations,
 * defaulting to the source documents' targets).
 */
@ApplicationScoped
public class TimeAndTargets {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    ResponseTargets responseTargets() {
        Config config = ConfigProvider.getConfig();
        Map<Severity, ResponseTargets.Target> targets = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            ResponseTargets.Target fallback = ResponseTargets.DEFAULTS.target(severity);
            String prefix = "firedrill.response-targets." + severity.name().toLowerCase(java.util.Locale.ROOT) + ".";
            targets.put(severity, new ResponseTargets.Target(
                    config.getOptionalValue(prefix + "acknowledge", Duration.class).orElse(fallback.acknowledge()),
                    config.getOptionalValue(prefix + "resolve", Duration.class).orElse(fallback.resolve())));
        }
        return ResponseTargets.of(targets);
    }
}
