package io.firedrill.adapter.persistence.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.firedrill.application.postmortem.PostmortemSlice;
import io.firedrill.domain.actionitem.ActionKind;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.postmortem.BlamelessWarning;
import io.firedrill.domain.postmortem.Horizon;
import io.firedrill.domain.postmortem.Impact;
import io.firedrill.domain.postmortem.Lessons;
import io.firedrill.domain.postmortem.PlannedAction;
import io.firedrill.domain.postmortem.Postmortem;
import io.firedrill.domain.postmortem.PostmortemDecider;
import io.firedrill.domain.postmortem.PostmortemEvent.ChangesRequested;
import io.firedrill.domain.postmortem.PostmortemEvent.PostmortemApproved;
import io.firedrill.domain.postmortem.PostmortemEvent.PostmortemDrafted;
import io.firedrill.domain.postmortem.PostmortemEvent.PostmortemEdited;
import io.firedrill.domain.postmortem.PostmortemEvent.PostmortemPublished;
import io.firedrill.domain.postmortem.PostmortemEvent.PrefillRefreshed;
import io.firedrill.domain.postmortem.PostmortemEvent.SubmittedForReview;
import io.firedrill.domain.postmortem.PostmortemEvent;
import io.firedrill.domain.postmortem.PostmortemId;
import io.firedrill.domain.postmortem.Prefill;
import io.firedrill.domain.postmortem.SectionsPatch;
import io.firedrill.domain.postmortem.Statement;
import io.firedrill.domain.postmortem.TimelineRow;
import io.firedrill.domain.postmortem.Why;
import io.firedrill.domain.shared.Actor;
import io.firedrill.domain.shared.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every stored postmortem type, and the folded state, survive the stored-payload mapper. */
class StoredPostmortemEventRoundTripTest {

    private static final ObjectMapper MAPPER = StoredPayloadMapper.create();
    private static final IncidentId INCIDENT = IncidentId.of("0f000000-0000-4000-8000-000000000002");
    private static final PostmortemId ID = PostmortemId.forIncident(INCIDENT);
    private static final Actor ALICE = Actor.user("alice");
    private static final Actor BOB = Actor.user("bob");
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    private static final Prefill PREFILL = new Prefill("INC-2026-0042", "Checkout 5xx – “prod”", Severity.P1,
            List.of("checkout", "payments"), "alice", List.of("alice", "bob"), T0, T0.plusSeconds(3_600),
            Duration.ofMinutes(5), Duration.ofMinutes(20), null,
            List.of(new TimelineRow(T0, "DECLARED", "user:alice", "Declared P1", List.of("e1")),
                    new TimelineRow(T0.plusSeconds(300), "ACKNOWLEDGED", "user:bob", "Acknowledged", List.of("e2", "e9"))));
    private static final SectionsPatch PATCH = new SectionsPatch("Checkout failed for 55 minutes.",
            new Impact("12% of checkouts", "none", "99.2%", "checkout SLO breached", "40%"),
            new Statement("A config push removed the payment timeout.", List.of("e1", "e2")),
            List.of(new Why("Why did checkout fail?", "Payment calls hung.", List.of("e2")),
                    new Why("Why did they hang?", "No timeout.", List.of())),
            List.of("No canary for config pushes"),
            List.of(new PlannedAction("Add a timeout", ActionKind.CORRECTIVE, Horizon.IMMEDIATE,
                            "7f000000-0000-4000-8000-000000000001", null),
                    new PlannedAction("Rewrite the client", ActionKind.PREVENTIVE, Horizon.LONG_TERM, null,
                            "covered by the platform migration")),
            new Lessons(List.of("Fast rollback"), List.of("Alert on latency")), List.of("https://runbooks.example/pay"));

    private static final List<PostmortemEvent> SAMPLES = List.of(
            new PostmortemDrafted(ID, ALICE, INCIDENT, PREFILL, T0),
            new PrefillRefreshed(ID, ALICE, PREFILL, T0.plusSeconds(1)),
            new PostmortemEdited(ID, ALICE, PATCH, T0.plusSeconds(2)),
            new SubmittedForReview(ID, ALICE, List.of(new BlamelessWarning("summary", 0, 12, "careless",
                    "a careless push")), T0.plusSeconds(3)),
            new ChangesRequested(ID, BOB, "Say who was affected", T0.plusSeconds(4)),
            new PostmortemApproved(ID, BOB, null, T0.plusSeconds(5)),
            new PostmortemPublished(ID, BOB, T0.plusSeconds(6)));

    @Test
    void givenEveryStoredPostmortemType_whenWrittenAndReadBackAsTheClassOfItsName_thenEqual() throws Exception {
        Map<String, PostmortemEvent> byName = SAMPLES.stream()
                .collect(Collectors.toMap(event -> StoredNames.nameOf(PostmortemSlice.EVENTS, event), Function.identity()));
        assertThat(byName.keySet()).containsExactlyInAnyOrderElementsOf(StoredNames.names(PostmortemSlice.EVENTS));
        for (String name : StoredNames.names(PostmortemSlice.EVENTS)) {
            PostmortemEvent sample = byName.get(name);
            Class<? extends PostmortemEvent> type = StoredNames.typeOf(PostmortemSlice.EVENTS, name);
            assertThat(MAPPER.readValue(MAPPER.writeValueAsBytes(sample), type)).isEqualTo(sample);
        }
    }

    @Test
    void givenADraft_whenWritten_thenIdsAreStringsAndDurationsIsoText() throws Exception {
        String json = MAPPER.writeValueAsString(SAMPLES.getFirst());

        assertThat(json).contains("\"postmortemId\":\"" + ID + "\"", "\"incidentId\":\"" + INCIDENT + "\"",
                        "\"timeToAcknowledge\":\"PT5M\"", "\"timeToResolve\":null")
                .doesNotContain("typeName", "\"value\"");
    }

    @Test
    void givenTheFoldedState_whenWrittenAndReadBack_thenEqual() throws Exception {
        Postmortem state = PostmortemDecider.fold(SAMPLES.subList(0, 4));

        assertThat(MAPPER.readValue(MAPPER.writeValueAsString(state), Postmortem.class)).isEqualTo(state);
    }
}
