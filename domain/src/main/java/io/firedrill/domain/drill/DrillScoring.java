package io.firedrill.domain.drill;

import io.firedrill.domain.drill.DrillRun.StepStatus;
import io.firedrill.domain.drill.DrillRunEvent.Outcome;
import io.firedrill.domain.drill.DrillStep.CheckpointName;
import io.firedrill.domain.incident.IncidentEvent;
import io.firedrill.domain.shared.Actor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores a drill run ({@link ScoreDefinition}) from its own events and, for the objectives measured on the drill
 * incident, from that incident's events. Every time is measured from the fault's start: the run's
 * {@code FAULT_STARTED} checkpoint, or its start when it has none.
 */
public final class DrillScoring {

    private DrillScoring() {
    }

    /**
     * @param incident the drill incident's events in log order, empty when the run has none
     */
    public static DrillScore score(ScoreDefinition definition, DrillRun run, List<IncidentEvent> incident) {
        Instant faultStarted = run.checkpoints().getOrDefault(CheckpointName.FAULT_STARTED, run.startedAt());
        String faultFrom = run.checkpoints().containsKey(CheckpointName.FAULT_STARTED)
                ? "checkpoint FAULT_STARTED at " + faultStarted : "run started at " + faultStarted;
        List<DrillScore.Component> components = new ArrayList<>();
        double earned = 0;
        int worth = 0;
        List<String> missed = new ArrayList<>();
        for (Objective objective : run.definition().objectives()) {
            int max = definition.points().getOrDefault(objective.kind(), 0);
            DrillScore.Component component = objective.kind().timed()
                    ? timed(definition, objective, max, faultStarted, faultFrom, run, incident)
                    : steps(objective, max, run);
            components.add(component);
            earned += component.points();
            worth += max;
            if (!component.met() && definition.mandatory().contains(objective.kind())) {
                missed.add(objective.kind().name());
            }
        }
        double total = worth == 0 ? 100.0 : Math.round(1000.0 * earned / worth) / 10.0;
        boolean mandatoryStepFailed = mandatoryStepFailed(run);
        String verdict;
        boolean passed = false;
        if (run.outcome() == Outcome.ABORTED) {
            verdict = "aborted: " + run.endReason();
        } else if (mandatoryStepFailed) {
            verdict = "a mandatory step failed";
        } else if (!missed.isEmpty()) {
            verdict = "mandatory objectives missed: " + String.join(", ", missed);
        } else if (total < definition.passMark()) {
            verdict = "total " + total + " is below the pass mark " + definition.passMark();
        } else {
            passed = true;
            verdict = "passed with " + total + " of 100";
        }
        return new DrillScore(definition.version(), components, total, passed, verdict);
    }

    private static boolean mandatoryStepFailed(DrillRun run) {
        for (int i = 0; i < run.steps().size(); i++) {
            if (run.steps().get(i).status() == StepStatus.FAILED && run.definition().steps().get(i).mandatory()) {
                return true;
            }
        }
        return false;
    }

    private static DrillScore.Component timed(ScoreDefinition definition, Objective objective, int max, Instant faultStarted,
                                              String faultFrom, DrillRun run, List<IncidentEvent> incident) {
        Reached reached = reached(objective.kind(), run, incident);
        List<String> from = new ArrayList<>(List.of(faultFrom));
        Duration measured = null;
        if (reached != null) {
            from.add(reached.fact());
            measured = objective.kind() == Objective.Kind.RPO ? Duration.between(reached.at(), faultStarted)
                    : Duration.between(faultStarted, reached.at());
            if (measured.isNegative() && objective.kind() == Objective.Kind.RPO) {
                // A durable write after the fault started: nothing written before it was lost.
                from.add("the last durable write came after the fault's start: nothing lost, counted as 0");
                measured = Duration.ZERO;
            } else if (measured.isNegative()) {
                // Reached before the fault started (a checkpoint marked late, a back-dated fact): not measurable.
                from.add("reached before the fault's start: not counted");
                measured = null;
            }
        }
        double points = 0;
        boolean met = false;
        if (measured != null) {
            Duration target = objective.target();
            met = measured.compareTo(target) <= 0;
            double zeroAt = target.toMillis() * definition.zeroAtTargets();
            points = met ? max : measured.toMillis() >= zeroAt ? 0
                    : max * (zeroAt - measured.toMillis()) / (zeroAt - target.toMillis());
        }
        return new DrillScore.Component(objective.kind(), objective.target(), null, measured, null,
                Math.round(points * 10) / 10.0, max, met, from);
    }

    private static DrillScore.Component steps(Objective objective, int max, DrillRun run) {
        long passed = run.steps().stream().filter(step -> step.status() == StepStatus.PASSED).count();
        int percent = run.steps().isEmpty() ? 0 : (int) (100 * passed / run.steps().size());
        boolean met = percent >= objective.percent();
        double points = met ? max : max * (double) percent / objective.percent();
        return new DrillScore.Component(objective.kind(), null, objective.percent(), null, percent,
                Math.round(points * 10) / 10.0, max, met, List.of(passed + " of " + run.steps().size() + " steps passed"));
    }

    /** When a time objective's end was reached, and the fact that says so; {@code null} when it never was. */
    private record Reached(Instant at, String fact) {
    }

    private static Reached reached(Objective.Kind kind, DrillRun run, List<IncidentEvent> incident) {
        return switch (kind) {
            case RTO -> run.checkpoints().containsKey(CheckpointName.SERVICE_RESTORED)
                    ? new Reached(run.checkpoints().get(CheckpointName.SERVICE_RESTORED),
                    "checkpoint SERVICE_RESTORED at " + run.checkpoints().get(CheckpointName.SERVICE_RESTORED)) : null;
            case RPO -> run.markerAt() == null ? null
                    : new Reached(run.markerAt(), "last durable write at " + run.markerAt() + " (read by a probe)");
            case DETECTION -> first(incident, IncidentEvent.IncidentDeclared.class, "incident.IncidentDeclared");
            case ACKNOWLEDGEMENT -> first(incident, IncidentEvent.IncidentAcknowledged.class, "incident.IncidentAcknowledged");
            case MITIGATION -> first(incident, IncidentEvent.MitigationStarted.class, "incident.MitigationStarted");
            case FIRST_STATUS_UPDATE -> first(incident, IncidentEvent.StatusUpdatePosted.class, "incident.StatusUpdatePosted");
            case COMMANDER_ASSIGNED -> commander(incident);
            case STEPS_COMPLETED -> null;
        };
    }

    private static Reached first(List<IncidentEvent> incident, Class<? extends IncidentEvent> type, String name) {
        for (IncidentEvent event : incident) {
            if (type.isInstance(event)) {
                Instant at = event instanceof IncidentEvent.IncidentDeclared declared && declared.detectedAt() != null
                        ? declared.detectedAt() : event.occurredAt();
                return new Reached(at, name + " at " + at);
            }
        }
        return null;
    }

    private static Reached commander(List<IncidentEvent> incident) {
        for (IncidentEvent event : incident) {
            // A drill incident opened by the runner has the runner as its first commander: only a person counts.
            if (event instanceof IncidentEvent.IncidentDeclared declared && declared.by().kind() == Actor.Kind.USER) {
                return new Reached(declared.occurredAt(), "incident.IncidentDeclared with commander at " + declared.occurredAt());
            }
            if (event instanceof IncidentEvent.CommanderHandedOver handedOver) {
                return new Reached(handedOver.occurredAt(), "incident.CommanderHandedOver at " + handedOver.occurredAt());
            }
        }
        return null;
    }
}
