package io.firedrill.adapter.persistence.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firedrill.application.incident.IncidentSlice;
import io.firedrill.domain.alert.Alert;
import io.firedrill.domain.alert.AlertStatus;
import io.firedrill.domain.incident.Audience;
import io.firedrill.domain.incident.GroupingDecision;
import io.firedrill.domain.incident.Incident;
import io.firedrill.domain.incident.IncidentEvent.AlertReceived;
import io.firedrill.domain.incident.IncidentEvent.CommanderHandedOver;
import io.firedrill.domain.incident.IncidentEvent.IncidentAcknowledged;
import io.firedrill.domain.incident.IncidentEvent.IncidentClosedAsDuplicate;
import io.firedrill.domain.incident.IncidentEvent.IncidentDeclared;
import io.firedrill.domain.incident.IncidentEvent.IncidentReopened;
import io.firedrill.domain.incident.IncidentEvent.IncidentResolved;
import io.firedrill.domain.incident.IncidentEvent.IncidentReviewed;
import io.firedrill.domain.incident.IncidentEvent.MilestoneTimeCorrected;
import io.firedrill.domain.incident.IncidentEvent.MitigationStarted;
import io.firedrill.domain.incident.IncidentEvent.NoteAdded;
import io.firedrill.domain.incident.IncidentEvent.ResponderAdded;
import io.firedrill.domain.incident.IncidentEvent.ResponderRemoved;
import io.firedrill.domain.incident.IncidentEvent.SeverityDowngraded;
import io.firedrill.domain.incident.IncidentEvent.SeverityEscalated;
import io.firedrill.domain.incident.IncidentEvent.StatusUpdatePosted;
import io.firedrill.domain.incident.IncidentEvent;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.incident.IncidentNumber;
import io.firedrill.domain.incident.IncidentStatus;
import io.firedrill.domain.incident.ResponderRole;
import io.firedrill.domain.incident.TimedMilestone;
import io.firedrill.domain.incident.TrackedAlert;
import io.firedrill.domain.shared.Actor;
import io.firedrill.domain.shared.Severity;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every stored incident event type, and the incident state the list read model stores, survives being written
 * and read back by {@link StoredPayloadMapper}, and is stored in the agreed JSON shape. Stored JSON outlives the
 * code that wrote it, so a new event type without a sample here fails the build.
 */
class StoredIncidentEventRoundTripTest {

    private static final ObjectMapper MAPPER = StoredPayloadMapper.create();

    private static final IncidentId ID = IncidentId.of("6f1c2f9e-3b1a-4c55-9d0e-1a2b3c4d5e6f");
    private static final IncidentId ORIGINAL = IncidentId.of("0a1b2c3d-0000-4000-8000-000000000001");
    private static final IncidentNumber NUMBER = new IncidentNumber("INC-2026-0042");
    private static final Actor ALICE = Actor.user("alice");
    private static final Actor PAGER = Actor.integration("alertmanager");
    private static final Actor SCHEDULER = Actor.system("scheduler");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    /** An instant with nanoseconds, which must survive the trip as well. */
    private static final Instant LATE = Instant.parse("2026-03-01T10:07:30.123456789Z");

    /**
     * Samples by stored type name. The first sample of each type sets every field; the others leave the optional
     * fields empty where the record allows it.
     */
    private static final Actor INTEGRATION = Actor.integration("alertmanager-prod");
    private static final Alert FULL_ALERT = new Alert("3f2a9c01", AlertStatus.RESOLVED, "HighErrorRate",
            "5% of checkout requests fail – “prod”", Severity.P1, "severity=critical → P1", List.of("checkout"),
            orderedMap("alertname", "HighErrorRate", "service", "checkout", "severity", "critical"),
            orderedMap("summary", "5% of checkout requests fail", "runbook_url", "https://runbooks.example/5xx"),
            T0.minusSeconds(300), T0.plusSeconds(600), "http://prometheus.example:9090/graph?g0.expr=x");
    private static final Alert BARE_ALERT = new Alert("77", AlertStatus.FIRING, "db-replica-lag", null, Severity.P3,
            "severity missing → P3 (default)", List.of("orders-db"), Map.of(), Map.of(), T0, null, null);
    private static final Map<String, List<IncidentEvent>> SAMPLES = eventSamples();

