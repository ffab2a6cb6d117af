package io.firedrill.domain.incident;

import io.firedrill.domain.shared.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * How fast incidents must be acknowledged and resolved, per severity, measured from detection.
 *
 * @param targets one target for every severity
 */
public record ResponseTargets(Map<Severity, Target> targets) {

    /** P0 5 min / 1 h, P1 15 min / 4 h, P2 30 min / 24 h, P3 4 h / 7 days. */
    public static final ResponseTargets DEFAULTS = of(Map.of(
            Severity.P0, new Target(Duration.ofMinutes(5), Duration.ofHours(1)),
            Severity.P1, new Target(Duration.ofMinutes(15), Duration.ofHours(4)),
            Severity.P2, new Target(Duration.ofMinutes(30), Duration.ofHours(24)),
            Severity.P3, new Target(Duration.ofHours(4), Duration.ofDays(7))));

    /**
     * The targets of one severity.
     *
     * @param acknowledge how long after detection the incident must be acknowledged; positive
     * @param resolve how long after detection it must be resolved; positive, not shorter than acknowledge
     */
    public record Target(Duration acknowledge, Duration resolve) {

        public Target {
            Require.notNull(acknowledge, "acknowledge");
            Require.notNull(resolve, "resolve");
            if (acknowledge.isNegative() || acknowledge.isZero()) {
                throw new IllegalArgumentException("acknowledge must be positive");
            }
            if (resolve.compareTo(acknowledge) < 0) {
                throw new IllegalArgumentException("resolve must not be shorter than acknowledge");
            }
        }
    }

    public ResponseTargets {
        Require.notNull(targets, "targets");
        for (Severity severity : Severity.values()) {
            if (targets.get(severity) == null) {
                throw new IllegalArgumentException("targets must define a target for " + severity);
            }
        }
        targets = Collections.unmodifiableMap(new EnumMap<>(targets));
    }

    /** Targets from a map that defines every severity. */
    public static ResponseTargets of(Map<Severity, Target> targets) {
        return new ResponseTargets(targets);
    }

    /** The target of {@code severity}. */
    public Target target(Severity severity) {
        return targets.get(severity);
    }

    /**
     * Evaluates an incident at {@code now}, measured from {@code detectedAt} with the current severity. A
     * target is MET when its milestone happened at or before the deadline, MISSED when it happened after
     * it or has not happened and {@code now} is after the deadline, RUNNING otherwise.
     *
     * <p>An incident closed as a duplicate without reaching a milestone stops that clock when it was
     * closed: the target is MISSED if the deadline passed before the closing instant and MET otherwise
     * (closing a duplicate ends the response; it does not count against the team). A reopened incident has
     * no resolution until it is resolved again, so its resolve target runs (or is missed) against the
     * original deadline.
     *
     * @throws IllegalArgumentException when the incident is not declared
     */
    public TargetEvaluation evaluate(Incident incident, Instant now) {
        Require.notNull(incident, "incident");
        Require.notNull(now, "now");
        if (!incident.declared()) {
            throw new IllegalArgumentException("incident must be declared to be evaluated");
        }
        Target target = target(incident.severity());
        Instant acknowledgeDeadline = incident.detectedAt().plus(target.acknowledge());
        Instant resolveDeadline = incident.detectedAt().plus(target.resolve());
        Instant closedAt = incident.closedAsDuplicateAt();
        return new TargetEvaluation(
                status(incident.acknowledgedAt(), acknowledgeDeadline, closedAt, now),
                acknowledgeDeadline,
                status(incident.resolvedAt(), resolveDeadline, closedAt, now),
                resolveDeadline);
    }

    private static TargetStatus status(Instant reachedAt, Instant deadline, Instant closedAt, Instant now) {
        if (reachedAt != null) {
            return reachedAt.isAfter(deadline) ? TargetStatus.MISSED : TargetStatus.MET;
        }
        if (closedAt != null) {
            return closedAt.isAfter(deadline) ? TargetStatus.MISSED : TargetStatus.MET;
        }
        return now.isAfter(deadline) ? TargetStatus.MISSED : TargetStatus.RUNNING;
    }
}
