package io.firedrill.domain.incident;

import io.firedrill.domain.shared.Severity;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state of an incident: the fold of its events ({@link IncidentDecider#fold}). Instants are
 * {@code null} while unknown, never epoch zero.
 *
 * @param id the identity; {@code null} only in {@link #EMPTY}
 * @param summary optional
 * @param services the affected services, in declaration order
 * @param commander the current incident commander's name
 * @param responders everyone in the response by name, in the order they joined; the commander is
 *     included with role {@link ResponderRole#COMMANDER}
 * @param detectedAt when the problem was detected (the {@link TimedMilestone#DETECTED} milestone)
 * @param declaredAt when the incident was declared
 * @param acknowledgedAt the earliest acknowledgement
 * @param mitigatedAt when mitigation first started; stays empty if the incident was resolved without it
 * @param resolvedAt when the latest resolution happened; cleared by a reopen (the history keeps it)
 * @param reopenedAt when the latest regression reopened the incident
 * @param reviewedAt when the incident was marked reviewed
 * @param postmortemId the published postmortem that reviewed it
 * @param duplicateOf the incident this one duplicates, when closed as a duplicate
 * @param closedAsDuplicateAt when it was closed as a duplicate
 * @param regressions how many times it was reopened
 * @param alerts the monitoring alerts joined to it, by fingerprint, with their latest known occurrence
 * @param version how many events were folded into this state
 */
public record Incident(
        IncidentId id,
        IncidentNumber number,
        String title,
        String summary,
        Severity severity,
        IncidentStatus status,
        List<String> services,
        String commander,
        Map<String, ResponderRole> responders,
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
        IncidentId duplicateOf,
        Instant closedAsDuplicateAt,
        int regressions,
        Map<String, TrackedAlert> alerts,
        long version) {

    /** No incident: nothing has been declared under this id. */
    public static final Incident EMPTY = new Incident(null, null, null, null, null, null, List.of(), null, Map.of(),
            Set.of(), false, null, null, null, null, null, null, null, null, null, null, 0, Map.of(), 0);

    public Incident {
        services = services == null ? List.of() : List.copyOf(services);
        responders = responders == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(responders));
        tags = tags == null ? Set.of() : orderedSet(tags);
        alerts = alerts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(alerts));
        if (regressions < 0) {
            throw new IllegalArgumentException("regressions must not be negative");
        }
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative");
        }
    }

    /** The state before the first event: {@link #EMPTY}. */
    public static Incident initial() {
        return EMPTY;
    }

    /** Whether the incident has been declared. */
    public boolean declared() {
        return id != null;
    }

    /** Whether someone has acknowledged it. */
    public boolean acknowledged() {
        return acknowledgedAt != null;
    }

    /** Whether it is closed (reviewed or a duplicate). */
    public boolean closed() {
        return status != null && status.isTerminal();
    }

    /**
     * The same state without its alert memory, for views that show no alerts: an incident fed by a large
     * alert group would otherwise carry every fingerprint into every row write.
     */
    public Incident withoutAlerts() {
        return alerts.isEmpty() ? this : new Incident(id, number, title, summary, severity, status, services, commander,
                responders, tags, drill, detectedAt, declaredAt, acknowledgedAt, mitigatedAt, resolvedAt, reopenedAt,
                reviewedAt, postmortemId, duplicateOf, closedAsDuplicateAt, regressions, Map.of(), version);
    }

    /** Whether it is open to new alerts: detected or being mitigated. */
    public boolean openForAlerts() {
        return status == IncidentStatus.DETECTED || status == IncidentStatus.MITIGATING;
    }

    /** How many of its alerts are firing. */
    public long firingAlerts() {
        return alerts.values().stream().filter(TrackedAlert::firing).count();
    }

    /** The instant of {@code milestone}, or {@code null} if the incident has not reached it. */
    public Instant milestoneAt(TimedMilestone milestone) {
        return switch (milestone) {
            case DETECTED -> detectedAt;
            case ACKNOWLEDGED -> acknowledgedAt;
            case MITIGATED -> mitigatedAt;
            case RESOLVED -> resolvedAt;
        };
    }

    static <T> Set<T> orderedSet(Set<T> values) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(values));
    }
}
