package io.firedrill.domain.alert;

import io.firedrill.domain.shared.Severity;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How an integration turns its source's alerts into Firedrill alerts: where the severity comes from and
 * how it maps to P0–P3, which service is affected when the alert does not say, how alerts are grouped
 * into incidents, and what happens once every alert of an incident has resolved. Validation messages
 * start with the field's name.
 *
 * @param defaultService the service of alerts that name none (no {@code service} label or field); required
 * @param severityLabel the label that holds the severity; {@code severity} when not given
 * @param severityMapping label value → severity; values are matched exactly, then case-insensitively
 * @param groupingKey the {@link GroupingTemplate}; the kind's default when not given
 * @param autoResolve {@link AutoResolvePolicy#RESOLVE_INCIDENT} when not given
 */
public record IntegrationSettings(
        String name,
        IntegrationKind kind,
        String defaultService,
        String severityLabel,
        Map<String, Severity> severityMapping,
        String groupingKey,
        AutoResolvePolicy autoResolve) {

    public static final int NAME_MAX = 200;
    public static final int MAPPING_MAX = 100;
    /** The severity of alerts whose severity is missing or not in the mapping. */
    public static final Severity UNMAPPED_SEVERITY = Severity.P3;

    public IntegrationSettings {
        name = text(name, "name", NAME_MAX);
        if (kind == null) {
            throw new IllegalArgumentException("kind must be one of ALERTMANAGER, GRAFANA, GENERIC");
        }
        defaultService = text(defaultService, "defaultService", NAME_MAX);
        severityLabel = severityLabel == null || severityLabel.isBlank() ? "severity" : text(severityLabel, "severityLabel", NAME_MAX);
        Map<String, Severity> mapping = new LinkedHashMap<>();
        if (severityMapping != null) {
            if (severityMapping.size() > MAPPING_MAX) {
                throw new IllegalArgumentException("severityMapping must hold at most " + MAPPING_MAX + " entries");
            }
            severityMapping.forEach((value, severity) -> {
                if (value == null || value.isBlank() || value.length() > NAME_MAX) {
                    throw new IllegalArgumentException("severityMapping keys must be label values of 1 to " + NAME_MAX + " characters");
                }
                if (severity == null) {
                    throw new IllegalArgumentException("severityMapping." + value + " must be one of P0, P1, P2, P3");
                }
                mapping.put(value, severity);
            });
        }
        severityMapping = Collections.unmodifiableMap(mapping);
        groupingKey = GroupingTemplate.parse(groupingKey == null ? defaultGrouping(kind) : groupingKey).text();
        autoResolve = autoResolve == null ? AutoResolvePolicy.RESOLVE_INCIDENT : autoResolve;
    }

    /** The grouping template of a kind when none is configured. */
    public static String defaultGrouping(IntegrationKind kind) {
        return switch (kind) {
            case ALERTMANAGER, GRAFANA -> "{groupKey}";
            case GENERIC -> "{dedupKey}";
        };
    }

    /** The grouping rule as a parsed template. */
    public GroupingTemplate grouping() {
        return GroupingTemplate.parse(groupingKey);
    }

    /**
     * Classifies an alert: its severity (with the reason), services, name and summary, and its grouping key.
     *
     * @param receivedAt when the delivery arrived; a {@code startsAt} in the future (a skewed clock at the
     *     source) is taken as this instant
     */
    public ReceivedAlert classify(IncomingAlert in, Instant receivedAt) {
        Map<String, String> labels = in.labels();
        boolean explicit = in.severity() != null && !in.severity().isBlank();
        String raw = explicit ? in.severity().strip() : strip(labels.get(severityLabel));
        Severity severity;
        String reason;
        String source = explicit ? "severity" : severityLabel;
        if (raw == null || raw.isBlank()) {
            severity = UNMAPPED_SEVERITY;
            reason = source + " missing → " + severity + " (default)";
        } else {
            severity = mapped(raw);
            reason = severity == null
                    ? source + "=" + raw + " not mapped → " + UNMAPPED_SEVERITY + " (default)"
                    : source + "=" + raw + " → " + severity;
            severity = severity == null ? UNMAPPED_SEVERITY : severity;
        }
        String service = first(in.service(), labels.get("service"), defaultService).strip();
        service = service.length() > NAME_MAX ? service.substring(0, NAME_MAX) : service;
        List<String> services = List.of(service);
        String name = first(labels.get("alertname"), in.dedupKey(), in.fingerprint());
        String summary = first(in.summary(), in.annotations().get("summary"), in.annotations().get("description"));
        Instant startsAt = in.startsAt().isAfter(receivedAt) ? receivedAt : in.startsAt();
        Alert alert = new Alert(in.fingerprint(), in.status(), name, summary, severity, reason, services, labels,
                in.annotations(), startsAt, in.status() == AlertStatus.RESOLVED ? endsAt(in, startsAt, receivedAt) : null,
                in.url());
        Map<String, String> values = new HashMap<>(labels);
        putIfPresent(values, "groupKey", in.groupKey());
        putIfPresent(values, "dedupKey", in.dedupKey());
        values.put("fingerprint", in.fingerprint());
        return new ReceivedAlert(alert, grouping().render(values));
    }

    private Severity mapped(String raw) {
        Severity exact = severityMapping.get(raw);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, Severity> entry : severityMapping.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(raw)) {
                return entry.getValue();
            }
        }
        try {
            return Severity.valueOf(raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Instant endsAt(IncomingAlert in, Instant startsAt, Instant receivedAt) {
        Instant endsAt = in.endsAt() == null || in.endsAt().isAfter(receivedAt) ? receivedAt : in.endsAt();
        return endsAt.isBefore(startsAt) ? startsAt : endsAt;
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }

    private static String first(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return null;
    }

    private static void putIfPresent(Map<String, String> values, String key, String value) {
        if (value != null) {
            values.put(key, value);
        }
    }

    private static String text(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(field + " must be at most " + max + " characters");
        }
        return value;
    }
}
