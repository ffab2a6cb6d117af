package io.firedrill.domain.drill;

import io.firedrill.domain.drill.DrillRunEvent.Outcome;
import io.firedrill.domain.drill.DrillRunEvent.Trigger;
import io.firedrill.domain.drill.DrillStep.CheckpointName;
import io.firedrill.domain.incident.IncidentId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The state of a drill run: the fold of its events.
 *
 * @param definition the plan version it runs, as it was when the run started
 * @param steps one entry per step of {@code definition}, in order
 * @param checkpoints the instants each checkpoint was first reached
 * @param markerAt the last durable write before the fault, as a probe read it (for RPO), or {@code null}
 * @param scores its scores, oldest first (the first under the definition version current when it ended)
 * @param outcome how it ended, {@code null} while it runs
 * @param review its review, {@code null} until it is reviewed
 * @param remindedOn the last day (UTC) the reminder job nudged its review, or {@code null}
 * @param version the number of events folded into it (its ETag), the review reminder's nudges excepted
 */
public record DrillRun(DrillRunId id, DrillRunNumber number, DrillPlanId planId, int planVersion,
                       DrillPlanDefinition definition, Trigger trigger, Instant scheduledFor, String startedBy,
                       Instant startedAt, List<StepState> steps, Map<CheckpointName, Instant> checkpoints, Instant markerAt,
                       IncidentId incidentId, List<DrillScore> scores, Outcome outcome, String endReason, Instant endedAt,
                       DrillReview review, java.time.LocalDate remindedOn, long version) {

    /** Where a step stands. */
    public enum StepStatus { PENDING, RUNNING, PASSED, FAILED }

    /** One step of a run: its status, when it started and ended, the evidence of its outcome and who recorded it. */
    public record StepState(StepStatus status, Instant startedAt, Instant endedAt, String evidence, String by) {

        static final StepState PENDING = new StepState(StepStatus.PENDING, null, null, null, null);

        public boolean ended() {
            return status == StepStatus.PASSED || status == StepStatus.FAILED;
        }
    }

    /** Nothing has been started under this id. */
    public static final DrillRun EMPTY = new DrillRun(null, null, null, 0, null, null, null, null, null, List.of(),
            Map.of(), null, null, List.of(), null, null, null, null, null, 0);

    public DrillRun {
        steps = steps == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(steps));
        scores = scores == null ? List.of() : List.copyOf(scores);
        checkpoints = checkpoints == null || checkpoints.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new EnumMap<>(checkpoints));
    }

    public boolean started() {
        return id != null;
    }

    /** Whether it is running: started and not ended. */
    public boolean running() {
        return started() && outcome == null;
    }

    /** The latest score, or {@code null} before it was scored. */
    public DrillScore score() {
        return scores.isEmpty() ? null : scores.getLast();
    }

    /** Whether it waits for its review: it ended and nobody has reviewed it yet. */
    public boolean awaitingReview() {
        return started() && outcome != null && review == null;
    }

    /** Whether the runner has to score it: its steps are done or it ended, and it has no score yet. */
    public boolean awaitingScore() {
        return started() && scores.isEmpty() && (outcome != null || currentStep() < 0);
    }

    /** The index of the step that runs now or runs next, or {@code -1} when every step has ended. */
    public int currentStep() {
        for (int i = 0; i < steps.size(); i++) {
            if (!steps.get(i).ended()) {
                return i;
            }
        }
        return -1;
    }
}
