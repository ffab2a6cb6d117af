package io.firedrill.domain.drill;

import io.firedrill.domain.drill.DrillStep.CheckpointName;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.shared.Actor;
import java.time.Instant;

/**
 * The facts of a drill run: its log is its timeline. Steps are numbered from 0 in the plan version's order. Their
 * stored names and versions are declared once by the drill run slice's table, never derived from the class.
 */
public sealed interface DrillRunEvent extends DrillEvent {

    DrillRunId drillRunId();

    /** How a run ended. */
    enum Outcome { PASSED, FAILED, ABORTED }

    /** How a run was started. */
    enum Trigger { MANUAL, SCHEDULED }

    /**
     * A run of plan version {@code planVersion} started; {@code definition} is that version as it was, so the run's
     * log tells its whole story. {@code scheduledFor} is the schedule's instant for a scheduled run.
     */
    record DrillRunStarted(DrillRunId drillRunId, DrillPlanId drillPlanId, DrillRunNumber number, int planVersion,
                           DrillPlanDefinition definition, Trigger trigger, Instant scheduledFor, Actor by,
                           Instant occurredAt) implements DrillRunEvent {
    }

    /** Step {@code step} began. */
    record DrillStepStarted(DrillRunId drillRunId, int step, Actor by, Instant occurredAt) implements DrillRunEvent {
    }

    /** Step {@code step} passed; {@code evidence} says how it was known (a probe's answer, who confirmed, a note). */
    record DrillStepPassed(DrillRunId drillRunId, int step, String evidence, Actor by, Instant occurredAt)
            implements DrillRunEvent {
    }

    /** Step {@code step} failed, with the evidence. */
    record DrillStepFailed(DrillRunId drillRunId, int step, String evidence, Actor by, Instant occurredAt)
            implements DrillRunEvent {
    }

    /**
     * A checkpoint the scoring measures with was reached at {@code occurredAt}; for {@code MARKER_READ},
     * {@code markerAt} is the instant of the last durable write the probe read.
     */
    record DrillCheckpointMarked(DrillRunId drillRunId, CheckpointName checkpoint, Instant markerAt, Actor by,
                                 Instant occurredAt) implements DrillRunEvent {
    }

    /** The drill incident of the run is {@code incidentId}, opened by step {@code step}. */
    record DrillIncidentLinked(DrillRunId drillRunId, IncidentId incidentId, int step, Actor by, Instant occurredAt)
            implements DrillRunEvent {
    }

    /** The run was scored under a version of the score definition (a run may be scored again under a newer one). */
    record DrillRunScored(DrillRunId drillRunId, DrillScore score, Actor by, Instant occurredAt) implements DrillRunEvent {
    }

    /** The run was reviewed: its findings (each an action item or waived), what went well, the score confirmed or not. */
    record DrillRunReviewed(DrillRunId drillRunId, java.util.List<Finding> findings, java.util.List<String> wentWell,
                            boolean scoreConfirmed, String scoreNote, Actor by, Instant occurredAt) implements DrillRunEvent {
    }

    /** The run was waiting for its review on {@code day} (UTC) for longer than the reminder's threshold: a nudge. */
    record DrillRunReviewReminded(DrillRunId drillRunId, java.time.LocalDate day, Actor by, Instant occurredAt)
            implements DrillRunEvent {
    }

    /**
     * The run ended: passed or failed by its score once its steps were done, failed at once when a mandatory step
     * failed, or aborted by a person ({@code reason}).
     */
    record DrillRunEnded(DrillRunId drillRunId, DrillPlanId drillPlanId, Outcome outcome, String reason, Actor by,
                         Instant occurredAt) implements DrillRunEvent {
    }
}
