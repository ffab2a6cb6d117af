package io.firedrill.domain.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firedrill.domain.drill.DrillPlanCommand.CreateDrillPlan;
import io.firedrill.domain.drill.DrillPlanCommand.PauseDrillPlan;
import io.firedrill.domain.drill.DrillPlanCommand.ResumeDrillPlan;
import io.firedrill.domain.drill.DrillPlanCommand.ReviseDrillPlan;
import io.firedrill.domain.drill.DrillPlanEvent.DrillPlanCreated;
import io.firedrill.domain.drill.DrillPlanEvent.DrillPlanPaused;
import io.firedrill.domain.drill.DrillPlanEvent.DrillPlanResumed;
import io.firedrill.domain.drill.DrillPlanEvent.DrillPlanRevised;
import io.firedrill.domain.shared.Actor;
import io.firedrill.domain.shared.Severity;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DrillPlanDeciderTest {

    private static final DrillPlanId ID = new DrillPlanId(UUID.fromString("d0000000-0000-4000-8000-000000000001"));
    private static final Actor ALICE = Actor.user("alice");
    private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");

    private static DrillPlan created() {
        return DrillPlanDecider.fold(List.of(new DrillPlanCreated(ID, ALICE, DrillPlans.gameDay(), T0)));
    }

    private static DrillPlanPatch renamed(String name) {
        return new DrillPlanPatch(name, null, null, null, null, null, null, null, null, null, false);
    }

    @Test
    void givenNothing_whenCreated_thenPlanVersionOneEnabled() {
        List<DrillEvent> events = DrillPlanDecider.decide(new CreateDrillPlan(ID, ALICE, DrillPlans.gameDay()),
                DrillPlan.EMPTY, T0);

        assertThat(events).containsExactly(new DrillPlanCreated(ID, ALICE, DrillPlans.gameDay(), T0));
        DrillPlan plan = DrillPlanDecider.fold(events);
        assertThat(plan.planVersion()).isEqualTo(1);
        assertThat(plan.enabled()).isTrue();
        assertThat(plan.definition()).isEqualTo(DrillPlans.gameDay());
        assertThat(plan.createdBy()).isEqualTo("alice");
    }

    @Test
    void givenACreatedPlan_whenCreatedAgainWithTheSameDefinition_thenNothing_andWithAnotherOne_thenRefused() {
        assertThat(DrillPlanDecider.decide(new CreateDrillPlan(ID, ALICE, DrillPlans.gameDay()), created(), T0)).isEmpty();

        DrillPlanDefinition other = DrillPlans.gameDay().with(renamed("Another plan"));
        assertThatThrownBy(() -> DrillPlanDecider.decide(new CreateDrillPlan(ID, ALICE, other), created(), T0))
                .isInstanceOfSatisfying(DrillPlanRuleViolation.class,
                        violation -> assertThat(violation.code()).isEqualTo("DRILL_PLAN_ALREADY_CREATED"));
    }

    @Test
    void givenAPlan_whenRevised_thenANewVersionAndTheOldOneKept() {
        Instant later = T0.plusSeconds(60);

        List<DrillEvent> events = DrillPlanDecider.decide(new ReviseDrillPlan(ID, ALICE, renamed("Failover, take 2")),
                created(), later);

        DrillPlanDefinition revised = DrillPlans.gameDay().with(renamed("Failover, take 2"));
        assertThat(events).containsExactly(new DrillPlanRevised(ID, ALICE, 2, revised, later));
        DrillPlan plan = DrillPlanDecider.evolve(created(), events.getFirst());
        assertThat(plan.planVersion()).isEqualTo(2);
        assertThat(plan.definition().name()).isEqualTo("Failover, take 2");
        assertThat(plan.definitionAt(1)).isEqualTo(DrillPlans.gameDay());
        assertThat(plan.definitionAt(3)).isNull();
        assertThat(plan.updatedAt()).isEqualTo(later);
        assertThat(plan.version()).isEqualTo(2);
    }

    @Test
    void givenAPlan_whenARevisionChangesNothing_thenNoEvent() {
        assertThat(DrillPlanDecider.decide(new ReviseDrillPlan(ID, ALICE, renamed(DrillPlans.gameDay().name())),
                created(), T0)).isEmpty();
    }

    @Test
    void givenAPlan_whenARevisionBreaksTheObjectives_thenRefusedNamingTheField() {
        DrillPlanPatch withoutSteps = new DrillPlanPatch(null, null, null, null, null, null, null, null,
                List.of(DrillPlans.inject("reveal", true)), null, false);

        assertThatThrownBy(() -> DrillPlanDecider.decide(new ReviseDrillPlan(ID, ALICE, withoutSteps), created(), T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("objectives[3].kind RTO needs a step that marks SERVICE_RESTORED");
    }

    @Test
    void givenAPlan_whenTheScheduleIsRemoved_thenItRunsOnlyByHand() {
        DrillPlanPatch byHand = new DrillPlanPatch(null, null, null, null, null, null, Severity.P2, null, null, null, true);

        DrillPlan plan = DrillPlanDecider.evolve(created(),
                DrillPlanDecider.decide(new ReviseDrillPlan(ID, ALICE, byHand), created(), T0).getFirst());

        assertThat(plan.definition().schedule()).isNull();
        assertThat(plan.definition().severity()).isEqualTo(Severity.P2);
    }

    @Test
    void givenAnEnabledPlan_whenPausedTwiceAndResumedTwice_thenOneFactEach() {
        DrillPlan plan = created();

        List<DrillEvent> paused = DrillPlanDecider.decide(new PauseDrillPlan(ID, ALICE, "release freeze"), plan, T0);
        assertThat(paused).containsExactly(new DrillPlanPaused(ID, ALICE, "release freeze", T0));
        plan = DrillPlanDecider.evolve(plan, paused.getFirst());
        assertThat(plan.enabled()).isFalse();
        assertThat(plan.pausedReason()).isEqualTo("release freeze");
        assertThat(DrillPlanDecider.decide(new PauseDrillPlan(ID, ALICE, null), plan, T0)).isEmpty();

        List<DrillEvent> resumed = DrillPlanDecider.decide(new ResumeDrillPlan(ID, ALICE), plan, T0);
        assertThat(resumed).containsExactly(new DrillPlanResumed(ID, ALICE, T0));
        plan = DrillPlanDecider.evolve(plan, resumed.getFirst());
        assertThat(plan.enabled()).isTrue();
        assertThat(plan.pausedReason()).isNull();
        assertThat(DrillPlanDecider.decide(new ResumeDrillPlan(ID, ALICE), plan, T0)).isEmpty();
    }

    @Test
    void givenNoPlan_whenPaused_thenRefused() {
        assertThatThrownBy(() -> DrillPlanDecider.decide(new PauseDrillPlan(ID, ALICE, null), DrillPlan.EMPTY, T0))
                .isInstanceOfSatisfying(DrillPlanRuleViolation.class,
                        violation -> assertThat(violation.code()).isEqualTo("DRILL_PLAN_NOT_CREATED"));
    }
}
