package io.firedrill.application.notification;

import java.time.Duration;
import java.util.Objects;

/**
 * How the outbox is worked: the first retry's delay (doubling, with jitter, up to {@code maxRetryDelay}), the age past
 * which an undelivered message becomes a dead letter, how many messages one run claims, how long a claim lasts, and
 * the age past which a fact is not announced at all (a fact handled late: a replayed parked event, a feed that was
 * stopped).
 */
public record NotificationSettings(Duration firstRetryDelay, Duration maxRetryDelay, Duration deadAfter, int batch,
                                   Duration lease, Duration factMaxAge) {

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
        if (batch < 1) {
            throw new IllegalArgumentException("firedrill.notifications.batch must be at least 1");
        }
    }
}
