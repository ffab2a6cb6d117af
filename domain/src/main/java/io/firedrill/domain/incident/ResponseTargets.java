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
     * Evaluates an incident at {@code now}, measured from {@code detectedAt} with the current severity, each
     * target by {@link #status}. A reopened incident has no resolution until it is resolved again, so its
     * resolve target runs (or is missed) against the original deadline.
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
        Instant detectedAt = incident.detectedAt();
        Duration closedAfter = since(detectedAt, incident.closedAsDuplicateAt());
        Duration elapsed = Duration.between(detectedAt, now);
        return new TargetEvaluation(
                status(target.acknowledge(), since(detectedAt, incident.acknowledgedAt()), closedAfter, elapsed),
                detectedAt.plus(target.acknowledge()),
                status(target.resolve(), since(detectedAt, incident.resolvedAt()), closedAfter, elapsed),
                detectedAt.plus(target.resolve()));
    }

    /**
     * The rule of one target, everything measured from detection. The target is MET when its milestone was
     * reached at most {@code target} after detection (exactly at the deadline meets it), MISSED when it was
     * reached later, or has not been reached and more than {@code target} has elapsed, RUNNING otherwise.
     *
     * <p>An incident closed as a duplicate without reaching the milestone stopped that clock when it was closed:
     * the target is MISSED if it was closed more than {@code target} after detection and MET otherwise (closing a
     * duplicate ends the response; it does not count against the team).
     *
     * @param target how long after detection the milestone is due
     * @param reachedAfter how long after detection the milestone was reached, or {@code null} if it was not
     * @param closedAfter how long after detection the incident was closed as a duplicate, or {@code null}
     * @param elapsed how long after detection the question is asked
     */
    public static TargetStatus status(Duration target, Duration reachedAfter, Duration closedAfter,
                                      Duration elapsed) {
        if (reachedAfter != null) {
            return reachedAfter.compareTo(target) > 0 ? TargetStatus.MISSED : TargetStatus.MET;
        }
        if (closedAfter != null) {
            return closedAfter.compareTo(target) > 0 ? TargetStatus.MISSED : TargetStatus.MET;
        }
        return elapsed.compareTo(target) > 0 ? TargetStatus.MISSED : TargetStatus.RUNNING;
    }

    private static Duration since(Instant detectedAt, Instant at) {
        return at == null ? null : Duration.between(detectedAt, at);
    }
}
