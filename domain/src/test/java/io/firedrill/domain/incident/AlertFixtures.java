package io.firedrill.domain.incident;

import static io.firedrill.domain.incident.IncidentFixtures.ID;

import io.firedrill.domain.alert.Alert;
import io.firedrill.domain.alert.AlertStatus;
import io.firedrill.domain.alert.AutoResolvePolicy;
import io.firedrill.domain.incident.IncidentCommand.RecordAlerts;
import io.firedrill.domain.incident.IncidentEvent.AlertReceived;
import io.firedrill.domain.shared.Actor;
import io.firedrill.domain.shared.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Alerts, alert commands and alert facts for the incident tests; every alert affects {@code checkout}. */
final class AlertFixtures {

    static final Actor PROMETHEUS = Actor.integration("prometheus-prod");
    static final String INTEGRATION_ID = "7d3e1c52-8a4b-4f0e-9c1d-2b3a4c5d6e7f";
    static final String RULE = "{alertname}/{service}";
    static final String KEY = "HighErrorRate/checkout";
    static final String ALERT_NAME = "HighErrorRate";

    private AlertFixtures() {
    }

    /** A firing alert whose severity came from a raw severity label, e.g. {@code severity=P0 → P0}. */
    static Alert firing(String fingerprint, Severity severity, Instant startsAt) {
        return alert(fingerprint, AlertStatus.FIRING, severity, startsAt, null);
    }

    /** The resolution of {@link #firing} with the same fingerprint and start. */
    static Alert resolution(String fingerprint, Severity severity, Instant startsAt, Instant endsAt) {
        return alert(fingerprint, AlertStatus.RESOLVED, severity, startsAt, endsAt);
    }

    /** Records {@code alerts} as joined by key, with the RESOLVE_INCIDENT policy. */
    static RecordAlerts record(Instant occurredAt, Alert... alerts) {
        return record(GroupingDecision.JOINED_BY_KEY, AutoResolvePolicy.RESOLVE_INCIDENT, occurredAt, alerts);
    }

    static RecordAlerts record(GroupingDecision decision, AutoResolvePolicy policy, Instant occurredAt,
                               Alert... alerts) {
        return new RecordAlerts(ID, PROMETHEUS, INTEGRATION_ID, RULE, KEY, decision, List.of(alerts), policy,
                occurredAt);
    }

    /** The fact of {@code alert} being recorded at {@code at} (occurred and recorded). */
    static AlertReceived received(GroupingDecision decision, Alert alert, Instant at) {
        return received(decision, alert, at, at);
    }

    static AlertReceived received(GroupingDecision decision, Alert alert, Instant occurredAt, Instant recordedAt) {
        return new AlertReceived(ID, PROMETHEUS, INTEGRATION_ID, alert, RULE, KEY, decision, occurredAt, recordedAt);
    }

    private static Alert alert(String fingerprint, AlertStatus status, Severity severity, Instant startsAt,
                               Instant endsAt) {
        return new Alert(fingerprint, status, ALERT_NAME, "5xx above 5% for 5 minutes", severity,
                "severity=" + severity + " → " + severity, List.of("checkout"),
                Map.of("alertname", ALERT_NAME, "service", "checkout", "severity", severity.name()), Map.of(),
                startsAt, endsAt, null);
    }
}