    private static final List<Incident> INCIDENTS = incidentSamples();

    private static Map<String, List<IncidentEvent>> eventSamples() {
        Map<String, List<IncidentEvent>> samples = new LinkedHashMap<>();
        add(samples,
                new IncidentDeclared(ID, ALICE, NUMBER, "Checkout returns 500", "card payments fail", Severity.P1,
                        List.of("checkout", "payments"), "bob", orderedSet("eu-west", "db", "customer-facing"),
                        T0.minusSeconds(300), true, T0, LATE),
                new IncidentDeclared(ID, PAGER, NUMBER, "Checkout returns 500", null, Severity.P3, null, "alice", null,
                        T0, false, T0, T0));
        add(samples,
                new IncidentAcknowledged(ID, ALICE, T0.plusSeconds(120), LATE),
                new IncidentAcknowledged(ID, PAGER, T0, T0));
        add(samples,
                new MitigationStarted(ID, ALICE, "rolling back", T0.plusSeconds(300), LATE),
                new MitigationStarted(ID, ALICE, null, T0, T0));
        add(samples,
                new IncidentResolved(ID, ALICE, "rolled back", T0.plusSeconds(1800), LATE),
                new IncidentResolved(ID, SCHEDULER, null, T0, T0));
        add(samples,
                new IncidentReopened(ID, ALICE, "errors are back", T0.plusSeconds(2400), LATE),
                new IncidentReopened(ID, PAGER, null, T0, T0));
        add(samples,
                new SeverityEscalated(ID, ALICE, Severity.P1, Severity.P0, "all regions", T0, LATE),
                new SeverityEscalated(ID, ALICE, Severity.P3, Severity.P2, null, T0, T0));
        add(samples,
                new SeverityDowngraded(ID, ALICE, Severity.P0, Severity.P3, "one region only", T0, LATE),
                new SeverityDowngraded(ID, ALICE, Severity.P1, Severity.P2, null, T0, T0));
        add(samples,
                new CommanderHandedOver(ID, ALICE, "alice", "bob", "end of shift", T0, LATE),
                new CommanderHandedOver(ID, ALICE, null, "bob", null, T0, T0));
        add(samples,
                new ResponderAdded(ID, ALICE, "carol", ResponderRole.COMMUNICATIONS, T0, LATE),
                new ResponderAdded(ID, SCHEDULER, "dave", ResponderRole.OBSERVER, T0, T0));
        add(samples,
                new ResponderRemoved(ID, ALICE, "carol", T0, LATE));
        add(samples,
                new NoteAdded(ID, ALICE, "root cause: expired certificate – “prod” ✓", true, T0, LATE),
                new NoteAdded(ID, ALICE, null, false, T0, T0));
        add(samples,
                new StatusUpdatePosted(ID, ALICE, Audience.EXTERNAL, "We are investigating.\nMore soon.", T0, LATE),
                new StatusUpdatePosted(ID, ALICE, Audience.INTERNAL, null, T0, T0));
        add(samples,
                new IncidentClosedAsDuplicate(ID, ALICE, ORIGINAL, T0, LATE));
        add(samples,
                new MilestoneTimeCorrected(ID, ALICE, TimedMilestone.DETECTED, T0, T0.minusSeconds(300),
                        "alert fired earlier", T0.plusSeconds(3600), LATE),
                new MilestoneTimeCorrected(ID, ALICE, TimedMilestone.ACKNOWLEDGED, null, T0, null, T0, T0));
        add(samples,
                new AlertReceived(ID, INTEGRATION, "5b7d1c2e-0000-4000-8000-000000000001", FULL_ALERT,
                        "{alertname}/{service}", "HighErrorRate/checkout", GroupingDecision.OPENED_INCIDENT, T0, LATE),
                new AlertReceived(ID, INTEGRATION, "5b7d1c2e-0000-4000-8000-000000000001", BARE_ALERT,
                        "{groupKey}", "", GroupingDecision.MATCHED_BY_FINGERPRINT, T0, T0));
        add(samples,
                new IncidentReviewed(ID, ALICE, "pm-1", T0.plusSeconds(86_400), LATE),
                new IncidentReviewed(ID, ALICE, null, T0, T0));
        return samples;
    }

