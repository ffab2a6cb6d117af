package io.firedrill.domain.incident;

import io.firedrill.domain.shared.Severity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A mutable copy of an {@link Incident}, local to one {@code evolve} step or one {@code fold} run. */
final class IncidentDraft {

    IncidentId id;
    IncidentNumber number;
    String title;
    String summary;
    Severity severity;
    IncidentStatus status;
    List<String> services;
    String commander;
    Map<String, ResponderRole> responders;
    Set<String> tags;
    boolean drill;
    Instant detectedAt;
    Instant declaredAt;
    Instant acknowledgedAt;
    Instant mitigatedAt;
    Instant resolvedAt;
    Instant reopenedAt;
    Instant reviewedAt;
    String postmortemId;
    IncidentId duplicateOf;
    Instant closedAsDuplicateAt;
    int regressions;
    /** The incident's alerts, copied on the first change ({@link #changedAlerts}): most facts change none. */
    private Map<String, TrackedAlert> alerts;
    private boolean alertsCopied;
    long version;

    IncidentDraft(Incident from) {
        id = from.id();
        number = from.number();
        title = from.title();
        summary = from.summary();
        severity = from.severity();
        status = from.status();
        services = from.services();
        commander = from.commander();
        responders = new LinkedHashMap<>(from.responders());
        tags = from.tags();
        drill = from.drill();
        detectedAt = from.detectedAt();
        declaredAt = from.declaredAt();
        acknowledgedAt = from.acknowledgedAt();
        mitigatedAt = from.mitigatedAt();
        resolvedAt = from.resolvedAt();
        reopenedAt = from.reopenedAt();
        reviewedAt = from.reviewedAt();
        postmortemId = from.postmortemId();
        duplicateOf = from.duplicateOf();
        closedAsDuplicateAt = from.closedAsDuplicateAt();
        regressions = from.regressions();
        alerts = from.alerts();
        version = from.version();
    }

    /** The alerts, to change: a copy of the incident's, made once. */
    Map<String, TrackedAlert> changedAlerts() {
        if (!alertsCopied) {
            alerts = new LinkedHashMap<>(alerts);
            alertsCopied = true;
        }
        return alerts;
    }

    Incident build() {
        return new Incident(id, number, title, summary, severity, status, services, commander, responders, tags,
                drill, detectedAt, declaredAt, acknowledgedAt, mitigatedAt, resolvedAt, reopenedAt, reviewedAt,
                postmortemId, duplicateOf, closedAsDuplicateAt, regressions, alerts, version);
    }
}
