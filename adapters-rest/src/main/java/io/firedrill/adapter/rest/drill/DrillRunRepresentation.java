package io.firedrill.adapter.rest.drill;

import io.firedrill.application.port.in.drill.DrillRunQueries;
import io.firedrill.domain.drill.DrillRun;
import io.firedrill.domain.drill.DrillRunEvent;
import io.firedrill.domain.drill.DrillReview;
import io.firedrill.domain.drill.DrillScore;
import io.firedrill.domain.drill.DrillStep;
import io.firedrill.domain.drill.DrillStep.CheckpointName;
import io.firedrill.domain.shared.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A drill run as the API shows it.
 *
 * @param status {@code RUNNING}, {@code PASSED}, {@code FAILED} or {@code ABORTED}
 * @param checkpoints when each checkpoint was first reached
 * @param markerAt the last durable write before the fault, as a probe read it (for RPO)
 * @param incidentId the drill incident, once a step opened it
 * @param reviewStatus {@code AWAITING_REVIEW} once it ended, {@code REVIEWED} once reviewed, {@code null} while it runs
 * @param review the review: findings (each an action item's id or a waiver), what went well, the score confirmed or
 *               disputed
 * @param score the latest score ({@code null} until it is scored); {@code scores} every score, oldest first
 * @param version the number of facts in its log (the ETag)
 */
public record DrillRunRepresentation(String id, String number, String planId, int planVersion, String name,
                                     String service, Severity severity, DrillRunEvent.Trigger trigger, Instant scheduledFor,
                                     String status, String startedBy, Instant startedAt, Instant endedAt, String endReason,
                                     String incidentId, Map<CheckpointName, Instant> checkpoints, Instant markerAt,
                                     List<Step> steps, DrillScore score, List<DrillScore> scores, String reviewStatus,
                                     DrillReview review, long version) {

    /** One step of the run: what the plan says and where it stands. */
    public record Step(int index, String name, DrillStep.Kind kind, boolean mandatory, DrillRun.StepStatus status,
                       Instant startedAt, Instant endedAt, String evidence, String by) {
    }

    static DrillRunRepresentation of(DrillRun run) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < run.steps().size(); i++) {
            DrillStep planned = run.definition().steps().get(i);
            DrillRun.StepState state = run.steps().get(i);
            steps.add(new Step(i, planned.name(), planned.kind(), planned.mandatory(), state.status(), state.startedAt(),
                    state.endedAt(), state.evidence(), state.by()));
        }
        return new DrillRunRepresentation(run.id().toString(), run.number().value(), run.planId().toString(),
                run.planVersion(), run.definition().name(), run.definition().service(), run.definition().severity(),
                run.trigger(), run.scheduledFor(), run.outcome() == null ? "RUNNING" : run.outcome().name(), run.startedBy(),
                run.startedAt(), run.endedAt(), run.endReason(), run.incidentId() == null ? null : run.incidentId().toString(),
                run.checkpoints(), run.markerAt(), steps, run.score(), run.scores(),
                run.outcome() == null ? null : run.review() == null ? "AWAITING_REVIEW" : "REVIEWED", run.review(),
                run.version());
    }

    /**
     * One fact of a run's timeline.
     *
     * @param type the stored type name ({@code drillrun.DrillStepPassed})
     * @param details what the fact says beyond its type (the step, its evidence, a checkpoint, the outcome)
     */
    public record TimelineEntry(String eventId, String type, Instant occurredAt, String actor, String source,
                                Map<String, Object> details) {

        static TimelineEntry of(DrillRunQueries.Recorded recorded) {
            Map<String, Object> details = new LinkedHashMap<>();
            switch (recorded.event()) {
                case DrillRunEvent.DrillRunStarted e -> {
                    details.put("number", e.number().value());
                    details.put("planVersion", e.planVersion());
                    details.put("trigger", e.trigger().name());
                    details.put("scheduledFor", e.scheduledFor());
                }
                case DrillRunEvent.DrillStepStarted e -> details.put("step", e.step());
                case DrillRunEvent.DrillStepPassed e -> {
                    details.put("step", e.step());
                    details.put("evidence", e.evidence());
                }
                case DrillRunEvent.DrillStepFailed e -> {
                    details.put("step", e.step());
                    details.put("evidence", e.evidence());
                }
                case DrillRunEvent.DrillCheckpointMarked e -> {
                    details.put("checkpoint", e.checkpoint().name());
                    details.put("markerAt", e.markerAt());
                }
                case DrillRunEvent.DrillIncidentLinked e -> {
                    details.put("step", e.step());
                    details.put("incidentId", e.incidentId().toString());
                }
                case DrillRunEvent.DrillRunScored e -> {
                    details.put("definitionVersion", e.score().definitionVersion());
                    details.put("total", e.score().total());
                    details.put("passed", e.score().passed());
                }
                case DrillRunEvent.DrillRunReviewed e -> {
                    details.put("findings", e.findings().size());
                    details.put("scoreConfirmed", e.scoreConfirmed());
                }
                case DrillRunEvent.DrillRunReviewReminded e -> details.put("day", e.day().toString());
                case DrillRunEvent.DrillRunEnded e -> {
                    details.put("outcome", e.outcome().name());
                    details.put("reason", e.reason());
                }
            }
            return new TimelineEntry(recorded.eventId(), recorded.type(), recorded.event().occurredAt(),
                    recorded.event().by().toString(), recorded.source(), details);
        }
    }
}
