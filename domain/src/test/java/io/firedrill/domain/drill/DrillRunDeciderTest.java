package io.firedrill.domain.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firedrill.domain.drill.DrillPlanCommand.StartDrillRun;
import io.firedrill.domain.drill.DrillPlanEvent.DrillPlanCreated;
import io.firedrill.domain.drill.DrillRun.StepStatus;
import io.firedrill.domain.drill.DrillRunCommand.AbortRun;
import io.firedrill.domain.drill.DrillRunCommand.BeginStep;
import io.firedrill.domain.drill.DrillRunCommand.ConfirmStep;
import io.firedrill.domain.drill.DrillRunCommand.LinkIncident;
import io.firedrill.domain.drill.DrillRunCommand.RecordStepOutcome;
import io.firedrill.domain.drill.DrillRunCommand.ReviewRun;
import io.firedrill.domain.drill.DrillRunCommand.ScoreRun;
import io.firedrill.domain.drill.DrillRunEvent.DrillCheckpointMarked;
import io.firedrill.domain.drill.DrillRunEvent.DrillRunEnded;
import io.firedrill.domain.drill.DrillRunEvent.DrillRunScored;
import io.firedrill.domain.drill.DrillRunEvent.DrillRunStarted;
import io.firedrill.domain.drill.DrillRunEvent.DrillStepFailed;
import io.firedrill.domain.drill.DrillRunEvent.DrillStepPassed;
import io.firedrill.domain.drill.DrillRunEvent.DrillStepStarted;
import io.firedrill.domain.drill.DrillRunEvent.Outcome;
import io.firedrill.domain.drill.DrillRunEvent.Trigger;
import io.firedrill.domain.drill.DrillStep.CheckpointName;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.shared.Actor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A game day's run: steps in order, who records what, checkpoints, the outcome, aborts, and one run per plan at a time. */
class DrillRunDeciderTest {

    private static final DrillPlanId PLAN = new DrillPlanId(UUID.fromString("d0000000-0000-4000-8000-000000000001"));
    private static final DrillRunId RUN = new DrillRunId(UUID.fromString("e0000000-0000-4000-8000-000000000001"));
    private static final DrillRunNumber NUMBER = DrillRunNumber.of(2026, 1);
    private static final Actor ALICE = Actor.user("alice");
    private static final Actor RUNNER = Actor.system("drill-runner");
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    // The game day's steps: 0 checkpoint FAULT_STARTED, 1 inject (opens the incident), 2 probe (mandatory, marks
    // SERVICE_RESTORED, reads the marker).
    private final List<DrillEvent> log = new ArrayList<>();

    private DrillPlan plan() {
        return DrillPlanDecider.fold(log);
    }

    private DrillRun run() {
        return DrillRunDecider.fold(log.stream().filter(e -> e instanceof DrillRunEvent).toList());
    }

    private List<DrillRunEvent> given(DrillRunCommand command, Instant at) {
        List<DrillRunEvent> events = DrillRunDecider.decide(command, run(), at);
        log.addAll(events);
        return events;
    }

    private void started() {
        log.add(new DrillPlanCreated(PLAN, ALICE, DrillPlans.gameDay(), T0));
        log.addAll(DrillPlanDecider.decide(new StartDrillRun(PLAN, RUN, NUMBER, null, ALICE), plan(), T0));
    }

    @Test
    void givenAPlan_whenStartedByHand_thenTheRunHoldsItsVersionAndThePlanHasItActive() {
        started();

        assertThat(log.getLast()).isEqualTo(new DrillRunStarted(RUN, PLAN, NUMBER, 1, DrillPlans.gameDay(), Trigger.MANUAL,
                null, ALICE, T0));
        assertThat(plan().activeRun()).isEqualTo(RUN);
        assertThat(run().running()).isTrue();
        assertThat(run().steps()).extracting(DrillRun.StepState::status).containsOnly(StepStatus.PENDING);
        assertThat(run().currentStep()).isZero();
    }

    @Test
    void givenAnActiveRun_whenAnotherStarts_thenRefused_andTheSameOneAgainIsNothing() {
        started();
        DrillRunId other = new DrillRunId(UUID.randomUUID());

        assertThatThrownBy(() -> DrillPlanDecider.decide(new StartDrillRun(PLAN, other, DrillRunNumber.of(2026, 2), null,
                ALICE), plan(), T0)).isInstanceOfSatisfying(DrillPlanRuleViolation.class,
                violation -> assertThat(violation.code()).isEqualTo("DRILL_RUN_ACTIVE"));
        assertThat(DrillPlanDecider.decide(new StartDrillRun(PLAN, RUN, NUMBER, null, ALICE), plan(), T0)).isEmpty();
    }

