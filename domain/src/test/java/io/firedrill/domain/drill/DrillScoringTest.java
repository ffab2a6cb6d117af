package io.firedrill.domain.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.firedrill.domain.drill.DrillPlanCommand.StartDrillRun;
import io.firedrill.domain.drill.DrillPlanEvent.DrillPlanCreated;
import io.firedrill.domain.drill.DrillRunCommand.AbortRun;
import io.firedrill.domain.drill.DrillRunCommand.BeginStep;
import io.firedrill.domain.drill.DrillRunCommand.RecordStepOutcome;
import io.firedrill.domain.drill.DrillStep.CheckpointName;
import io.firedrill.domain.incident.IncidentEvent;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.incident.IncidentNumber;
import io.firedrill.domain.shared.Actor;
import io.firedrill.domain.shared.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Scores computed by hand from the instants of a game day's facts (score definition version 1). */
class DrillScoringTest {

    private static final DrillPlanId PLAN = new DrillPlanId(UUID.randomUUID());
    private static final DrillRunId RUN = new DrillRunId(UUID.randomUUID());
    private static final IncidentId INCIDENT = IncidentId.of("0f000000-0000-4000-8000-000000000002");
    private static final Actor RUNNER = Actor.system("drill-runner");
    private static final Actor BOB = Actor.user("bob");
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    /** Steps: 0 checkpoint FAULT_STARTED (at T0+1m), 1 inject (opens the incident), 2 probe (restored, marker). */
    private DrillRun run(Instant restoredAt, boolean probePassed) {
        List<DrillEvent> log = new ArrayList<>();
        log.add(new DrillPlanCreated(PLAN, BOB, DrillPlans.gameDay(), T0));
        log.addAll(DrillPlanDecider.decide(new StartDrillRun(PLAN, RUN, DrillRunNumber.of(2026, 1), null, BOB),
                DrillPlanDecider.fold(log), T0));
        DrillRun run = DrillRunDecider.fold(log);
        run = apply(run, new BeginStep(RUN, 0, RUNNER), T0.plusSeconds(60));
        run = apply(run, new RecordStepOutcome(RUN, 0, true, "reached", null, RUNNER), T0.plusSeconds(60));
        run = apply(run, new BeginStep(RUN, 1, RUNNER), T0.plusSeconds(60));
        run = apply(run, new RecordStepOutcome(RUN, 1, true, "revealed", null, RUNNER), T0.plusSeconds(60));
        run = apply(run, new BeginStep(RUN, 2, RUNNER), T0.plusSeconds(61));
        return apply(run, new RecordStepOutcome(RUN, 2, probePassed, "HTTP", probePassed ? T0.minusSeconds(15) : null,
                RUNNER), restoredAt);
    }

    private static DrillRun apply(DrillRun run, DrillRunCommand command, Instant at) {
        DrillRun next = run;
        for (DrillRunEvent event : DrillRunDecider.decide(command, run, at)) {
            next = DrillRunDecider.evolve(next, event);
        }
        return next;
    }

    private static List<IncidentEvent> incident(Duration detected, Duration acknowledged, Duration mitigated) {
        Instant fault = T0.plusSeconds(60);
        return List.of(
                new IncidentEvent.IncidentDeclared(INCIDENT, RUNNER, IncidentNumber.of(2026, 1), "[Drill] x", null,
                        Severity.P1, List.of("checkout"), "drill-runner", Set.of("drill"), fault.plus(detected), true,
                        fault.plus(detected), fault.plus(detected)),
                new IncidentEvent.IncidentAcknowledged(INCIDENT, BOB, fault.plus(acknowledged), fault.plus(acknowledged)),
                new IncidentEvent.MitigationStarted(INCIDENT, BOB, "failed over", fault.plus(mitigated), fault.plus(mitigated)));
    }

