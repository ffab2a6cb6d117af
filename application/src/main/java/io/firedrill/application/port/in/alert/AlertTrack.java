package io.firedrill.application.port.in.alert;

import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.incident.TrackedAlert;
import java.util.Objects;

/**
 * What is known of one alert fingerprint.
 *
 * @param incident the incident that holds it; {@code null} for a resolution that never matched a firing alert
 */
public record AlertTrack(String fingerprint, String groupingKey, TrackedAlert known, IncidentId incident) {

    public AlertTrack {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(groupingKey, "groupingKey");
        Objects.requireNonNull(known, "known");
    }
}
