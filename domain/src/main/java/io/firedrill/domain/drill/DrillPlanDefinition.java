package io.firedrill.domain.drill;

import io.firedrill.domain.drill.DrillStep.CheckpointName;
import io.firedrill.domain.drill.DrillStep.Kind;
import io.firedrill.domain.shared.Severity;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a drill plan says, one version of it. Limits: name 1–200 characters, service 1–200, scenario and hypothesis
 * 1–10,000, owner 1–200; at most 100 participants, 1–100 steps with distinct names, one objective per kind. The
 * instants the scoring uses must be unambiguous: at most one {@code INJECT} step opens the drill incident, each
 * checkpoint is marked by at most one step, {@code SERVICE_RESTORED} is marked after {@code FAULT_STARTED}, and a
 * {@code WAIT} for the drill incident comes after the step that opens it. The objectives must be measurable by the
 * steps:
 * <ul>
 *   <li>objectives measured on the drill incident need an {@code INJECT} step that opens it;</li>
 *   <li>{@code RTO} needs a step that marks {@code SERVICE_RESTORED};</li>
 *   <li>{@code RPO} needs an {@code HTTP_PROBE} that reads the marker ({@code markerPointer});</li>
 *   <li>targets measured from the fault's start follow the response's order: detection ≤ acknowledgement ≤
 *       mitigation ≤ RTO.</li>
 * </ul>
 * {@code schedule} is {@code null} for a plan that only runs by hand.
 */
