package io.firedrill.application.notification;

import io.firedrill.domain.shared.Severity;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the outbox is worked: the first retry's delay (doubling, with jitter, up to {@code maxRetryDelay}), the age past
 * which an undelivered message becomes a dead letter, how many messages one run claims, how long a claim lasts, and
 * the age past which a fact is not announced at all (a fact handled late: a replayed parked event, a feed that was
 * stopped), and the cadence of status updates per severity (a running incident of a severity named here that goes an
 * interval without one is reminded; severities not named have none), the window in which the alerts joining an
 * incident are summed up in one notice, and how long after a window's end it is announced.
 */
public record NotificationSettings(Duration firstRetryDelay, Duration maxRetryDelay, Duration deadAfter, int batch,
                                   Duration lease, Duration factMaxAge, Map<Severity, Duration> updateDue,
                                   Duration alertsJoinedWindow, Duration alertsJoinedGrace) {

    public NotificationSettings {
        Objects.requireNonNull(firstRetryDelay, "firstRetryDelay");
        Objects.requireNonNull(maxRetryDelay, "maxRetryDelay");
        Objects.requireNonNull(deadAfter, "deadAfter");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(factMaxAge, "factMaxAge");
        if (firstRetryDelay.isNegative() || firstRetryDelay.isZero() || maxRetryDelay.compareTo(firstRetryDelay) < 0) {
            throw new IllegalArgumentException("firedrill.notifications.retry-delays: the first must be positive and at"
                    + " most the longest");
        }
        updateDue = updateDue == null ? Map.of() : Map.copyOf(updateDue);
        updateDue.forEach((severity, every) -> {
            if (every.compareTo(Duration.ofMinutes(1)) < 0) {
                throw new IllegalArgumentException("firedrill.notifications.update-due." + severity.name().toLowerCase(
                        java.util.Locale.ROOT) + " must be at least one minute, not " + every);
            }
        });
        Objects.requireNonNull(alertsJoinedWindow, "alertsJoinedWindow");
        if (alertsJoinedWindow.compareTo(Duration.ofSeconds(1)) < 0 || alertsJoinedWindow.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("firedrill.notifications.alerts-joined-window must be between 1s and 1h,"
                    + " not " + alertsJoinedWindow);
        }
        Objects.requireNonNull(alertsJoinedGrace, "alertsJoinedGrace");
        if (alertsJoinedGrace.isNegative()) {
            throw new IllegalArgumentException("firedrill.notifications.alerts-joined-grace must not be negative");
        }
        if (batch < 1) {
            throw new IllegalArgumentException("firedrill.notifications.batch must be at least 1");
        }
    }
}
