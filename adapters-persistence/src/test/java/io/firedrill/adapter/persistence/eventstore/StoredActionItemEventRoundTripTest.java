package io.firedrill.adapter.persistence.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.firedrill.application.actionitem.ActionItemSlice;
import io.firedrill.domain.actionitem.ActionItem;
import io.firedrill.domain.actionitem.ActionItemDecider;
import io.firedrill.domain.actionitem.ActionItemEvent.ActionItemBecameOverdue;
import io.firedrill.domain.actionitem.ActionItemEvent.ActionItemBlocked;
import io.firedrill.domain.actionitem.ActionItemEvent.ActionItemCancelled;
import io.firedrill.domain.actionitem.ActionItemEvent.ActionItemCompleted;
import io.firedrill.domain.actionitem.ActionItemEvent.ActionItemCreated;
import io.firedrill.domain.actionitem.ActionItemEvent.ActionItemDueDateChanged;
import io.firedrill.domain.actionitem.ActionItemEvent.ActionItemDueSoon;
import io.firedrill.domain.actionitem.ActionItemEvent.ActionItemOwnerChanged;
import io.firedrill.domain.actionitem.ActionItemEvent.ActionItemReopened;
import io.firedrill.domain.actionitem.ActionItemEvent.ActionItemStarted;
import io.firedrill.domain.actionitem.ActionItemEvent;
import io.firedrill.domain.actionitem.ActionItemId;
import io.firedrill.domain.actionitem.ActionKind;
import io.firedrill.domain.actionitem.Priority;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.shared.Actor;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every stored action item type, and the folded state the read model keeps, survive the stored-payload mapper. */
class StoredActionItemEventRoundTripTest {

    private static final ObjectMapper MAPPER = StoredPayloadMapper.create();
    private static final ActionItemId ID = ActionItemId.parse("7f000000-0000-4000-8000-000000000001");
    private static final Actor ALICE = Actor.user("alice");
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private static final LocalDate DUE = LocalDate.parse("2026-12-10");

    private static final List<ActionItemEvent> SAMPLES = List.of(
            new ActionItemCreated(ID, ALICE, "Add a timeout to the payment client", "Calls hung for 30 s – “prod”",
                    "bob", DUE, Priority.HIGH, ActionKind.CORRECTIVE,
                    IncidentId.of("0f000000-0000-4000-8000-000000000002"), "pm-1", T0),
            new ActionItemStarted(ID, ALICE, T0.plusSeconds(1)),
            new ActionItemBlocked(ID, ALICE, "waiting for the vendor", T0.plusSeconds(2)),
            new ActionItemOwnerChanged(ID, ALICE, "bob", "carol", T0.plusSeconds(3)),
            new ActionItemDueDateChanged(ID, ALICE, DUE, DUE.plusDays(7), T0.plusSeconds(4)),
            new ActionItemDueSoon(ID, Actor.system("scheduler"), DUE.plusDays(7), T0.plusSeconds(5)),
            new ActionItemBecameOverdue(ID, Actor.system("scheduler"), DUE.plusDays(7), T0.plusSeconds(6)),
            new ActionItemCompleted(ID, ALICE, T0.plusSeconds(7)),
            new ActionItemReopened(ID, ALICE, "the timeout is too long", T0.plusSeconds(8)),
            new ActionItemCancelled(ID, ALICE, "superseded by a circuit breaker", T0.plusSeconds(9)));

    @Test
    void givenEveryStoredActionItemType_whenWrittenAndReadBackAsTheClassOfItsName_thenEqual() throws Exception {
        Map<String, ActionItemEvent> byName = SAMPLES.stream()
                .collect(Collectors.toMap(event -> StoredNames.nameOf(ActionItemSlice.EVENTS, event), Function.identity()));
        assertThat(byName.keySet()).containsExactlyInAnyOrderElementsOf(StoredNames.names(ActionItemSlice.EVENTS));
        for (String name : StoredNames.names(ActionItemSlice.EVENTS)) {
            ActionItemEvent sample = byName.get(name);
            Class<? extends ActionItemEvent> type = StoredNames.typeOf(ActionItemSlice.EVENTS, name);
            assertThat(MAPPER.readValue(MAPPER.writeValueAsBytes(sample), type)).isEqualTo(sample);
        }
    }

    @Test
    void givenACreation_whenWritten_thenIdsAreStringsAndTheDueDateADay() throws Exception {
        String json = MAPPER.writeValueAsString(SAMPLES.getFirst());

        assertThat(json).contains("\"actionItemId\":\"7f000000-0000-4000-8000-000000000001\"",
                        "\"incidentId\":\"0f000000-0000-4000-8000-000000000002\"", "\"dueDate\":\"2026-12-10\"",
                        "\"occurredAt\":\"2026-12-01T09:00:00Z\"")
                .doesNotContain("typeName", "\"value\"");
    }

    @Test
    void givenACreationStoredAtVersion1_whenRead_thenItIsTodaysRecordFoundByNoDrillReview() throws Exception {
        String version1 = """
                {"actionItemId":"7f000000-0000-4000-8000-000000000001","by":{"kind":"USER","name":"alice"},
                 "title":"Add a timeout","description":null,"owner":"bob","dueDate":"2026-12-10","priority":"HIGH",
                 "kind":"CORRECTIVE","incidentId":null,"postmortemId":null,"occurredAt":"2026-12-01T09:00:00Z"}""";
        var message = new org.axonframework.messaging.eventhandling.GenericEventMessage(
                new org.axonframework.messaging.core.MessageType("actionitem.ActionItemCreated", "1"),
                version1.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        Object read = io.firedrill.application.slice.Slices.load().storedEvents()
                .read(message, new org.axonframework.conversion.json.JacksonConverter(MAPPER)).orElseThrow();

        assertThat(read).isEqualTo(new ActionItemCreated(ID, ALICE, "Add a timeout", null, "bob", DUE, Priority.HIGH,
                ActionKind.CORRECTIVE, null, null, null, T0));
    }

    @Test
    void givenTheFoldedState_whenWrittenAndReadBack_thenEqualWithTheRecordedDueDates() throws Exception {
        ActionItem state = ActionItemDecider.fold(SAMPLES);

        ActionItem read = MAPPER.readValue(MAPPER.writeValueAsString(state), ActionItem.class);

        assertThat(read).isEqualTo(state);
        assertThat(read.overdueRecorded()).containsExactly(DUE.plusDays(7));
        assertThat(read.reopened()).isEqualTo(1);
    }
}
