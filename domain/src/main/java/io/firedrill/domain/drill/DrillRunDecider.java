package io.firedrill.domain.drill;

import io.firedrill.domain.drill.DrillRun.StepState;
import io.firedrill.domain.drill.DrillRun.StepStatus;
import io.firedrill.domain.drill.DrillRunCommand.AbortRun;
import io.firedrill.domain.drill.DrillRunCommand.BeginStep;
import io.firedrill.domain.drill.DrillRunCommand.ConfirmStep;
import io.firedrill.domain.drill.DrillRunCommand.LinkIncident;
import io.firedrill.domain.drill.DrillRunCommand.RecordStepOutcome;
import io.firedrill.domain.drill.DrillRunCommand.RemindReview;
import io.firedrill.domain.drill.DrillRunCommand.ReviewRun;
import io.firedrill.domain.drill.DrillRunCommand.ScoreRun;
import io.firedrill.domain.drill.DrillRunEvent.DrillCheckpointMarked;
import io.firedrill.domain.drill.DrillRunEvent.DrillIncidentLinked;
import io.firedrill.domain.drill.DrillRunEvent.DrillRunEnded;
import io.firedrill.domain.drill.DrillRunEvent.DrillRunReviewReminded;
import io.firedrill.domain.drill.DrillRunEvent.DrillRunReviewed;
import io.firedrill.domain.drill.DrillRunEvent.DrillRunScored;
import io.firedrill.domain.drill.DrillRunEvent.DrillRunStarted;
import io.firedrill.domain.drill.DrillRunEvent.DrillStepFailed;
import io.firedrill.domain.drill.DrillRunEvent.DrillStepPassed;
import io.firedrill.domain.drill.DrillRunEvent.DrillStepStarted;
import io.firedrill.domain.drill.DrillRunEvent.Outcome;
import io.firedrill.domain.drill.DrillRunRuleViolation.Rule;
import io.firedrill.domain.drill.DrillStep.CheckpointName;
import io.firedrill.domain.shared.Actor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rules of a drill run as two pure functions. Steps run one after the other in the plan version's order: a step
 * begins once every step before it has ended. A {@code MANUAL} step is confirmed by a person; the runner records the
 * outcome of every other kind. A step that passes and marks a checkpoint marks it at the same instant (a probe that
 * reads the data-loss marker marks {@code MARKER_READ} too). When a mandatory step fails the run ends {@code FAILED} at
 * once. When the last step ends the run waits for its score ({@link ScoreRun}), which ends it {@code PASSED} or
 * {@code FAILED}; a run that ended otherwise is scored afterwards. A person may abort a running run, with a reason. A command that repeats what was recorded (a retry, or a
 * second instance of the runner) decides no events.
 */
public final class DrillRunDecider {

    private DrillRunDecider() {
    }

