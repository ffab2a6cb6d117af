package io.firedrill.domain.incident;

import io.firedrill.domain.alert.AlertStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * What an incident knows of one of its alerts: the occurrence (identified by when it started) and whether
 * it is still firing.
 */
public record TrackedAlert(Instant startsAt, AlertStatus status) {

    public TrackedAlert {
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(status, "status");
    }

    public boolean firing() {
        return status == AlertStatus.FIRING;
    }
}