    private static void add(Map<String, List<IncidentEvent>> samples, IncidentEvent... events) {
        samples.put(StoredNames.nameOf(IncidentSlice.EVENTS, events[0]), List.of(events));
    }

    private static List<Incident> incidentSamples() {
        Map<String, ResponderRole> responders = new LinkedHashMap<>();
        responders.put("bob", ResponderRole.COMMANDER);
        responders.put("alice", ResponderRole.RESPONDER);
        responders.put("carol", ResponderRole.SCRIBE);
        Incident everything = new Incident(ID, NUMBER, "Checkout returns 500", "card payments fail", Severity.P0,
                IncidentStatus.DUPLICATE, List.of("checkout", "payments"), "bob", responders,
                orderedSet("eu-west", "db", "customer-facing"), true, T0.minusSeconds(300), T0,
                T0.plusSeconds(120), T0.plusSeconds(300), T0.plusSeconds(1800), T0.plusSeconds(2400), LATE, "pm-1",
                ORIGINAL, T0.plusSeconds(86_400), 2,
                Map.of("3f2a9c01", new TrackedAlert(T0.minusSeconds(300), AlertStatus.RESOLVED)), 17);
        Incident justDeclared = new Incident(ID, NUMBER, "Checkout returns 500", null, Severity.P2,
                IncidentStatus.DETECTED, List.of(), "alice", Map.of("alice", ResponderRole.COMMANDER), Set.of(), false,
                T0, T0, null, null, null, null, null, null, null, null, 0, Map.of(), 1);
        return List.of(everything, justDeclared, Incident.EMPTY);
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static Set<String> orderedSet(String... values) {
        return new LinkedHashSet<>(Arrays.asList(values));
    }

    static Stream<String> everyStoredTypeName() {
        return StoredNames.names(IncidentSlice.EVENTS).stream();
    }

    static Stream<Arguments> everyEventSample() {
        return StoredNames.names(IncidentSlice.EVENTS).stream()
                .flatMap(name -> SAMPLES.getOrDefault(name, List.of()).stream().map(event -> Arguments.of(name, event)));
    }

    static Stream<Incident> everyIncidentSample() {
        return INCIDENTS.stream();
    }

    @Nested
    class Samples {

        @Test
        void givenTheStoredTypeNames_whenListingTheSamples_thenEveryTypeHasSamplesUnderItsOwnName() {
            assertThat(SAMPLES.keySet()).containsExactlyInAnyOrderElementsOf(StoredNames.names(IncidentSlice.EVENTS));
            SAMPLES.forEach((name, events) -> assertThat(events).as(name).isNotEmpty()
                    .allSatisfy(event -> assertThat(StoredNames.nameOf(IncidentSlice.EVENTS, event)).isEqualTo(name)));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.firedrill.adapter.persistence.eventstore.StoredIncidentEventRoundTripTest#everyStoredTypeName")
        void givenAStoredType_whenLookingAtItsSamples_thenOneSetsEveryFieldAndAnotherLeavesEachOptionalOneEmpty(
                String typeName) {
            List<IncidentEvent> samples = SAMPLES.get(typeName);

            assertThat(samples).as("samples of %s; add them to eventSamples()", typeName).isNotEmpty();
            assertEveryFieldSetInTheFirstAndEachOptionalOneEmptyInAnother(samples);
        }

        @Test
        void givenTheIncidentSamples_whenLookingAtThem_thenOneSetsEveryFieldAndAnotherLeavesEachOptionalOneEmpty() {
            assertEveryFieldSetInTheFirstAndEachOptionalOneEmptyInAnother(INCIDENTS);
        }
    }

    @Nested
    class Events {

        @ParameterizedTest(name = "{0}: {1}")
        @MethodSource("io.firedrill.adapter.persistence.eventstore.StoredIncidentEventRoundTripTest#everyEventSample")
        void givenAnEvent_whenWrittenAndReadBackAsTheClassOfItsStoredType_thenEqual(String typeName,
                IncidentEvent event) throws Exception {
            Class<? extends IncidentEvent> type = StoredNames.typeOf(IncidentSlice.EVENTS, typeName);
            String json = MAPPER.writeValueAsString(event);
            byte[] bytes = MAPPER.writeValueAsBytes(event);

            IncidentEvent read = MAPPER.readValue(json, type);

            assertThat(read).isInstanceOf(type).isEqualTo(event);
            assertThat(MAPPER.readValue(bytes, type)).isEqualTo(event);
        }

        @ParameterizedTest(name = "{0}: {1}")
        @MethodSource("io.firedrill.adapter.persistence.eventstore.StoredIncidentEventRoundTripTest#everyEventSample")
        void givenAnEvent_whenWritten_thenOnePropertyPerRecordComponentInTheStoredShape(String typeName,
                IncidentEvent event) throws Exception {
            JsonNode json = MAPPER.readTree(MAPPER.writeValueAsString(event));

            assertStoredShape(event, json);
        }

        @ParameterizedTest(name = "{0}: {1}")
        @MethodSource("io.firedrill.adapter.persistence.eventstore.StoredIncidentEventRoundTripTest#everyEventSample")
        void givenStoredJsonWithPropertiesFromANewerVersion_whenRead_thenTheyAreIgnored(String typeName,
                IncidentEvent event) throws Exception {
            String json = withUnknownProperties(MAPPER.writeValueAsString(event));

            assertThat(MAPPER.readValue(json, StoredNames.typeOf(IncidentSlice.EVENTS, typeName))).isEqualTo(event);
        }

        @Test
        void givenADeclaration_whenWritten_thenIdAndNumberArePlainStringsAndInstantsIso8601() throws Exception {
            String json = MAPPER.writeValueAsString(SAMPLES.get("incident.IncidentDeclared").getFirst());

            assertThat(json)
                    .contains("\"incidentId\":\"6f1c2f9e-3b1a-4c55-9d0e-1a2b3c4d5e6f\"")
                    .contains("\"number\":\"INC-2026-0042\"")
                    .contains("\"by\":{\"kind\":\"USER\",\"name\":\"alice\"}")
                    .contains("\"severity\":\"P1\"")
                    .contains("\"services\":[\"checkout\",\"payments\"]")
                    .contains("\"detectedAt\":\"2026-03-01T09:55:00Z\"")
                    .contains("\"occurredAt\":\"2026-03-01T10:00:00Z\"")
                    .contains("\"recordedAt\":\"2026-03-01T10:07:30.123456789Z\"")
                    .doesNotContain("typeName", "schemaVersion", "\"value\"");
        }

        @Test
        void givenADuplicateClosure_whenWritten_thenTheOriginalIsAPlainString() throws Exception {
            String json = MAPPER.writeValueAsString(SAMPLES.get("incident.IncidentClosedAsDuplicate").getFirst());

            assertThat(json).contains("\"original\":\"0a1b2c3d-0000-4000-8000-000000000001\"");
        }

        @Test
        void givenAMilestoneCorrectionFromAnUnknownInstant_whenWritten_thenPreviousIsNullAndCorrectedToIso8601()
                throws Exception {
            String json = MAPPER.writeValueAsString(SAMPLES.get("incident.MilestoneTimeCorrected").get(1));

            assertThat(json)
                    .contains("\"milestone\":\"ACKNOWLEDGED\"")
                    .contains("\"previous\":null")
                    .contains("\"correctedTo\":\"2026-03-01T10:00:00Z\"");
        }

        @Test
        void givenStoredJsonWithoutAnOptionalProperty_whenRead_thenItIsEmpty() throws Exception {
            String json = "{\"incidentId\":\"6f1c2f9e-3b1a-4c55-9d0e-1a2b3c4d5e6f\","
                    + "\"by\":{\"kind\":\"USER\",\"name\":\"alice\"},"
                    + "\"occurredAt\":\"2026-03-01T10:00:00Z\",\"recordedAt\":\"2026-03-01T10:00:00Z\"}";

            assertThat(MAPPER.readValue(json, StoredNames.typeOf(IncidentSlice.EVENTS, "incident.MitigationStarted")))
                    .isEqualTo(new MitigationStarted(ID, ALICE, null, T0, T0));
        }

        @Test
        void givenADeclaration_whenReadBack_thenServicesKeepTheirOrderAndTagsTheirElements() throws Exception {
            IncidentDeclared declared = (IncidentDeclared) SAMPLES.get("incident.IncidentDeclared").getFirst();

            IncidentDeclared read = MAPPER.readValue(MAPPER.writeValueAsString(declared), IncidentDeclared.class);

            assertThat(read.services()).containsExactly("checkout", "payments");
            assertThat(read.tags()).containsExactlyInAnyOrder("eu-west", "db", "customer-facing");
        }

        @Test
        void givenADeclarationWithTags_whenReadBack_thenTheTagsKeepTheirDeclaredOrder() throws Exception {
            IncidentDeclared declared = (IncidentDeclared) SAMPLES.get("incident.IncidentDeclared").getFirst();
            String json = MAPPER.writeValueAsString(declared);

            IncidentDeclared read = MAPPER.readValue(json, IncidentDeclared.class);

            assertThat(read.tags()).containsExactly("eu-west", "db", "customer-facing");
            assertThat(MAPPER.writeValueAsString(read)).isEqualTo(json);
        }

        @Test
        void givenANoteWithNonAsciiText_whenWrittenAsBytes_thenUtf8AndReadBackEqual() throws Exception {
            IncidentEvent note = SAMPLES.get("incident.NoteAdded").getFirst();

            String json = new String(MAPPER.writeValueAsBytes(note), StandardCharsets.UTF_8);

            assertThat(json).contains("root cause: expired certificate – “prod” ✓");
            assertThat(MAPPER.readValue(json, NoteAdded.class)).isEqualTo(note);
        }
    }

    @Nested
    class IncidentState {

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.firedrill.adapter.persistence.eventstore.StoredIncidentEventRoundTripTest#everyIncidentSample")
        void givenAnIncident_whenWrittenAndReadBack_thenEqual(Incident incident) throws Exception {
            String json = MAPPER.writeValueAsString(incident);

            Incident read = MAPPER.readValue(json, Incident.class);

            assertThat(read).isEqualTo(incident);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.firedrill.adapter.persistence.eventstore.StoredIncidentEventRoundTripTest#everyIncidentSample")
        void givenAnIncident_whenWritten_thenOnePropertyPerRecordComponentInTheStoredShape(Incident incident)
                throws Exception {
            assertStoredShape(incident, MAPPER.readTree(MAPPER.writeValueAsString(incident)));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.firedrill.adapter.persistence.eventstore.StoredIncidentEventRoundTripTest#everyIncidentSample")
        void givenStoredJsonWithPropertiesFromANewerVersion_whenRead_thenTheyAreIgnored(Incident incident)
                throws Exception {
            String json = withUnknownProperties(MAPPER.writeValueAsString(incident));

            assertThat(MAPPER.readValue(json, Incident.class)).isEqualTo(incident);
        }

        @Test
        void givenAClosedIncident_whenWritten_thenIdsAndNumberArePlainStringsAndInstantsIso8601() throws Exception {
            String json = MAPPER.writeValueAsString(INCIDENTS.getFirst());

            assertThat(json)
                    .contains("\"id\":\"6f1c2f9e-3b1a-4c55-9d0e-1a2b3c4d5e6f\"")
                    .contains("\"number\":\"INC-2026-0042\"")
                    .contains("\"duplicateOf\":\"0a1b2c3d-0000-4000-8000-000000000001\"")
                    .contains("\"status\":\"DUPLICATE\"")
                    .contains("\"responders\":{\"bob\":\"COMMANDER\",\"alice\":\"RESPONDER\",\"carol\":\"SCRIBE\"}")
                    .contains("\"detectedAt\":\"2026-03-01T09:55:00Z\"")
                    .contains("\"declaredAt\":\"2026-03-01T10:00:00Z\"")
                    .contains("\"reviewedAt\":\"2026-03-01T10:07:30.123456789Z\"")
                    .doesNotContain("\"declared\"", "\"acknowledged\"", "\"closed\"", "\"value\"");
        }

        @Test
        void givenAnIncident_whenReadBack_thenRespondersAndServicesKeepTheirOrderAndTagsTheirElements()
                throws Exception {
            Incident read = MAPPER.readValue(MAPPER.writeValueAsString(INCIDENTS.getFirst()), Incident.class);

            assertThat(read.responders().keySet()).containsExactly("bob", "alice", "carol");
            assertThat(read.services()).containsExactly("checkout", "payments");
            assertThat(read.tags()).containsExactlyInAnyOrder("eu-west", "db", "customer-facing");
        }

        @Test
        void givenAnIncidentWithTags_whenReadBack_thenTheTagsKeepTheirOrder() throws Exception {
            String json = MAPPER.writeValueAsString(INCIDENTS.getFirst());

            Incident read = MAPPER.readValue(json, Incident.class);

            assertThat(read.tags()).containsExactly("eu-west", "db", "customer-facing");
            assertThat(MAPPER.writeValueAsString(read)).isEqualTo(json);
        }
    }

    /** Adds properties a newer writer might have stored: a scalar, an object and an array. */
    private static String withUnknownProperties(String json) throws Exception {
        ObjectNode node = (ObjectNode) MAPPER.readTree(json);
        node.put("addedInAFutureVersion", "surprise");
        node.putObject("futureObject").put("nested", 42).putArray("list").add("x");
        node.putArray("futureArray").add(1).add("two");
        return MAPPER.writeValueAsString(node);
    }

    /**
     * The stored JSON of {@code record} has exactly one property per record component, and each value is in its
     * stored shape: ids and numbers as plain strings, instants as ISO-8601 strings, enums by name, actors as kind
     * and name.
     */
    private static void assertStoredShape(Object record, JsonNode json) throws Exception {
        RecordComponent[] components = record.getClass().getRecordComponents();
        List<String> names = Arrays.stream(components).map(RecordComponent::getName).toList();
        List<String> properties = new ArrayList<>();
        json.fieldNames().forEachRemaining(properties::add);
        assertThat(properties).as("properties of %s", record.getClass().getSimpleName())
                .containsExactlyInAnyOrderElementsOf(names);

        for (RecordComponent component : components) {
            Object value = component.getAccessor().invoke(record);
            JsonNode node = json.get(component.getName());
            String what = record.getClass().getSimpleName() + "." + component.getName();
            if (value == null) {
                assertThat(node.isNull()).as(what).isTrue();
            } else if (value instanceof IncidentId || value instanceof IncidentNumber) {
                assertThat(node.isTextual()).as(what + " is a plain string").isTrue();
                assertThat(node.textValue()).as(what).isEqualTo(value.toString());
            } else if (value instanceof Instant instant) {
                assertThat(node.isTextual()).as(what + " is an ISO-8601 string").isTrue();
                assertThat(Instant.parse(node.textValue())).as(what).isEqualTo(instant);
                assertThat(node.textValue()).as(what).isEqualTo(instant.toString());
            } else if (value instanceof Enum<?> constant) {
                assertThat(node.textValue()).as(what).isEqualTo(constant.name());
            } else if (value instanceof Actor actor) {
                assertThat(node.get("kind").textValue()).as(what).isEqualTo(actor.kind().name());
                assertThat(node.get("name").textValue()).as(what).isEqualTo(actor.name());
                assertThat(node.size()).as(what).isEqualTo(2);
            } else if (value instanceof String text) {
                assertThat(node.textValue()).as(what).isEqualTo(text);
            } else if (value instanceof Boolean flag) {
                assertThat(node.isBoolean()).as(what).isTrue();
                assertThat(node.booleanValue()).as(what).isEqualTo(flag);
            } else if (value instanceof Integer || value instanceof Long) {
                assertThat(node.isIntegralNumber()).as(what).isTrue();
                assertThat(node.longValue()).as(what).isEqualTo(((Number) value).longValue());
            } else if (value instanceof Collection<?> values) {
                assertThat(node.isArray()).as(what).isTrue();
                Iterator<JsonNode> elements = node.elements();
                for (Object element : values) {
                    assertThat(elements.next().textValue()).as(what).isEqualTo(String.valueOf(element));
                }
                assertThat(elements.hasNext()).as(what).isFalse();
            } else if (value instanceof Map<?, ?> map) {
                assertThat(node.isObject()).as(what).isTrue();
                assertThat(node.size()).as(what).isEqualTo(map.size());
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    JsonNode element = node.get(String.valueOf(entry.getKey()));
                    if (entry.getValue() instanceof Record nested) {
                        assertStoredShape(nested, element);
                    } else {
                        assertThat(element.textValue()).as(what).isEqualTo(entry.getValue() instanceof Enum<?> constant
                                ? constant.name() : String.valueOf(entry.getValue()));
                    }
                }
            } else if (value instanceof Record nested) {
                assertStoredShape(nested, node);
            } else {
                throw new AssertionError(what + " has a type this test does not know how to check: "
                        + value.getClass().getName() + "; add its stored shape to assertStoredShape");
            }
        }
    }

    /**
     * The first sample has no null or empty field; and for every field the record's constructor accepts as null,
     * some sample leaves it empty (null, or an empty collection where the record turns null into one).
     */
    private static void assertEveryFieldSetInTheFirstAndEachOptionalOneEmptyInAnother(List<?> samples) {
        Object full = samples.getFirst();
        RecordComponent[] components = full.getClass().getRecordComponents();
        Object[] values = values(full);
        for (int i = 0; i < components.length; i++) {
            assertThat(isEmpty(values[i]))
                    .as("%s.%s must be set in the first sample", full.getClass().getSimpleName(),
                            components[i].getName())
                    .isFalse();
        }
        for (int i = 0; i < components.length; i++) {
            if (components[i].getType().isPrimitive() || !acceptsNull(full, i)) {
                continue;
            }
            int index = i;
            assertThat(samples.stream().anyMatch(sample -> isEmpty(values(sample)[index])))
                    .as("%s.%s is optional, so some sample must leave it empty", full.getClass().getSimpleName(),
                            components[i].getName())
                    .isTrue();
        }
    }

    private static boolean isEmpty(Object value) {
        return value == null
                || value instanceof Collection<?> values && values.isEmpty()
                || value instanceof Map<?, ?> map && map.isEmpty();
    }

    private static boolean acceptsNull(Object sample, int index) {
        Object[] arguments = values(sample);
        arguments[index] = null;
        try {
            canonicalConstructor(sample.getClass()).newInstance(arguments);
            return true;
        } catch (InvocationTargetException e) {
            return false;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object[] values(Object record) {
        RecordComponent[] components = record.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            try {
                values[i] = components[i].getAccessor().invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return values;
    }

    private static Constructor<?> canonicalConstructor(Class<?> type) throws NoSuchMethodException {
        Class<?>[] parameters = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        return type.getDeclaredConstructor(parameters);
    }
}
