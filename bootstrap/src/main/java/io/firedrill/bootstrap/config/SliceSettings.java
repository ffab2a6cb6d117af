package io.firedrill.bootstrap.config;

import io.firedrill.application.drill.DrillSettings;
import io.firedrill.application.metrics.RecurrenceWindow;
import io.firedrill.application.requests.IdempotencyLease;
import io.firedrill.domain.postmortem.BlamelessWords;
import io.firedrill.domain.shared.Severity;
import io.firedrill.domain.shared.TenantId;
import io.firedrill.application.notification.NotificationSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The slices' settings as values they can {@code require}: the blameless check's words
 * ({@code firedrill.postmortems.blameless-words}), the recurrence window ({@code firedrill.metrics.recurrence-window})
 * the idempotency lease ({@code firedrill.idempotency.lease}, renewed while a request runs) and the drill settings
 * ({@link DrillConfig}).
 */
@ApplicationScoped
public class SliceSettings {

    @Produces
    @Singleton
    BlamelessWords blamelessWords(
            @ConfigProperty(name = "firedrill.postmortems.blameless-words") Optional<List<String>> words) {
        return words.filter(list -> !list.isEmpty()).map(BlamelessWords::of).orElseGet(BlamelessWords::defaults);
    }

    @Produces
    @Singleton
    RecurrenceWindow recurrenceWindow(@ConfigProperty(name = "firedrill.metrics.recurrence-window") Duration window) {
        return new RecurrenceWindow(window);
    }

    @Produces
    @Singleton
    IdempotencyLease idempotencyLease(
            @ConfigProperty(name = "firedrill.idempotency.lease", defaultValue = "PT10S") Duration lease) {
        return new IdempotencyLease(lease);
    }

    @Produces
    @Singleton
    NotificationSettings notificationSettings(
            @ConfigProperty(name = "firedrill.notifications.first-retry-delay") Duration firstRetry,
            @ConfigProperty(name = "firedrill.notifications.max-retry-delay") Duration maxRetry,
            @ConfigProperty(name = "firedrill.notifications.dead-after") Duration deadAfter,
            @ConfigProperty(name = "firedrill.notifications.batch") int batch,
            @ConfigProperty(name = "firedrill.notifications.send-timeout") Duration sendTimeout,
            @ConfigProperty(name = "firedrill.notifications.fact-max-age") Duration factMaxAge,
            @ConfigProperty(name = "firedrill.notifications.update-due.p0") Optional<Duration> p0,
            @ConfigProperty(name = "firedrill.notifications.update-due.p1") Optional<Duration> p1,
            @ConfigProperty(name = "firedrill.notifications.update-due.p2") Optional<Duration> p2,
            @ConfigProperty(name = "firedrill.notifications.update-due.p3") Optional<Duration> p3,
            @ConfigProperty(name = "firedrill.notifications.alerts-joined-window") Duration alertsJoinedWindow,
            @ConfigProperty(name = "firedrill.notifications.alerts-joined-grace") Duration alertsJoinedGrace) {
        Map<Severity, Duration> updateDue = new EnumMap<>(Severity.class);
        // 0 (or nothing) turns a severity's reminders off
        p0.filter(every -> !every.isZero()).ifPresent(every -> updateDue.put(Severity.P0, every));
        p1.filter(every -> !every.isZero()).ifPresent(every -> updateDue.put(Severity.P1, every));
        p2.filter(every -> !every.isZero()).ifPresent(every -> updateDue.put(Severity.P2, every));
        p3.filter(every -> !every.isZero()).ifPresent(every -> updateDue.put(Severity.P3, every));
        // a claim outlives the longest send by far, so that a live instance never loses its message to another
        return new NotificationSettings(firstRetry, maxRetry, deadAfter, batch, sendTimeout.multipliedBy(4).plusSeconds(30),
                factMaxAge, updateDue, alertsJoinedWindow, alertsJoinedGrace);
    }

    @Produces
    @Singleton
    DrillSettings drillSettings(DrillConfig config) {
        Map<TenantId, List<String>> prefixes = new HashMap<>();
        config.probeUrlPrefixes().forEach((tenant, list) -> {
            TenantId id;
            try {
                id = new TenantId(tenant);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("firedrill.drills.probe-url-prefixes names '" + tenant
                        + "', which is not a tenant id (1-63 lower-case letters, digits or dashes)", e);
            }
            for (String prefix : list) {
                URI uri = URI.create(prefix.strip());
                if (uri.getScheme() == null || uri.getHost() == null
                        || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
                    throw new IllegalArgumentException("firedrill.drills.probe-url-prefixes." + tenant + " holds '" + prefix
                            + "', which is not an absolute http or https URL");
                }
            }
            prefixes.put(id, list.stream().map(String::strip).toList());
        });
        return new DrillSettings(prefixes, config.prometheusUrl().orElse(null), config.reviewReminderAfter(), config.inFlight());
    }
}
