package io.firedrill.domain.alert;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One alert as a receiver parsed it from its source's payload, before Firedrill classifies it with the
 * integration's settings ({@link IntegrationSettings#classify}).
 *
 * @param fingerprint the source's identity of the alert (for the generic format, its dedupKey)
 * @param startsAt when it started firing
 * @param endsAt when it resolved; {@code null} while firing
 * @param url a link to the source, optional
 * @param groupKey the payload's group key (Alertmanager, Grafana), optional
 * @param dedupKey the generic format's dedup key, optional
 * @param severity a severity given as a field of its own (generic format), optional; otherwise the
 *     integration's severity label is read
 * @param service a service given as a field of its own (generic format), optional
 * @param summary a summary given as a field of its own (generic format), optional
 */
public record IncomingAlert(
        String fingerprint,
        AlertStatus status,
        Map<String, String> labels,
        Map<String, String> annotations,
        Instant startsAt,
        Instant endsAt,
        String url,
        String groupKey,
        String dedupKey,
        String severity,
        String service,
        String summary) {

    public IncomingAlert {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startsAt, "startsAt");
        if (fingerprint.isBlank()) {
            throw new IllegalArgumentException("fingerprint must not be blank");
        }
        labels = labels == null ? Map.of() : labels;
        annotations = annotations == null ? Map.of() : annotations;
    }
}
