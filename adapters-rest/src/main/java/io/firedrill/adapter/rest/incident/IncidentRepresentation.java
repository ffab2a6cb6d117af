package io.firedrill.adapter.rest.incident;

import io.firedrill.domain.incident.Incident;
import io.firedrill.domain.incident.IncidentStatus;
import io.firedrill.domain.incident.ResponderRole;
import io.firedrill.domain.incident.TargetEvaluation;
import io.firedrill.domain.incident.TargetStatus;
import io.firedrill.domain.shared.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * An incident as the API shows it. Instants that are not known are {@code null}, never zero.
 *
 * @param version the number of facts in the incident's log; the {@code ETag}
 * @param responseTargets whether the acknowledge and resolve targets of the current severity were met,
 *     missed, or are still running
 */
public record IncidentRepresentation(
        String id,
        String number,
        String title,
        String summary,
        Severity severity,
        IncidentStatus status,
        List<String> services,
        String commander,
        List<Responder> responders,
        Set<String> tags,
        boolean drill,
        Instant detectedAt,
        Instant declaredAt,
        Instant acknowledgedAt,
        Instant mitigatedAt,
        Instant resolvedAt,
        Instant reopenedAt,
        Instant reviewedAt,
        String postmortemId,
        String duplicateOf,
        Instant closedAsDuplicateAt,
        int regressions,
        long version,
        Targets responseTargets) {

    /** A person in the response. */
    public record Responder(String name, ResponderRole role) {
    }

    /** Both response targets. */
    public record Targets(Target acknowledge, Target resolve) {
    }

    /** One response target: its deadline (detection plus the target) and where the incident stands. */
    public record Target(TargetStatus status, Instant deadline) {
    }

    static IncidentRepresentation of(Incident incident, TargetEvaluation targets) {
        return new IncidentRepresentation(
                incident.id().toString(),
                incident.number().value(),
                incident.title(),
                incident.summary(),
                incident.severity(),
                incident.status(),
                incident.services(),
                incident.commander(),
                incident.responders().entrySet().stream().map(e -> new Responder(e.getKey(), e.getValue())).toList(),
                incident.tags(),
                incident.drill(),
                incident.detectedAt(),
                incident.declaredAt(),
                incident.acknowledgedAt(),
                incident.mitigatedAt(),
                incident.resolvedAt(),
                incident.reopenedAt(),
                incident.reviewedAt(),
                incident.postmortemId(),
                incident.duplicateOf() == null ? null : incident.duplicateOf().toString(),
                incident.closedAsDuplicateAt(),
                incident.regressions(),
                incident.version(),
                new Targets(new Target(targets.acknowledge(), targets.acknowledgeDeadline()),
                        new Target(targets.resolve(), targets.resolveDeadline())));
    }
}