    /** @throws DrillRunRuleViolation when the rules do not allow the command */
    public static List<DrillRunEvent> decide(DrillRunCommand command, DrillRun state, Instant now) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(now, "now");
        if (!state.started()) {
            throw new DrillRunRuleViolation(Rule.DRILL_RUN_NOT_STARTED,
                    "Drill run " + command.drillRunId() + " has not been started.");
        }
        return switch (command) {
            case AbortRun c -> abort(c, state, now);
            case BeginStep c -> begin(c, state, now);
            case ConfirmStep c -> end(state, c.step(), c.passed(), confirmation(c), null, c.by(), now, true);
            case RecordStepOutcome c -> end(state, c.step(), c.passed(), c.evidence(), c.markerAt(), c.by(), now, false);
            case LinkIncident c -> link(c, state, now);
            case ScoreRun c -> score(c, state, now);
            case ReviewRun c -> review(c, state, now);
            case RemindReview c -> state.awaitingReview() && !c.today().equals(state.remindedOn())
                    && !state.endedAt().plus(java.time.Duration.ofDays(c.afterDays())).isAfter(now)
                    ? List.of(new DrillRunReviewReminded(state.id(), c.today(), c.by(), now)) : List.of();
        };
    }

    private static List<DrillRunEvent> abort(AbortRun c, DrillRun state, Instant now) {
        if (state.outcome() == Outcome.ABORTED) {
            return List.of();
        }
        running(state);
        return List.of(new DrillRunEnded(state.id(), state.planId(), Outcome.ABORTED, c.reason(), c.by(), now));
    }

    private static List<DrillRunEvent> begin(BeginStep c, DrillRun state, Instant now) {
        StepState step = step(state, c.step());
        if (step.status() != StepStatus.PENDING) {
            return List.of();
        }
        running(state);
        current(state, c.step());
        return List.of(new DrillStepStarted(state.id(), c.step(), c.by(), now));
    }

    private static List<DrillRunEvent> end(DrillRun state, int index, boolean passed, String evidence, Instant markerAt,
                                           Actor by, Instant now, boolean person) {
        StepState step = step(state, index);
        DrillStep planned = state.definition().steps().get(index);
        if (person != (planned.kind() == DrillStep.Kind.MANUAL)) {
            throw person ? new DrillRunRuleViolation(Rule.STEP_NOT_MANUAL, "Step " + index + " ('" + planned.name()
                    + "') is a " + planned.kind() + " step; the runner records its outcome.")
                    : new DrillRunRuleViolation(Rule.STEP_IS_MANUAL, "Step " + index + " ('" + planned.name()
                    + "') is a MANUAL step; a person confirms it.");
        }
        if (step.ended() && (step.status() == StepStatus.PASSED) == passed) {
            return List.of();
        }
        running(state);
        if (step.status() != StepStatus.RUNNING) {
            throw new DrillRunRuleViolation(Rule.STEP_NOT_CURRENT, "Step " + index + " ('" + planned.name() + "') is "
                    + step.status() + "; " + (state.currentStep() < 0 ? "no step runs now."
                    : "step " + state.currentStep() + " runs now or next."));
        }
        List<DrillRunEvent> events = new ArrayList<>();
        if (passed) {
            events.add(new DrillStepPassed(state.id(), index, evidence, by, now));
            CheckpointName marks = planned.marks();
            if (marks != null && !state.checkpoints().containsKey(marks)
                    && !(marks == CheckpointName.MARKER_READ && markerAt != null)) {
                events.add(new DrillCheckpointMarked(state.id(), marks, null, by, now));
            }
            if (markerAt != null && !state.checkpoints().containsKey(CheckpointName.MARKER_READ)) {
                events.add(new DrillCheckpointMarked(state.id(), CheckpointName.MARKER_READ, markerAt, by, now));
            }
        } else {
            events.add(new DrillStepFailed(state.id(), index, evidence, by, now));
        }
        if (!passed && planned.mandatory()) {
            events.add(new DrillRunEnded(state.id(), state.planId(), Outcome.FAILED,
                    "Mandatory step " + index + " ('" + planned.name() + "') failed.", by, now));
        }
        return events;
    }

    private static List<DrillRunEvent> score(ScoreRun c, DrillRun state, Instant now) {
        if (state.scores().stream().anyMatch(score -> score.definitionVersion() == c.score().definitionVersion())) {
            return List.of();
        }
        if (state.running() && state.currentStep() >= 0) {
            throw new DrillRunRuleViolation(Rule.STEPS_NOT_DONE, "Drill run " + state.number() + " is at step "
                    + state.currentStep() + "; it is scored once its steps are done or it has ended.");
        }
        List<DrillRunEvent> events = new ArrayList<>();
        events.add(new DrillRunScored(state.id(), c.score(), c.by(), now));
        if (state.running()) {
            events.add(new DrillRunEnded(state.id(), state.planId(), c.score().passed() ? Outcome.PASSED : Outcome.FAILED,
                    c.score().passed() ? null : "Scored " + c.score().total() + ": " + c.score().verdict() + ".", c.by(), now));
        }
        return events;
    }

    private static List<DrillRunEvent> review(ReviewRun c, DrillRun state, Instant now) {
        if (state.review() != null) {
            if (state.review().findings().equals(c.findings()) && state.review().wentWell().equals(c.wentWell())
                    && state.review().scoreConfirmed() == c.scoreConfirmed()
                    && java.util.Objects.equals(state.review().scoreNote(), c.scoreNote())) {
                return List.of();
            }
            throw new DrillRunRuleViolation(Rule.RUN_ALREADY_REVIEWED, "Drill run " + state.number() + " was reviewed by "
                    + state.review().reviewedBy() + " at " + state.review().reviewedAt() + ".");
        }
        if (state.outcome() == null || state.score() == null) {
            throw new DrillRunRuleViolation(Rule.RUN_NOT_SCORED, "Drill run " + state.number()
                    + (state.outcome() == null ? " has not ended." : " has not been scored yet; try again in a moment."));
        }
        return List.of(new DrillRunReviewed(state.id(), c.findings(), c.wentWell(), c.scoreConfirmed(), c.scoreNote(),
                c.by(), now));
    }

    private static List<DrillRunEvent> link(LinkIncident c, DrillRun state, Instant now) {
        if (c.incidentId().equals(state.incidentId())) {
            return List.of();
        }
        running(state);
        if (state.incidentId() != null) {
            throw new DrillRunRuleViolation(Rule.INCIDENT_ALREADY_LINKED, "Drill run " + state.number()
                    + " already has drill incident " + state.incidentId() + ".");
        }
        current(state, c.step());
        return List.of(new DrillIncidentLinked(state.id(), c.incidentId(), c.step(), c.by(), now));
    }

    private static String confirmation(ConfirmStep c) {
        return (c.passed() ? "confirmed done by " : "confirmed failed by ") + c.by().name()
                + (c.note() == null ? "" : ": " + c.note());
    }

    private static StepState step(DrillRun state, int index) {
        if (index >= state.steps().size()) {
            throw new IllegalArgumentException("step must be one of the run's steps, 0 to " + (state.steps().size() - 1));
        }
        return state.steps().get(index);
    }

    private static void running(DrillRun state) {
        if (!state.running()) {
            throw new DrillRunRuleViolation(Rule.DRILL_RUN_ENDED, "Drill run " + state.number() + " ended "
                    + state.outcome() + ".");
        }
    }

    private static void current(DrillRun state, int index) {
        if (state.currentStep() != index) {
            throw new DrillRunRuleViolation(Rule.STEP_NOT_CURRENT, "Step " + index + " is not the step that runs now or"
                    + " next; that is step " + state.currentStep() + ".");
        }
    }

    public static DrillRun evolve(DrillRun state, DrillEvent event) {
        long version = state.version() + 1;
        return switch (event) {
            case DrillRunStarted e -> new DrillRun(e.drillRunId(), e.number(), e.drillPlanId(), e.planVersion(),
                    e.definition(), e.trigger(), e.scheduledFor(), e.by().name(), e.occurredAt(),
                    Collections.nCopies(e.definition().steps().size(), StepState.PENDING), Map.of(), null, null, List.of(),
                    null, null, null, null, null, version);
            case DrillStepStarted e -> withStep(state, e.step(), new StepState(StepStatus.RUNNING, e.occurredAt(), null,
                    null, null), version);
            case DrillStepPassed e -> withStep(state, e.step(), ended(state, e.step(), StepStatus.PASSED, e.evidence(),
                    e.by(), e.occurredAt()), version);
            case DrillStepFailed e -> withStep(state, e.step(), ended(state, e.step(), StepStatus.FAILED, e.evidence(),
                    e.by(), e.occurredAt()), version);
            case DrillCheckpointMarked e -> {
                Map<CheckpointName, Instant> checkpoints = new EnumMap<>(CheckpointName.class);
                checkpoints.putAll(state.checkpoints());
                checkpoints.putIfAbsent(e.checkpoint(), e.occurredAt());
                yield new DrillRun(state.id(), state.number(), state.planId(), state.planVersion(), state.definition(),
                        state.trigger(), state.scheduledFor(), state.startedBy(), state.startedAt(), state.steps(),
                        checkpoints, e.markerAt() != null ? e.markerAt() : state.markerAt(), state.incidentId(),
                        state.scores(), state.outcome(), state.endReason(), state.endedAt(), state.review(), state.remindedOn(), version);
            }
            case DrillIncidentLinked e -> new DrillRun(state.id(), state.number(), state.planId(), state.planVersion(),
                    state.definition(), state.trigger(), state.scheduledFor(), state.startedBy(), state.startedAt(),
                    state.steps(), state.checkpoints(), state.markerAt(), e.incidentId(), state.scores(), state.outcome(),
                    state.endReason(), state.endedAt(), state.review(), state.remindedOn(), version);
            case DrillRunEnded e -> new DrillRun(state.id(), state.number(), state.planId(), state.planVersion(),
                    state.definition(), state.trigger(), state.scheduledFor(), state.startedBy(), state.startedAt(),
                    state.steps(), state.checkpoints(), state.markerAt(), state.incidentId(), state.scores(), e.outcome(),
                    e.reason(), e.occurredAt(), state.review(), state.remindedOn(), version);
            case DrillRunScored e -> {
                List<DrillScore> scores = new ArrayList<>(state.scores());
                scores.add(e.score());
                yield new DrillRun(state.id(), state.number(), state.planId(), state.planVersion(), state.definition(),
                        state.trigger(), state.scheduledFor(), state.startedBy(), state.startedAt(), state.steps(),
                        state.checkpoints(), state.markerAt(), state.incidentId(), scores, state.outcome(), state.endReason(),
                        state.endedAt(), state.review(), state.remindedOn(), version);
            }
            case DrillRunReviewed e -> new DrillRun(state.id(), state.number(), state.planId(), state.planVersion(),
                    state.definition(), state.trigger(), state.scheduledFor(), state.startedBy(), state.startedAt(),
                    state.steps(), state.checkpoints(), state.markerAt(), state.incidentId(), state.scores(), state.outcome(),
                    state.endReason(), state.endedAt(), new DrillReview(e.findings(), e.wentWell(), e.scoreConfirmed(),
                    e.scoreNote(), e.by().name(), e.occurredAt()), state.remindedOn(), version);
            case DrillRunReviewReminded e -> new DrillRun(state.id(), state.number(), state.planId(), state.planVersion(),
                    state.definition(), state.trigger(), state.scheduledFor(), state.startedBy(), state.startedAt(),
                    state.steps(), state.checkpoints(), state.markerAt(), state.incidentId(), state.scores(), state.outcome(),
                    state.endReason(), state.endedAt(), state.review(), e.day(), state.version());
            case DrillPlanEvent e -> state;
        };
    }

    /** The state after {@code events}, from nothing. */
    public static DrillRun fold(List<? extends DrillEvent> events) {
        DrillRun state = DrillRun.EMPTY;
        for (DrillEvent event : events) {
            state = evolve(state, event);
        }
        return state;
    }

    private static StepState ended(DrillRun state, int index, StepStatus status, String evidence, Actor by, Instant at) {
        StepState before = state.steps().get(index);
        return new StepState(status, before.startedAt() == null ? at : before.startedAt(), at, evidence, by.name());
    }

    private static DrillRun withStep(DrillRun state, int index, StepState step, long version) {
        List<StepState> steps = new ArrayList<>(state.steps());
        steps.set(index, step);
        return new DrillRun(state.id(), state.number(), state.planId(), state.planVersion(), state.definition(),
                state.trigger(), state.scheduledFor(), state.startedBy(), state.startedAt(), steps, state.checkpoints(),
                state.markerAt(), state.incidentId(), state.scores(), state.outcome(), state.endReason(), state.endedAt(), state.review(), state.remindedOn(), version);
    }
}