public record DrillPlanDefinition(String name, String service, String scenario, String hypothesis, String owner,
                                  List<Participant> participants, Severity severity, List<Objective> objectives,
                                  List<DrillStep> steps, DrillSchedule schedule) {

    static final int TEXT_MAX = 10_000;
    static final int STEPS_MAX = 100;

    public DrillPlanDefinition {
        name = Fields.text(name, "name", 200);
        service = Fields.text(service, "service", 200);
        scenario = Fields.text(scenario, "scenario", TEXT_MAX);
        hypothesis = Fields.text(hypothesis, "hypothesis", TEXT_MAX);
        owner = Fields.text(owner, "owner", 200);
        participants = Fields.list(participants, "participants", 100);
        Fields.notNull(severity, "severity");
        objectives = Fields.list(objectives, "objectives", Objective.Kind.values().length);
        steps = Fields.list(steps, "steps", STEPS_MAX);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("steps must hold at least one step");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < steps.size(); i++) {
            if (!names.add(steps.get(i).name())) {
                throw new IllegalArgumentException("steps[" + i + "].name must differ from every other step's name: '"
                        + steps.get(i).name() + "' is used twice");
            }
        }
        unambiguous(steps);
        measurable(objectives, steps);
    }

    /**
     * The instants the scoring uses must be unambiguous: at most one step opens the drill incident, at most one step
     * marks each checkpoint, {@code SERVICE_RESTORED} comes after {@code FAULT_STARTED}, and a {@code WAIT} for the
     * drill incident comes after the step that opens it.
     */
    private static void unambiguous(List<DrillStep> steps) {
        Integer opens = null;
        Map<CheckpointName, Integer> marked = new EnumMap<>(CheckpointName.class);
        for (int i = 0; i < steps.size(); i++) {
            DrillStep step = steps.get(i);
            if (step.kind() == Kind.INJECT && step.inject().opensIncident()) {
                if (opens != null) {
                    throw new IllegalArgumentException("steps[" + i + "].inject.opensIncident: step " + opens
                            + " opens the drill incident already; a run has one");
                }
                opens = i;
            }
            CheckpointName marks = step.marks();
            if (marks != null && marked.putIfAbsent(marks, i) != null) {
                throw new IllegalArgumentException("steps[" + i + "] marks " + marks + ", which step " + marked.get(marks)
                        + " marks already; each checkpoint is one instant");
            }
            if (marks == CheckpointName.SERVICE_RESTORED && !marked.containsKey(CheckpointName.FAULT_STARTED)
                    && steps.stream().anyMatch(later -> later.marks() == CheckpointName.FAULT_STARTED)) {
                throw new IllegalArgumentException("steps[" + i + "] marks SERVICE_RESTORED before the step that marks"
                        + " FAULT_STARTED; the service is restored after the fault starts");
            }
            if (step.kind() == Kind.WAIT && step.waitFor().until() != null && opens == null) {
                throw new IllegalArgumentException("steps[" + i + "].waitFor.until waits for the drill incident, and no"
                        + " INJECT step before it opens one (inject.opensIncident)");
            }
        }
    }

    private static void measurable(List<Objective> objectives, List<DrillStep> steps) {
        boolean opensIncident = steps.stream().anyMatch(step -> step.kind() == Kind.INJECT && step.inject().opensIncident());
        boolean restored = steps.stream().anyMatch(step -> step.marks() == CheckpointName.SERVICE_RESTORED);
        boolean readsMarker = steps.stream().anyMatch(step -> step.kind() == Kind.HTTP_PROBE
                && step.httpProbe().markerPointer() != null);
        Map<Objective.Kind, Integer> index = new EnumMap<>(Objective.Kind.class);
        for (int i = 0; i < objectives.size(); i++) {
            Objective objective = objectives.get(i);
            String field = "objectives[" + i + "]";
            if (index.putIfAbsent(objective.kind(), i) != null) {
                throw new IllegalArgumentException(field + ".kind must differ from every other objective's: " + objective.kind()
                        + " is set twice");
            }
            if (objective.kind().incident() && !opensIncident) {
                throw new IllegalArgumentException(field + ".kind " + objective.kind()
                        + " is measured on the drill incident, and no INJECT step opens one (inject.opensIncident)");
            }
            if (objective.kind() == Objective.Kind.RTO && !restored) {
                throw new IllegalArgumentException(field + ".kind RTO needs a step that marks SERVICE_RESTORED"
                        + " (a CHECKPOINT, or a probe's marks)");
            }
            if (objective.kind() == Objective.Kind.RPO && !readsMarker) {
                throw new IllegalArgumentException(field + ".kind RPO needs an HTTP_PROBE step that reads the last durable"
                        + " write (httpProbe.markerPointer)");
            }
        }
        List<Objective.Kind> order = List.of(Objective.Kind.DETECTION, Objective.Kind.ACKNOWLEDGEMENT,
                Objective.Kind.MITIGATION, Objective.Kind.RTO);
        Objective.Kind previous = null;
        for (Objective.Kind kind : order) {
            Integer at = index.get(kind);
            if (at == null) {
                continue;
            }
            if (previous != null) {
                Duration before = objectives.get(index.get(previous)).target();
                Duration target = objectives.get(at).target();
                if (target.compareTo(before) < 0) {
                    throw new IllegalArgumentException("objectives[" + at + "].target " + target + " of " + kind
                            + " is shorter than the " + previous + " target " + before
                            + ": both are measured from the fault's start, and " + previous + " comes first");
                }
            }
            previous = kind;
        }
    }

    /** This definition with the fields {@code patch} gives replaced (its {@code null} fields keep this one's). */
    public DrillPlanDefinition with(DrillPlanPatch patch) {
        return new DrillPlanDefinition(
                patch.name() != null ? patch.name() : name,
                patch.service() != null ? patch.service() : service,
                patch.scenario() != null ? patch.scenario() : scenario,
                patch.hypothesis() != null ? patch.hypothesis() : hypothesis,
                patch.owner() != null ? patch.owner() : owner,
                patch.participants() != null ? patch.participants() : participants,
                patch.severity() != null ? patch.severity() : severity,
                patch.objectives() != null ? patch.objectives() : objectives,
                patch.steps() != null ? patch.steps() : steps,
                patch.removeSchedule() ? null : patch.schedule() != null ? patch.schedule() : schedule);
    }
}
