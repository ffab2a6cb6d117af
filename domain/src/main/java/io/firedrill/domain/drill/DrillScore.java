package io.firedrill.domain.drill;

import java.time.Duration;
import java.util.List;

/**
 * A run's score under one version of the score definition: each objective with its target, what was measured and from
 * which facts, and the points it earned; the total (0–100) and whether the run passes.
 *
 * @param verdict why the run passes or fails, in a sentence
 */
public record DrillScore(int definitionVersion, List<Component> components, double total, boolean passed, String verdict) {

    public DrillScore {
        components = List.copyOf(components);
    }

    /**
     * One objective's part.
     *
     * @param measured the measured time ({@code null}: never reached); for {@code STEPS_COMPLETED}, {@code null}
     * @param measuredPercent for {@code STEPS_COMPLETED}, the share of steps that passed
     * @param met whether the measurement is within the target
     * @param from the facts it was measured from ({@code incident.IncidentAcknowledged at 2026-...})
     */
    public record Component(Objective.Kind objective, Duration target, Integer targetPercent, Duration measured,
                            Integer measuredPercent, double points, int maxPoints, boolean met, List<String> from) {
        public Component {
            from = List.copyOf(from);
        }
    }
}
