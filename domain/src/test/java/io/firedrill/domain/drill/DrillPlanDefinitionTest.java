package io.firedrill.domain.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firedrill.domain.drill.DrillStep.CheckpointName;
import io.firedrill.domain.drill.DrillStep.Kind;
import io.firedrill.domain.shared.Severity;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DrillPlanDefinitionTest {

    private static DrillPlanDefinition with(List<Objective> objectives, List<DrillStep> steps) {
        DrillPlanDefinition plan = DrillPlans.gameDay();
        return new DrillPlanDefinition(plan.name(), plan.service(), plan.scenario(), plan.hypothesis(), plan.owner(),
                plan.participants(), Severity.P1, objectives, steps, plan.schedule());
    }

    @Test
    void givenAProbeAndTheGameDay_whenBuilt_thenTextsAreStrippedAndTheDefaultsFilledIn() {
        DrillStep probe = new DrillStep(Kind.HTTP_PROBE, "  probe ", false, null, null, null,
                new DrillStep.HttpProbe(null, ("https://checkout.internal/health"), null, null, null, null, null,
                        null, null), null, null);

        assertThat(probe.name()).isEqualTo("probe");
        assertThat(probe.httpProbe().method()).isEqualTo("GET");
        assertThat(probe.httpProbe().expectedStatus()).isEqualTo(200);
        assertThat(probe.httpProbe().timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(probe.httpProbe().deadline()).isEqualTo(Duration.ofSeconds(5));
        assertThat(DrillPlans.gameDay().schedule().grace()).isEqualTo(DrillSchedule.DEFAULT_GRACE);
    }

    @Test
    void givenAnIncidentObjective_whenNoStepOpensTheIncident_thenRefusedNamingTheObjective() {
        assertThatThrownBy(() -> with(List.of(DrillPlans.timed(Objective.Kind.ACKNOWLEDGEMENT, Duration.ofMinutes(5))),
                List.of(DrillPlans.inject("reveal", false))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("objectives[0].kind ACKNOWLEDGEMENT is measured on the drill incident");
    }

    @Test
    void givenRpo_whenNoProbeReadsTheMarker_thenRefused() {
        assertThatThrownBy(() -> with(List.of(DrillPlans.timed(Objective.Kind.RPO, Duration.ofSeconds(30))),
                List.of(DrillPlans.probe("probe", CheckpointName.SERVICE_RESTORED, null))))
                .hasMessageStartingWith("objectives[0].kind RPO needs an HTTP_PROBE step");
    }

    @Test
    void givenTargets_whenMitigationComesBeforeAcknowledgement_thenRefusedNamingTheLaterTarget() {
        assertThatThrownBy(() -> with(List.of(DrillPlans.timed(Objective.Kind.ACKNOWLEDGEMENT, Duration.ofMinutes(10)),
                        DrillPlans.timed(Objective.Kind.MITIGATION, Duration.ofMinutes(5))),
                List.of(DrillPlans.inject("reveal", true))))
                .hasMessageStartingWith("objectives[1].target PT5M of MITIGATION is shorter than the ACKNOWLEDGEMENT target");
    }

    @Test
    void givenAnObjectiveTwice_orAStepNameTwice_thenRefused() {
        Objective rto = DrillPlans.timed(Objective.Kind.RTO, Duration.ofMinutes(5));
        List<DrillStep> steps = List.of(DrillPlans.checkpoint("restored", CheckpointName.SERVICE_RESTORED));
        assertThatThrownBy(() -> with(List.of(rto, rto), steps)).hasMessageStartingWith("objectives[1].kind must differ");

        List<DrillStep> twice = new ArrayList<>(steps);
        twice.add(DrillPlans.checkpoint("restored", CheckpointName.FAULT_STARTED));
        assertThatThrownBy(() -> with(List.of(), twice)).hasMessageStartingWith("steps[1].name must differ");
        assertThatThrownBy(() -> with(List.of(), List.of())).hasMessageStartingWith("steps must hold at least one step");
    }

    @Test
    void givenAStep_whenItsBlockIsMissingOrAnotherKindsIsGiven_thenRefusedNamingTheBlock() {
        assertThatThrownBy(() -> new DrillStep(Kind.MANUAL, "confirm", false, null, null, null, null, null, null))
                .hasMessage("manual must be given for a MANUAL step");
        assertThatThrownBy(() -> new DrillStep(Kind.MANUAL, "confirm", false, null, new DrillStep.Manual("do it"),
                new DrillStep.Wait(Duration.ofMinutes(1), null), null, null, null))
                .hasMessage("kind MANUAL takes only the manual block");
    }

    @Test
    void givenProbeSettings_whenOutOfRange_thenRefusedNamingTheField() {
        assertThatThrownBy(() -> new DrillStep.HttpProbe("GET", ("ftp://files.internal/x"), null, null, null,
                null, null, null, null)).hasMessageStartingWith("url must be an absolute http or https URL");
        assertThatThrownBy(() -> new DrillStep.HttpProbe("GET", ("/health"), null, null, null,
                null, null, null, null)).hasMessageStartingWith("url must be an absolute http or https URL");
        assertThatThrownBy(() -> new DrillStep.HttpProbe("GET", ("http://checkout/a b"), null, null, null,
                null, null, null, null)).hasMessageStartingWith("url must be an absolute http or https URL");
        assertThatThrownBy(() -> new DrillStep.HttpProbe("DELETE", ("http://checkout/health"), null, null, null,
                null, null, null, null)).hasMessageStartingWith("method must be GET, HEAD or POST");
        assertThatThrownBy(() -> new DrillStep.HttpProbe("GET", ("http://checkout/health"), null, null,
                Duration.ofSeconds(10), Duration.ofSeconds(5), null, null, null)).hasMessageStartingWith("deadline must be between PT10S");
        assertThatThrownBy(() -> new DrillStep.HttpProbe("GET", ("http://checkout/health"), 700, null, null,
                null, null, null, null)).hasMessageStartingWith("expectedStatus must be an HTTP status");
        assertThatThrownBy(() -> new DrillStep.HttpProbe("GET", ("http://checkout/health"), null, null, null,
                null, null, null, "lastWrite")).hasMessageStartingWith("markerPointer must be a JSON pointer");
    }

    @Test
    void givenObjectiveTargets_whenOfTheWrongShape_thenRefused() {
        assertThatThrownBy(() -> new Objective(Objective.Kind.RTO, null, null)).hasMessage("target must not be null");
        assertThatThrownBy(() -> new Objective(Objective.Kind.RTO, Duration.ofMinutes(5), 50))
                .hasMessageStartingWith("percent is only for STEPS_COMPLETED");
        assertThatThrownBy(() -> new Objective(Objective.Kind.STEPS_COMPLETED, null, 101))
                .hasMessage("percent must be between 1 and 100");
        assertThatThrownBy(() -> new Objective(Objective.Kind.STEPS_COMPLETED, Duration.ofMinutes(1), 50))
                .hasMessageStartingWith("target is a duration for time objectives");
    }

    @Test
    void givenASchedule_whenTheZoneIsUnknown_thenRefused_andBlackoutsCoverTheirDaysInTheZone() {
        assertThatThrownBy(() -> new DrillSchedule("0 10 * * *", "Mars/Olympus", List.of(), null))
                .hasMessageStartingWith("zone must be a time zone");
        assertThatThrownBy(() -> new DrillSchedule("0 10 * * *", "UTC", List.of(), java.time.Duration.ofDays(2)))
                .hasMessageStartingWith("grace must be between PT0S and PT24H");

        DrillSchedule schedule = new DrillSchedule(" 0  10 * * * ", "Asia/Shanghai", List.of(
                new Blackout(Set.of(DayOfWeek.TUESDAY), null, null, "release day"),
                new Blackout(null, LocalDate.parse("2026-12-24"), LocalDate.parse("2027-01-02"), "freeze")), null);

        assertThat(schedule.cron()).isEqualTo("0 10 * * *");
        // Monday 20:00 UTC is Tuesday 04:00 in Shanghai: a release day there.
        assertThat(schedule.blackoutAt(ZonedDateTime.parse("2026-12-07T20:00:00Z")).reason()).isEqualTo("release day");
        assertThat(schedule.blackoutAt(ZonedDateTime.parse("2026-12-07T10:00:00Z"))).isNull();
        assertThat(schedule.blackoutAt(ZonedDateTime.parse("2027-01-02T15:59:59Z")).reason()).isEqualTo("freeze");
        assertThat(schedule.blackoutAt(ZonedDateTime.parse("2027-01-02T16:00:00Z"))).isNull();
    }

    @Test
    void givenABlackout_whenBothFormsOrNeitherAreGiven_thenRefused() {
        assertThatThrownBy(() -> new Blackout(Set.of(DayOfWeek.MONDAY), LocalDate.parse("2026-12-24"),
                LocalDate.parse("2026-12-25"), null)).hasMessageStartingWith("days must be given, or from and to");
        assertThatThrownBy(() -> new Blackout(null, null, null, null)).hasMessageStartingWith("days must be given");
        assertThatThrownBy(() -> new Blackout(null, LocalDate.parse("2026-12-24"), LocalDate.parse("2026-12-23"), null))
                .hasMessage("to must not be before from");
    }

    @Test
    void givenAmbiguousInstants_thenRefusedNamingTheStep() {
        assertThatThrownBy(() -> with(List.of(), List.of(DrillPlans.inject("a", true), DrillPlans.inject("b", true))))
                .hasMessageStartingWith("steps[1].inject.opensIncident: step 0 opens the drill incident already");
        assertThatThrownBy(() -> with(List.of(), List.of(DrillPlans.checkpoint("a", CheckpointName.FAULT_STARTED),
                DrillPlans.checkpoint("b", CheckpointName.FAULT_STARTED))))
                .hasMessageStartingWith("steps[1] marks FAULT_STARTED, which step 0 marks already");
        assertThatThrownBy(() -> with(List.of(), List.of(DrillPlans.checkpoint("restored", CheckpointName.SERVICE_RESTORED),
                DrillPlans.checkpoint("fault", CheckpointName.FAULT_STARTED))))
                .hasMessageStartingWith("steps[0] marks SERVICE_RESTORED before the step that marks FAULT_STARTED");

        DrillStep waitForAck = new DrillStep(Kind.WAIT, "until acknowledged", false, null, null,
                new DrillStep.Wait(java.time.Duration.ofMinutes(5), DrillStep.Milestone.ACKNOWLEDGED), null, null, null);
        assertThatThrownBy(() -> with(List.of(), List.of(waitForAck, DrillPlans.inject("reveal", true))))
                .hasMessageStartingWith("steps[0].waitFor.until waits for the drill incident, and no INJECT step before it");
        assertThat(with(List.of(), List.of(DrillPlans.inject("reveal", true), waitForAck)).steps()).hasSize(2);
    }

    @Test
    void givenAHeadProbe_whenItWouldReadTheBody_thenRefused() {
        assertThatThrownBy(() -> new DrillStep.HttpProbe("HEAD", "http://checkout/health", null, "ok", null, null, null,
                null, null)).hasMessageStartingWith("bodyContains cannot be checked on a HEAD probe");
        assertThatThrownBy(() -> new DrillStep.HttpProbe("HEAD", "http://checkout/health", null, null, null, null, null,
                null, "/lastWrite")).hasMessageStartingWith("markerPointer cannot be read from a HEAD probe");
        assertThatThrownBy(() -> new Blackout(java.util.Collections.singleton(null), null, null, null))
                .hasMessageStartingWith("days must name days of the week");
    }

    @Test
    void givenAPatchWithANullStep_thenRefusedNamingIt() {
        java.util.List<DrillStep> steps = new java.util.ArrayList<>();
        steps.add(null);
        assertThatThrownBy(() -> new DrillPlanPatch(null, null, null, null, null, null, null, null, steps, null, false))
                .hasMessage("steps[0] must not be null");
    }

    @Test
    void givenAPatch_whenItChangesNothing_thenRefused() {
        assertThatThrownBy(() -> new DrillPlanPatch(null, null, null, null, null, null, null, null, null, null, false))
                .hasMessageStartingWith("body must change at least one field");
    }
}
