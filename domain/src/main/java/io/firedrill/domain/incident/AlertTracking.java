package io.firedrill.domain.incident;

import io.firedrill.domain.alert.Alert;
import io.firedrill.domain.alert.AlertStatus;

/**
 * What an incoming alert means given what is known of its fingerprint. Alerts are matched by fingerprint;
 * the start instant tells occurrences apart, so that retries, repeat notifications and out-of-order
 * deliveries change nothing:
 * <ul>
 *   <li>an alert older than the known occurrence is stale;</li>
 *   <li>a firing alert while the fingerprint is firing is a repeat (whatever start it claims);</li>
 *   <li>a firing alert with the start of a resolved occurrence is stale (its resolution came first);</li>
 *   <li>a resolved alert while the fingerprint is firing resolves it; while resolved, it is a repeat.</li>
 * </ul>
 */
public final class AlertTracking {

    /** The meaning of an incoming alert. */
    public enum Meaning {
        /** Firing, and not known to be firing: it needs an open incident. */
        NEW_FIRING,
        /** Resolves a known firing alert. */
        RESOLUTION,
        /** Resolved, and its fingerprint was never seen: recorded, opens nothing. */
        UNTRACKED_RESOLUTION,
        /** Nothing new: a retry, a repeat notification or an out-of-order delivery. */
        NOTHING_NEW
    }

    private AlertTracking() {
    }

    /** What {@code alert} means when {@code known} is what is known of its fingerprint ({@code null}: nothing). */
    public static Meaning meaning(TrackedAlert known, Alert alert) {
        boolean firing = alert.status() == AlertStatus.FIRING;
        if (known == null) {
            return firing ? Meaning.NEW_FIRING : Meaning.UNTRACKED_RESOLUTION;
        }
        if (alert.startsAt().isBefore(known.startsAt())) {
            return Meaning.NOTHING_NEW;
        }
        if (firing) {
            return known.firing() || alert.startsAt().equals(known.startsAt()) ? Meaning.NOTHING_NEW : Meaning.NEW_FIRING;
        }
        return known.firing() ? Meaning.RESOLUTION : Meaning.NOTHING_NEW;
    }

    /** What is known of the fingerprint after {@code alert}: a repeat of a firing alert keeps its first start. */
    public static TrackedAlert after(TrackedAlert known, Alert alert) {
        return meaning(known, alert) == Meaning.NOTHING_NEW
                ? known
                : new TrackedAlert(alert.startsAt(), alert.status());
    }
}