    @Test
    void givenTimesWithinTheirTargets_thenFullPointsFromTheFaultsStart_butAMissedMandatoryRpoFailsTheRun() {
        // Fault at T0+1m; restored at T0+16m: RTO 15 m against 20 m. RPO: the fault minus the last write, 75 s against 30 s.
        DrillRun run = run(T0.plus(Duration.ofMinutes(16)), true);

        DrillScore score = DrillScoring.score(ScoreDefinition.V1, run, incident(Duration.ofSeconds(40),
                Duration.ofMinutes(4), Duration.ofMinutes(12)));

        assertThat(score.components()).extracting(DrillScore.Component::objective, DrillScore.Component::measured,
                DrillScore.Component::points).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Objective.Kind.DETECTION, Duration.ofSeconds(40), 15.0),
                org.assertj.core.groups.Tuple.tuple(Objective.Kind.ACKNOWLEDGEMENT, Duration.ofMinutes(4), 15.0),
                org.assertj.core.groups.Tuple.tuple(Objective.Kind.MITIGATION, Duration.ofMinutes(12), 15.0),
                org.assertj.core.groups.Tuple.tuple(Objective.Kind.RTO, Duration.ofMinutes(15), 20.0),
                // 75 s against a 30 s target: the line from 30 s (10 points) to 60 s (0 points) is past its end.
                org.assertj.core.groups.Tuple.tuple(Objective.Kind.RPO, Duration.ofSeconds(75), 0.0),
                org.assertj.core.groups.Tuple.tuple(Objective.Kind.STEPS_COMPLETED, null, 5.0));
        // 70 of 80 points: 87.5; but RPO is mandatory and missed.
        assertThat(score.total()).isEqualTo(87.5);
        assertThat(score.passed()).isFalse();
        assertThat(score.verdict()).isEqualTo("mandatory objectives missed: RPO");
        assertThat(score.components().get(1).from()).containsExactly("checkpoint FAULT_STARTED at 2026-12-01T09:01:00Z",
                "incident.IncidentAcknowledged at 2026-12-01T09:05:00Z");
    }

    @Test
    void givenATargetMissedByHalf_thenHalfItsPoints() {
        // Acknowledged after 7.5 minutes against 5: half way from the target (15 points) to twice it (0 points).
        DrillRun run = run(T0.plus(Duration.ofMinutes(16)), true);

        DrillScore score = DrillScoring.score(ScoreDefinition.V1, run, incident(Duration.ofSeconds(40),
                Duration.ofSeconds(450), Duration.ofMinutes(12)));

        assertThat(score.components().get(1).points()).isEqualTo(7.5);
        assertThat(score.components().get(1).met()).isFalse();
    }

    @Test
    void givenAFailedMandatoryProbe_thenNoRestoreNoRpo_andTheRunFails() {
        DrillRun run = run(T0.plus(Duration.ofMinutes(16)), false);

        DrillScore score = DrillScoring.score(ScoreDefinition.V1, run, List.of());

        assertThat(score.components()).allSatisfy(component -> {
            if (component.objective() != Objective.Kind.STEPS_COMPLETED) {
                assertThat(component.measured()).isNull();
                assertThat(component.points()).isZero();
            }
        });
        assertThat(score.components().getLast().measuredPercent()).isEqualTo(66);
        assertThat(score.components().getLast().points()).isEqualTo(4.1);
        assertThat(score.passed()).isFalse();
        assertThat(score.verdict()).isEqualTo("a mandatory step failed");
    }

    @Test
    void givenAFactBeforeTheFaultStarted_thenItIsNotMeasured() {
        DrillRun run = run(T0.plus(Duration.ofMinutes(16)), true);

        // Acknowledged 30 s before the fault's checkpoint (at T0+1m).
        DrillScore score = DrillScoring.score(ScoreDefinition.V1, run, incident(Duration.ofSeconds(40),
                Duration.ofSeconds(-30), Duration.ofMinutes(12)));

        assertThat(score.components().get(1).measured()).isNull();
        assertThat(score.components().get(1).points()).isZero();
        assertThat(score.components().get(1).from()).contains("reached before the fault's start: not counted");
    }

    @Test
    void givenADurableWriteAfterTheFaultStarted_thenNothingWasLost() {
        DrillRun run = run(T0.plus(Duration.ofMinutes(16)), true);
        DrillRun late = new DrillRun(run.id(), run.number(), run.planId(), run.planVersion(), run.definition(), run.trigger(),
                run.scheduledFor(), run.startedBy(), run.startedAt(), run.steps(), run.checkpoints(), T0.plusSeconds(90),
                run.incidentId(), run.scores(), run.outcome(), run.endReason(), run.endedAt(), run.review(), run.remindedOn(),
                run.version());

        DrillScore score = DrillScoring.score(ScoreDefinition.V1, late, incident(Duration.ofSeconds(40),
                Duration.ofMinutes(4), Duration.ofMinutes(12)));

        DrillScore.Component rpo = score.components().get(4);
        assertThat(rpo.objective()).isEqualTo(Objective.Kind.RPO);
        assertThat(rpo.measured()).isEqualTo(Duration.ZERO);
        assertThat(rpo.met()).isTrue();
        assertThat(score.passed()).isTrue();
    }

    @Test
    void givenAnAbortedRun_thenItIsScoredAndNeverPasses() {
        DrillRun run = apply(run(T0.plus(Duration.ofMinutes(16)), true), new AbortRun(RUN, "real outage", BOB), T0);
        DrillRun aborted = run;

        DrillScore score = DrillScoring.score(ScoreDefinition.V1, aborted, incident(Duration.ZERO, Duration.ZERO, Duration.ZERO));

        assertThat(aborted.outcome()).isEqualTo(DrillRunEvent.Outcome.ABORTED);
        assertThat(score.passed()).isFalse();
        assertThat(score.verdict()).isEqualTo("aborted: real outage");
        assertThat(aborted.checkpoints()).containsKey(CheckpointName.SERVICE_RESTORED);
    }
}