    @Test
    void givenAScheduledInstant_whenTwoInstancesStartItOneAfterTheOther_thenOnlyTheFirstStarts() {
        log.add(new DrillPlanCreated(PLAN, ALICE, DrillPlans.gameDay(), T0));
        Instant tuesday = Instant.parse("2026-12-01T10:00:00Z");
        log.addAll(DrillPlanDecider.decide(new StartDrillRun(PLAN, RUN, NUMBER, tuesday, RUNNER), plan(), T0));
        log.add(new DrillRunEnded(RUN, PLAN, Outcome.PASSED, null, RUNNER, T0.plusSeconds(60)));

        List<DrillEvent> second = DrillPlanDecider.decide(new StartDrillRun(PLAN, new DrillRunId(UUID.randomUUID()),
                DrillRunNumber.of(2026, 2), tuesday, RUNNER), plan(), T0.plusSeconds(61));

        assertThat(second).isEmpty();
        assertThat(plan().lastScheduledFor()).isEqualTo(tuesday);
        assertThat(plan().activeRun()).isNull();
        assertThat(((DrillRunStarted) log.get(1)).trigger()).isEqualTo(Trigger.SCHEDULED);
    }

    @Test
    void givenARun_whenItsStepsPass_thenCheckpointsAreMarkedAtTheirInstants_andTheLastStepEndsItPassed() {
        started();

        given(new BeginStep(RUN, 0, RUNNER), T0.plusSeconds(1));
        given(new RecordStepOutcome(RUN, 0, true, "checkpoint reached", null, RUNNER), T0.plusSeconds(1));
        given(new BeginStep(RUN, 1, RUNNER), T0.plusSeconds(60));
        IncidentId incident = IncidentId.of("0f000000-0000-4000-8000-000000000002");
        given(new LinkIncident(RUN, 1, incident, RUNNER), T0.plusSeconds(60));
        given(new RecordStepOutcome(RUN, 1, true, "revealed", null, RUNNER), T0.plusSeconds(60));
        given(new BeginStep(RUN, 2, RUNNER), T0.plusSeconds(61));
        Instant marker = T0.minusSeconds(12);
        List<DrillRunEvent> last = given(new RecordStepOutcome(RUN, 2, true, "HTTP 200", marker, RUNNER), T0.plusSeconds(600));

        assertThat(last).containsExactly(
                new DrillStepPassed(RUN, 2, "HTTP 200", RUNNER, T0.plusSeconds(600)),
                new DrillCheckpointMarked(RUN, CheckpointName.SERVICE_RESTORED, null, RUNNER, T0.plusSeconds(600)),
                new DrillCheckpointMarked(RUN, CheckpointName.MARKER_READ, marker, RUNNER, T0.plusSeconds(600)));
        assertThat(run().running()).as("its steps are done; it waits for its score").isTrue();
        assertThat(run().awaitingScore()).isTrue();
        DrillScore score = new DrillScore(1, List.of(), 100.0, true, "passed with 100.0 of 100");
        assertThat(given(new ScoreRun(RUN, score, RUNNER), T0.plusSeconds(601))).containsExactly(
                new DrillRunScored(RUN, score, RUNNER, T0.plusSeconds(601)),
                new DrillRunEnded(RUN, PLAN, Outcome.PASSED, null, RUNNER, T0.plusSeconds(601)));
        assertThat(given(new ScoreRun(RUN, score, RUNNER), T0.plusSeconds(602))).as("the same version again").isEmpty();
        DrillRun run = run();
        assertThat(run.awaitingScore()).isFalse();
        assertThat(run.score()).isEqualTo(score);
        assertThat(run.checkpoints()).containsEntry(CheckpointName.FAULT_STARTED, T0.plusSeconds(1))
                .containsEntry(CheckpointName.SERVICE_RESTORED, T0.plusSeconds(600));
        assertThat(run.markerAt()).isEqualTo(marker);
        assertThat(run.incidentId()).isEqualTo(incident);
        assertThat(run.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(run.steps().get(2).startedAt()).isEqualTo(T0.plusSeconds(61));
        assertThat(run.currentStep()).isEqualTo(-1);
        assertThat(plan().activeRun()).isNull();
    }

    @Test
    void givenAMandatoryStepFails_thenTheRunEndsFailedAtOnce() {
        started();
        given(new BeginStep(RUN, 0, RUNNER), T0);
        given(new RecordStepOutcome(RUN, 0, true, "reached", null, RUNNER), T0);
        given(new BeginStep(RUN, 1, RUNNER), T0);
        given(new RecordStepOutcome(RUN, 1, false, "could not open the incident", null, RUNNER), T0);
        assertThat(run().running()).as("the inject is optional").isTrue();
        given(new BeginStep(RUN, 2, RUNNER), T0);

        List<DrillRunEvent> failed = given(new RecordStepOutcome(RUN, 2, false, "HTTP 503 until the deadline", null, RUNNER),
                T0.plusSeconds(600));

        assertThat(failed).containsExactly(new DrillStepFailed(RUN, 2, "HTTP 503 until the deadline", RUNNER, T0.plusSeconds(600)),
                new DrillRunEnded(RUN, PLAN, Outcome.FAILED, "Mandatory step 2 ('checkout healthy again') failed.", RUNNER,
                        T0.plusSeconds(600)));
        assertThat(run().outcome()).isEqualTo(Outcome.FAILED);
        assertThat(run().steps().get(1).status()).isEqualTo(StepStatus.FAILED);
        assertThat(run().awaitingScore()).as("an ended run is scored too").isTrue();
        DrillScore failing = new DrillScore(1, List.of(), 100.0, false, "a mandatory step failed");
        assertThat(given(new ScoreRun(RUN, failing, RUNNER), T0.plusSeconds(601)))
                .as("scoring an ended run does not end it again")
                .containsExactly(new DrillRunScored(RUN, failing, RUNNER, T0.plusSeconds(601)));
        assertThat(given(new BeginStep(RUN, 2, RUNNER), T0)).as("a late begin of the ended step").isEmpty();
    }

    @Test
    void givenStepsInOrder_whenALaterStepBeginsOrAPersonConfirmsAnAutomaticStep_thenRefused() {
        started();

        assertThatThrownBy(() -> given(new BeginStep(RUN, 1, RUNNER), T0)).isInstanceOfSatisfying(DrillRunRuleViolation.class,
                violation -> assertThat(violation.code()).isEqualTo("STEP_NOT_CURRENT"));
        given(new BeginStep(RUN, 0, RUNNER), T0);
        assertThat(given(new BeginStep(RUN, 0, RUNNER), T0)).as("a second runner's begin").isEmpty();
        assertThatThrownBy(() -> given(new ConfirmStep(RUN, 0, true, null, ALICE), T0))
                .isInstanceOfSatisfying(DrillRunRuleViolation.class,
                        violation -> assertThat(violation.code()).isEqualTo("STEP_NOT_MANUAL"));
        assertThatThrownBy(() -> given(new BeginStep(RUN, 7, RUNNER), T0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("step must be one of the run's steps, 0 to 2");
    }

    @Test
    void givenAManualStep_whenAPersonConfirmsIt_thenItPassesWithWhoAndTheNote_andTheRunnerCannotRecordIt() {
        log.add(new DrillPlanCreated(PLAN, ALICE, DrillPlans.gameDay().with(new DrillPlanPatch(null, null, null, null, null,
                null, null, List.of(), List.of(new DrillStep(DrillStep.Kind.MANUAL, "fail over", true, null,
                        new DrillStep.Manual("Promote the replica"), null, null, null, null)), null, false)), T0));
        log.addAll(DrillPlanDecider.decide(new StartDrillRun(PLAN, RUN, NUMBER, null, ALICE), plan(), T0));
        given(new BeginStep(RUN, 0, RUNNER), T0);

        assertThatThrownBy(() -> given(new RecordStepOutcome(RUN, 0, true, "done", null, RUNNER), T0))
                .isInstanceOfSatisfying(DrillRunRuleViolation.class,
                        violation -> assertThat(violation.code()).isEqualTo("STEP_IS_MANUAL"));
        List<DrillRunEvent> confirmed = given(new ConfirmStep(RUN, 0, true, "replica promoted", ALICE), T0.plusSeconds(90));

        assertThat(confirmed.getFirst()).isEqualTo(new DrillStepPassed(RUN, 0, "confirmed done by alice: replica promoted",
                ALICE, T0.plusSeconds(90)));
        assertThat(run().currentStep()).isEqualTo(-1);
        assertThat(given(new ConfirmStep(RUN, 0, true, null, ALICE), T0)).as("a repeated confirmation").isEmpty();
        assertThat(run().steps().getFirst().by()).isEqualTo("alice");
    }

    @Test
    void givenARunningRun_whenAborted_thenItEndsAborted_andAnotherAbortIsNothing_andStepsNoLongerChange() {
        started();
        given(new BeginStep(RUN, 0, RUNNER), T0);

        assertThat(given(new AbortRun(RUN, "the real checkout is degraded", ALICE), T0.plusSeconds(5)))
                .containsExactly(new DrillRunEnded(RUN, PLAN, Outcome.ABORTED, "the real checkout is degraded", ALICE,
                        T0.plusSeconds(5)));
        assertThat(given(new AbortRun(RUN, "again", ALICE), T0)).isEmpty();
        assertThatThrownBy(() -> given(new RecordStepOutcome(RUN, 0, true, "late", null, RUNNER), T0))
                .isInstanceOfSatisfying(DrillRunRuleViolation.class,
                        violation -> assertThat(violation.code()).isEqualTo("DRILL_RUN_ENDED"));
        assertThat(plan().activeRun()).isNull();
    }

    @Test
    void givenALinkedIncident_whenAnotherIsLinked_thenRefused_andTheSameOneAgainIsNothing() {
        started();
        IncidentId incident = IncidentId.of("0f000000-0000-4000-8000-000000000002");
        given(new LinkIncident(RUN, 0, incident, RUNNER), T0);

        assertThat(given(new LinkIncident(RUN, 0, incident, RUNNER), T0)).isEmpty();
        assertThatThrownBy(() -> given(new LinkIncident(RUN, 0, IncidentId.of("0f000000-0000-4000-8000-000000000003"), RUNNER), T0))
                .isInstanceOfSatisfying(DrillRunRuleViolation.class,
                        violation -> assertThat(violation.code()).isEqualTo("INCIDENT_ALREADY_LINKED"));
    }

    @Test
    void givenAPausedOrRescheduledPlan_whenAScheduledStartComes_thenNothing_andARunDoesNotChangeThePlansVersion() {
        log.add(new DrillPlanCreated(PLAN, ALICE, DrillPlans.gameDay(), T0));
        log.add(new DrillPlanEvent.DrillPlanPaused(PLAN, ALICE, null, T0));
        Instant instant = T0.plusSeconds(600);
        assertThat(DrillPlanDecider.decide(new StartDrillRun(PLAN, RUN, NUMBER, instant, RUNNER), plan(), instant))
                .as("paused").isEmpty();
        assertThat(DrillPlanDecider.decide(new DrillPlanCommand.SkipScheduledRun(PLAN, instant, "blackout", RUNNER), plan(),
                instant)).as("a skip, paused").isEmpty();

        log.add(new DrillPlanEvent.DrillPlanResumed(PLAN, ALICE, T0.plusSeconds(900)));
        assertThat(DrillPlanDecider.decide(new StartDrillRun(PLAN, RUN, NUMBER, instant, RUNNER), plan(), instant))
                .as("an instant before the plan was resumed").isEmpty();
        Instant later = T0.plusSeconds(1200);
        long before = plan().version();
        log.addAll(DrillPlanDecider.decide(new StartDrillRun(PLAN, RUN, NUMBER, later, RUNNER), plan(), later));
        assertThat(plan().activeRun()).isEqualTo(RUN);
        assertThat(plan().version()).as("a run's start is not one of the plan's own facts").isEqualTo(before);
    }

    @Test
    void givenAProbeThatMarksMarkerRead_whenItPassesWithAMarker_thenTheCheckpointIsMarkedOnce() {
        DrillStep probe = new DrillStep(DrillStep.Kind.HTTP_PROBE, "marker", false, null, null, null,
                new DrillStep.HttpProbe("GET", "http://checkout/last-write", null, null, null, null, null,
                        CheckpointName.MARKER_READ, "/lastWrite"), null, null);
        log.add(new DrillPlanCreated(PLAN, ALICE, DrillPlans.gameDay().with(new DrillPlanPatch(null, null, null, null, null,
                null, null, List.of(), List.of(probe), null, false)), T0));
        log.addAll(DrillPlanDecider.decide(new StartDrillRun(PLAN, RUN, NUMBER, null, ALICE), plan(), T0));
        given(new BeginStep(RUN, 0, RUNNER), T0);

        List<DrillRunEvent> passed = given(new RecordStepOutcome(RUN, 0, true, "HTTP 200", T0.minusSeconds(5), RUNNER), T0);

        assertThat(passed).filteredOn(event -> event instanceof DrillCheckpointMarked).containsExactly(
                new DrillCheckpointMarked(RUN, CheckpointName.MARKER_READ, T0.minusSeconds(5), RUNNER, T0));
    }

    @Test
    void givenAnEndedScoredRun_whenReviewed_thenOnce_andNotBeforeItEndedAndWasScored() {
        started();
        ReviewRun review = new ReviewRun(RUN, List.of(new Finding("The failover runbook is out of date", null,
                UUID.randomUUID(), null), new Finding("Pager noise", "alerts fired twice", null, "known, tracked elsewhere")),
                List.of("Detection was fast"), true, null, ALICE);
        assertThatThrownBy(() -> given(review, T0)).isInstanceOfSatisfying(DrillRunRuleViolation.class,
                violation -> assertThat(violation.code()).isEqualTo("RUN_NOT_SCORED"));
        given(new AbortRun(RUN, "the real checkout is degraded", ALICE), T0);
        assertThatThrownBy(() -> given(review, T0)).as("ended, not scored yet")
                .isInstanceOfSatisfying(DrillRunRuleViolation.class,
                        violation -> assertThat(violation.code()).isEqualTo("RUN_NOT_SCORED"));
        given(new ScoreRun(RUN, new DrillScore(1, List.of(), 0, false, "aborted: x"), RUNNER), T0);
        assertThat(run().awaitingReview()).isTrue();

        assertThat(given(review, T0.plusSeconds(60))).hasSize(1);

        assertThat(run().awaitingReview()).isFalse();
        assertThat(run().review().findings()).hasSize(2);
        assertThat(run().review().reviewedBy()).isEqualTo("alice");
        assertThat(given(review, T0.plusSeconds(61))).as("the same review again").isEmpty();
        assertThatThrownBy(() -> given(new ReviewRun(RUN, List.of(), List.of(), true, null, ALICE), T0))
                .isInstanceOfSatisfying(DrillRunRuleViolation.class,
                        violation -> assertThat(violation.code()).isEqualTo("RUN_ALREADY_REVIEWED"));
    }

    @Test
    void givenARunWaitingForItsReview_whenRemindedAfterTheThreshold_thenOncePerDay() {
        started();
        given(new AbortRun(RUN, "real outage", ALICE), T0);
        given(new ScoreRun(RUN, new DrillScore(1, List.of(), 0, false, "aborted: real outage"), RUNNER), T0);
        java.time.LocalDate day = java.time.LocalDate.parse("2026-12-03");

        assertThat(given(new DrillRunCommand.RemindReview(RUN, day, 3, RUNNER), T0.plus(java.time.Duration.ofDays(2))))
                .as("waiting 2 days of 3").isEmpty();
        assertThat(given(new DrillRunCommand.RemindReview(RUN, day.plusDays(1), 3, RUNNER), T0.plus(java.time.Duration.ofDays(3))))
                .hasSize(1);
        assertThat(given(new DrillRunCommand.RemindReview(RUN, day.plusDays(1), 3, RUNNER), T0.plus(java.time.Duration.ofDays(3))))
                .as("the same day again").isEmpty();
        assertThat(run().remindedOn()).isEqualTo(day.plusDays(1));
        given(new ReviewRun(RUN, List.of(), List.of(), true, null, ALICE), T0.plus(java.time.Duration.ofDays(4)));
        assertThat(given(new DrillRunCommand.RemindReview(RUN, day.plusDays(2), 3, RUNNER), T0.plus(java.time.Duration.ofDays(4))))
                .as("reviewed").isEmpty();
    }

    @Test
    void givenAReview_whenTheScoreIsDisputedWithoutANote_orAFindingIsBothLinkedAndWaived_thenRefused() {
        assertThatThrownBy(() -> new ReviewRun(RUN, List.of(), List.of(), false, null, ALICE))
                .hasMessageStartingWith("scoreNote must say why the score is disputed");
        assertThatThrownBy(() -> new Finding("x", null, UUID.randomUUID(), "waived too"))
                .hasMessageStartingWith("actionItem must be given, or waived with a reason, not both");
    }

    @Test
    void givenARunAtAStep_whenScored_thenRefused() {
        started();
        given(new BeginStep(RUN, 0, RUNNER), T0);

        assertThatThrownBy(() -> given(new ScoreRun(RUN, new DrillScore(1, List.of(), 0, false, "x"), RUNNER), T0))
                .isInstanceOfSatisfying(DrillRunRuleViolation.class,
                        violation -> assertThat(violation.code()).isEqualTo("STEPS_NOT_DONE"));
    }

    @Test
    void givenRunNumbers_thenTheyLookLikeIncidentNumbers() {
        assertThat(DrillRunNumber.of(2026, 42).value()).isEqualTo("DR-2026-0042");
        assertThat(DrillRunNumber.of(2026, 12345).value()).isEqualTo("DR-2026-12345");
        assertThatThrownBy(() -> new DrillRunNumber("DR-2026-0000")).hasMessageStartingWith("number must look like");
    }
}
