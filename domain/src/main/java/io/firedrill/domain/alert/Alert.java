package io.firedrill.domain.alert;

import io.firedrill.domain.shared.Severity;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One alert as Firedrill understood it: the source's identity for it ({@code fingerprint}), its status and
 * times, and what Firedrill derived from it (severity with the reason, services).
 *
 * @param fingerprint the source's identity of the alert (Alertmanager's and Grafana's fingerprint, the
 *     generic format's dedupKey)
 * @param name the alert's name ({@code alertname} label, or the dedupKey)
 * @param summary a one-line description, from the {@code summary} annotation or field when there is one
 * @param severity the mapped severity
 * @param severityReason how the severity was derived, e.g. {@code severity=critical → P1}
 * @param services the affected services, never empty
 * @param startsAt when the alert started firing
 * @param endsAt when it resolved; {@code null} while firing
 * @param url a link to the source (generator URL, dashboard), optional
 */
public record Alert(
        String fingerprint,
        AlertStatus status,
        String name,
        String summary,
        Severity severity,
        String severityReason,
        List<String> services,
        Map<String, String> labels,
        Map<String, String> annotations,
        Instant startsAt,
        Instant endsAt,
        String url) {

    public Alert {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(severityReason, "severityReason");
        Objects.requireNonNull(startsAt, "startsAt");
        if (fingerprint.isBlank()) {
            throw new IllegalArgumentException("fingerprint must not be blank");
        }
        if ((status == AlertStatus.RESOLVED) != (endsAt != null)) {
            throw new IllegalArgumentException("endsAt must be set exactly when the alert is resolved");
        }
        services = List.copyOf(services);
        if (services.isEmpty()) {
            throw new IllegalArgumentException("services must name at least one service");
        }
        labels = ordered(labels);
        annotations = ordered(annotations);
    }

    /** Whether this is the same occurrence of the same alert (same fingerprint, same start). */
    public boolean sameOccurrence(Alert other) {
        return fingerprint.equals(other.fingerprint) && startsAt.equals(other.startsAt);
    }

    private static Map<String, String> ordered(Map<String, String> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
