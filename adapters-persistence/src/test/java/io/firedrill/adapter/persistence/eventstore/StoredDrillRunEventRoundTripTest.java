package io.firedrill.adapter.persistence.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.firedrill.application.drill.DrillRunSlice;
import io.firedrill.domain.drill.DrillPlanId;
import io.firedrill.domain.drill.DrillRun;
import io.firedrill.domain.drill.DrillRunDecider;
import io.firedrill.domain.drill.DrillRunEvent;
import io.firedrill.domain.drill.DrillRunEvent.DrillCheckpointMarked;
import io.firedrill.domain.drill.DrillRunEvent.DrillIncidentLinked;
import io.firedrill.domain.drill.DrillRunEvent.DrillRunEnded;
import io.firedrill.domain.drill.DrillRunEvent.DrillRunReviewed;
import io.firedrill.domain.drill.DrillRunEvent.DrillRunScored;
import io.firedrill.domain.drill.Finding;
import io.firedrill.domain.drill.DrillRunEvent.DrillRunStarted;
import io.firedrill.domain.drill.DrillScore;
import io.firedrill.domain.drill.Objective;
import java.time.Duration;
import io.firedrill.domain.drill.DrillRunEvent.DrillStepFailed;
import io.firedrill.domain.drill.DrillRunEvent.DrillStepPassed;
import io.firedrill.domain.drill.DrillRunEvent.DrillStepStarted;
import io.firedrill.domain.drill.DrillRunEvent.Outcome;
import io.firedrill.domain.drill.DrillRunEvent.Trigger;
import io.firedrill.domain.drill.DrillRunId;
import io.firedrill.domain.drill.DrillRunNumber;
import io.firedrill.domain.drill.DrillStep.CheckpointName;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.shared.Actor;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every stored drill run type, and the folded state the read model keeps, survive the stored-payload mapper. */
class StoredDrillRunEventRoundTripTest {

    private static final ObjectMapper MAPPER = StoredPayloadMapper.create();
    private static final DrillRunId RUN = DrillRunId.parse("e0000000-0000-4000-8000-000000000001");
    private static final DrillPlanId PLAN = DrillPlanId.parse("d0000000-0000-4000-8000-000000000001");
    private static final Actor RUNNER = Actor.system("drill-runner");
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    private static final List<DrillRunEvent> SAMPLES = List.of(
            new DrillRunStarted(RUN, PLAN, DrillRunNumber.of(2026, 7), 2, StoredDrillPlanEventRoundTripTest.everyKind(),
                    Trigger.SCHEDULED, T0, RUNNER, T0.plusSeconds(1)),
            new DrillStepStarted(RUN, 0, RUNNER, T0.plusSeconds(2)),
            new DrillStepPassed(RUN, 0, "checkpoint FAULT_STARTED reached", RUNNER, T0.plusSeconds(2)),
            new DrillCheckpointMarked(RUN, CheckpointName.MARKER_READ, T0.minusSeconds(12), RUNNER, T0.plusSeconds(2)),
            new DrillIncidentLinked(RUN, IncidentId.of("0f000000-0000-4000-8000-000000000002"), 1, RUNNER, T0.plusSeconds(60)),
            new DrillStepFailed(RUN, 4, "GET https://checkout.internal/health → HTTP 503 in 12 ms (40 attempts)", RUNNER,
                    T0.plusSeconds(600)),
            new DrillRunEnded(RUN, PLAN, Outcome.FAILED, "Mandatory step 4 ('healthy') failed.", RUNNER, T0.plusSeconds(600)),
            new DrillRunScored(RUN, new DrillScore(1, List.of(
                    new DrillScore.Component(Objective.Kind.RTO, Duration.ofMinutes(20), null, null, null, 0.0, 20, false,
                            List.of("checkpoint FAULT_STARTED at 2026-12-01T09:00:02Z")),
                    new DrillScore.Component(Objective.Kind.STEPS_COMPLETED, null, 80, null, 60, 3.8, 5, false,
                            List.of("3 of 5 steps passed"))), 3.8, false, "a mandatory step failed"), RUNNER,
                    T0.plusSeconds(601)),
            new DrillRunReviewed(RUN, List.of(new Finding("The runbook is out of date", "step 4 names the old host",
                    java.util.UUID.fromString("7f000000-0000-4000-8000-000000000009"), null),
                    new Finding("Pager noise", null, null, "tracked in the alerting review")), List.of("Detection was fast"),
                    false, "RTO was measured from the wrong checkpoint", Actor.user("alice"), T0.plusSeconds(3600)),
            new DrillRunEvent.DrillRunReviewReminded(RUN, java.time.LocalDate.parse("2026-12-04"), RUNNER,
                    T0.plusSeconds(3 * 86_400)));

    @Test
    void givenEveryStoredDrillRunType_whenWrittenAndReadBackAsTheClassOfItsName_thenEqual() throws Exception {
        Map<String, DrillRunEvent> byName = SAMPLES.stream()
                .collect(Collectors.toMap(event -> StoredNames.nameOf(DrillRunSlice.EVENTS, event), Function.identity()));
        assertThat(byName.keySet()).containsExactlyInAnyOrderElementsOf(StoredNames.names(DrillRunSlice.EVENTS));
        for (String name : StoredNames.names(DrillRunSlice.EVENTS)) {
            DrillRunEvent sample = byName.get(name);
            assertThat(MAPPER.readValue(MAPPER.writeValueAsBytes(sample), StoredNames.typeOf(DrillRunSlice.EVENTS, name)))
                    .isEqualTo(sample);
        }
    }

    @Test
    void givenTheFoldedState_whenWrittenAndReadBack_thenEqual() throws Exception {
        DrillRun state = DrillRunDecider.fold(SAMPLES);

        DrillRun read = MAPPER.readValue(MAPPER.writeValueAsString(state), DrillRun.class);

        assertThat(read).isEqualTo(state);
        assertThat(read.number().value()).isEqualTo("DR-2026-0007");
        assertThat(read.markerAt()).isEqualTo(T0.minusSeconds(12));
        assertThat(read.outcome()).isEqualTo(Outcome.FAILED);
    }
}
