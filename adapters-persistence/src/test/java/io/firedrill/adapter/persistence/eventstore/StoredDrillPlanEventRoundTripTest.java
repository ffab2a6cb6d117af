package io.firedrill.adapter.persistence.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.firedrill.application.drill.DrillSlice;
import io.firedrill.domain.drill.Blackout;
import io.firedrill.domain.drill.DrillPlan;
import io.firedrill.domain.drill.DrillPlanDecider;
import io.firedrill.domain.drill.DrillPlanDefinition;
import io.firedrill.domain.drill.DrillPlanEvent;
import io.firedrill.domain.drill.DrillPlanEvent.DrillPlanCreated;
import io.firedrill.domain.drill.DrillPlanEvent.DrillPlanPaused;
import io.firedrill.domain.drill.DrillPlanEvent.DrillPlanResumed;
import io.firedrill.domain.drill.DrillPlanEvent.DrillPlanRevised;
import io.firedrill.domain.drill.DrillPlanEvent.DrillRunSkipped;
import io.firedrill.domain.drill.DrillPlanId;
import io.firedrill.domain.drill.DrillPlanPatch;
import io.firedrill.domain.drill.DrillSchedule;
import io.firedrill.domain.drill.DrillStep;
import io.firedrill.domain.drill.DrillStep.CheckpointName;
import io.firedrill.domain.drill.DrillStep.Kind;
import io.firedrill.domain.drill.Objective;
import io.firedrill.domain.drill.Participant;
import io.firedrill.domain.shared.Actor;
import io.firedrill.domain.shared.Severity;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every stored drill plan type, and the folded state the read model keeps, survive the stored-payload mapper. */
class StoredDrillPlanEventRoundTripTest {

    private static final ObjectMapper MAPPER = StoredPayloadMapper.create();
    private static final DrillPlanId ID = DrillPlanId.parse("d0000000-0000-4000-8000-000000000001");
    private static final Actor ALICE = Actor.user("alice");
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    /** A plan with a step of every kind, every objective and a schedule with both forms of blackout. */
    static DrillPlanDefinition everyKind() {
        List<DrillStep> steps = List.of(
                new DrillStep(Kind.CHECKPOINT, "fault", false, null, null, null, null, null,
                        new DrillStep.Checkpoint(CheckpointName.FAULT_STARTED)),
                new DrillStep(Kind.INJECT, "reveal", false, new DrillStep.Inject("Checkout answers 503 – “prod”",
                        Duration.ofMinutes(1), true), null, null, null, null, null),
                new DrillStep(Kind.MANUAL, "fail over", true, null, new DrillStep.Manual("Promote the replica"), null,
                        null, null, null),
                new DrillStep(Kind.WAIT, "until mitigated", false, null, null,
                        new DrillStep.Wait(Duration.ofMinutes(30), DrillStep.Milestone.MITIGATED), null, null, null),
                new DrillStep(Kind.HTTP_PROBE, "healthy", true, null, null, null, new DrillStep.HttpProbe("GET",
                        "https://checkout.internal/health", 200, "ok", Duration.ofSeconds(2),
                        Duration.ofMinutes(10), Duration.ofSeconds(5), CheckpointName.SERVICE_RESTORED, "/lastWrite"),
                        null, null),
                new DrillStep(Kind.PROMETHEUS_QUERY, "errors down", false, null, null, null, null,
                        new DrillStep.PrometheusQuery("sum(rate(http_5xx[1m]))", DrillStep.Comparison.LT, 0.5,
                                Duration.ofMinutes(5), Duration.ofSeconds(15), null), null));
        List<Objective> objectives = List.of(new Objective(Objective.Kind.DETECTION, Duration.ofMinutes(1), null),
                new Objective(Objective.Kind.ACKNOWLEDGEMENT, Duration.ofMinutes(5), null),
                new Objective(Objective.Kind.COMMANDER_ASSIGNED, Duration.ofMinutes(5), null),
                new Objective(Objective.Kind.FIRST_STATUS_UPDATE, Duration.ofMinutes(10), null),
                new Objective(Objective.Kind.MITIGATION, Duration.ofMinutes(15), null),
                new Objective(Objective.Kind.RTO, Duration.ofMinutes(20), null),
                new Objective(Objective.Kind.RPO, Duration.ofSeconds(30), null),
                new Objective(Objective.Kind.STEPS_COMPLETED, null, 80));
        DrillSchedule schedule = new DrillSchedule("0 10 * * TUE", "Asia/Shanghai", List.of(
                new Blackout(Set.of(DayOfWeek.FRIDAY), null, null, "release day"),
                new Blackout(null, LocalDate.parse("2026-12-24"), LocalDate.parse("2027-01-02"), "freeze")),
                Duration.ofMinutes(30));
        return new DrillPlanDefinition("Checkout database failover", "checkout", "The primary database fails",
                "Failover within 5 minutes", "alice", List.of(new Participant("bob", Participant.Role.COMMANDER)),
                Severity.P1, objectives, steps, schedule);
    }

    private static final List<DrillPlanEvent> SAMPLES = List.of(
            new DrillPlanCreated(ID, ALICE, everyKind(), T0),
            new DrillPlanRevised(ID, ALICE, 2, everyKind().with(new DrillPlanPatch("Failover, take 2", null, null, null,
                    null, null, Severity.P2, null, null, null, true)), T0.plusSeconds(60)),
            new DrillPlanPaused(ID, ALICE, "release freeze", T0.plusSeconds(120)),
            new DrillRunSkipped(ID, Actor.system("drill-scheduler"), T0.plusSeconds(150), "blackout: release day",
                    T0.plusSeconds(151)),
            new DrillPlanResumed(ID, ALICE, T0.plusSeconds(180)));

    @Test
    void givenEveryStoredDrillPlanType_whenWrittenAndReadBackAsTheClassOfItsName_thenEqual() throws Exception {
        Map<String, DrillPlanEvent> byName = SAMPLES.stream()
                .collect(Collectors.toMap(event -> StoredNames.nameOf(DrillSlice.EVENTS, event), Function.identity()));
        assertThat(byName.keySet()).containsExactlyInAnyOrderElementsOf(StoredNames.names(DrillSlice.EVENTS));
        for (String name : StoredNames.names(DrillSlice.EVENTS)) {
            DrillPlanEvent sample = byName.get(name);
            Class<? extends DrillPlanEvent> type = StoredNames.typeOf(DrillSlice.EVENTS, name);
            assertThat(MAPPER.readValue(MAPPER.writeValueAsBytes(sample), type)).isEqualTo(sample);
        }
    }

    @Test
    void givenACreation_whenWritten_thenDurationsAreIsoStringsAndTheUrlAString() throws Exception {
        String json = MAPPER.writeValueAsString(SAMPLES.getFirst());

        assertThat(json).contains("\"drillPlanId\":\"d0000000-0000-4000-8000-000000000001\"", "\"offset\":\"PT1M\"",
                "\"url\":\"https://checkout.internal/health\"", "\"grace\":\"PT30M\"", "\"days\":[\"FRIDAY\"]");
    }

    @Test
    void givenTheFoldedState_whenWrittenAndReadBack_thenEqualWithEveryVersion() throws Exception {
        DrillPlan state = DrillPlanDecider.fold(SAMPLES);

        DrillPlan read = MAPPER.readValue(MAPPER.writeValueAsString(state), DrillPlan.class);

        assertThat(read).isEqualTo(state);
        assertThat(read.planVersion()).isEqualTo(2);
        assertThat(read.definition().schedule()).isNull();
        assertThat(read.definitionAt(1).schedule().blackouts()).hasSize(2);
    }
}
