package io.firedrill.domain.drill;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a drill run is scored, published and versioned like the metric definitions: a new version never rewrites the
 * scores given under an older one.
 *
 * <ul>
 *   <li>Each of the plan's objectives is worth {@code points} of its kind; a run's total is the points it earned as a
 *       share of the points its plan's objectives are worth, 0–100 (a plan without objectives scores 100).</li>
 *   <li>A time objective earns all its points when the measured time is at most the target, none at
 *       {@code zeroAtTargets} times the target or beyond (or when it was never reached), and in between the share left
 *       on a straight line. {@code STEPS_COMPLETED} earns its share of points when the share of steps that passed is
 *       below the target percentage, all of them at or above it.</li>
 *   <li>A run passes when every mandatory step passed, every objective of a {@code mandatory} kind that the plan sets
 *       is met (measured within its target), and its total is at least {@code passMark}. An aborted run is scored and
 *       never passes.</li>
 * </ul>
 */
public record ScoreDefinition(int version, Map<Objective.Kind, Integer> points, double zeroAtTargets,
                              Set<Objective.Kind> mandatory, double passMark, String description) {

    /** Version 1. */
    public static final ScoreDefinition V1 = new ScoreDefinition(1, pointsV1(), 2.0, Set.of(Objective.Kind.RTO,
            Objective.Kind.RPO), 70.0, "Points per objective; full within the target, none at twice it; RTO and RPO must be"
            + " met; a pass needs 70 of 100 and every mandatory step passed.");

    /** Every published version, oldest first. */
    public static final List<ScoreDefinition> ALL = List.of(V1);

    public ScoreDefinition {
        points = Collections.unmodifiableMap(new EnumMap<>(points));
        mandatory = Set.copyOf(mandatory);
    }

    /** The newest version: new runs are scored under it. */
    public static ScoreDefinition latest() {
        return ALL.getLast();
    }

    /** Version {@code version}, or {@code null} when there is none. */
    public static ScoreDefinition version(int version) {
        return ALL.stream().filter(definition -> definition.version() == version).findFirst().orElse(null);
    }

    private static Map<Objective.Kind, Integer> pointsV1() {
        Map<Objective.Kind, Integer> points = new EnumMap<>(Objective.Kind.class);
        points.put(Objective.Kind.DETECTION, 15);
        points.put(Objective.Kind.ACKNOWLEDGEMENT, 15);
        points.put(Objective.Kind.COMMANDER_ASSIGNED, 10);
        points.put(Objective.Kind.FIRST_STATUS_UPDATE, 10);
        points.put(Objective.Kind.MITIGATION, 15);
        points.put(Objective.Kind.RTO, 20);
        points.put(Objective.Kind.RPO, 10);
        points.put(Objective.Kind.STEPS_COMPLETED, 5);
        return points;
    }
}
