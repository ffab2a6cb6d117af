package io.firedrill.bootstrap.projection;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.firedrill.adapter.persistence.eventstore.AppendRequest;
import io.firedrill.adapter.persistence.eventstore.EventTag;
import io.firedrill.adapter.persistence.eventstore.PgEventLog;
import io.firedrill.adapter.persistence.eventstore.StoredEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A poisoned event never stops a projection for others (issue 21): the incident list cannot store one incident (a
 * CHECK constraint added for the test refuses its title), so its events are parked, visible at the admin endpoint
 * and counted in the gauge, while every other incident is listed; once the constraint is gone, a retry lists the
 * incident with all its later events applied in order and nothing stays parked.
 */
@QuarkusTest
class ParkedEventsTest {

    private static final String CONSTRAINT = "parked_events_test_poison";
    private static final String TRIGGER = "parked_events_test_transient";
    private static final String PROCESSOR = "incident-list";
    /** Enough other incidents that some share the poisoned incident's processor segment (2 segments). */
    private static final int OTHERS = 8;

    @Inject
    Pool pool;

    @Inject
    PgEventLog log;

    private final String tenant = "parked-" + UUID.randomUUID().toString().substring(0, 8);
    private final String poison = "poison-" + UUID.randomUUID();

    @AfterEach
    void dropTheConstraintAndTrigger() throws Exception {
        sql("ALTER TABLE incident_list_view DROP CONSTRAINT IF EXISTS " + CONSTRAINT);
        sql("DROP TRIGGER IF EXISTS " + TRIGGER + " ON incident_list_view");
        sql("DROP FUNCTION IF EXISTS " + TRIGGER + "()");
        sql("DROP SEQUENCE IF EXISTS " + TRIGGER + "_attempts");
    }

    @Test
    void givenAnIncidentTheListCannotStore_thenItIsParkedWhileOthersAreListed_andARetryAfterTheFixListsItInOrder()
            throws Exception {
        // Other tests' parked events are no business of this one: the gauge is compared with the count before.
        long before = adminParked();
        await().atMost(Duration.ofSeconds(40)).ignoreExceptions().until(() -> parkedGauge() == before);
        sql("ALTER TABLE incident_list_view ADD CONSTRAINT " + CONSTRAINT + " CHECK (title <> '" + poison + "')");
        String poisoned = declare(poison);
        as().body("{}").post("/api/v1/incidents/" + poisoned + "/acknowledge").then().statusCode(200);
        as().body("{\"note\":\"rolling back\"}").post("/api/v1/incidents/" + poisoned + "/mitigate").then().statusCode(200);
        List<String> others = new ArrayList<>();
        for (int i = 0; i < OTHERS; i++) {
            others.add(declare("Checkout errors " + i));
        }

        // Everything else goes on: every later incident is listed, whatever segment it shares with the poisoned one.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(listed().keySet()).containsAll(others));
        assertThat(listed()).doesNotContainKey(poisoned);

        // The poisoned incident's events are parked: the first with its error, the later ones waiting behind it.
        List<Map<String, Object>> parked = await().atMost(Duration.ofSeconds(30))
                .until(this::parkedOfThisTenant, rows -> rows.size() == 3);
        assertThat(parked).extracting(row -> row.get("type")).containsExactly("incident.IncidentDeclared",
                "incident.IncidentAcknowledged", "incident.MitigationStarted");
        assertThat(parked).allSatisfy(row -> assertThat(row.get("subject")).isEqualTo(poisoned));
        Map<String, Object> declared = parked.getFirst();
        assertThat((String) declared.get("errorClass")).isEqualTo("io.vertx.pgclient.PgException");
        assertThat((String) declared.get("errorMessage")).contains("23514").contains(CONSTRAINT);
        assertThat(declared.get("waitingBehind")).isNull();
        Number declaredAt = (Number) declared.get("position");
        assertThat(parked.subList(1, 3)).allSatisfy(row -> {
            assertThat(((Number) row.get("waitingBehind")).longValue()).isEqualTo(declaredAt.longValue());
            assertThat(row.get("errorClass")).isNull();
        });
        List<Map<String, Object>> processors = given().get("/api/v1/admin/projections").then().statusCode(200)
                .extract().path("items");
        assertThat(processors).filteredOn(p -> PROCESSOR.equals(p.get("name"))).singleElement().satisfies(p -> {
            assertThat(p.get("kind")).isEqualTo("READ_MODEL");
            assertThat(((Number) p.get("parked")).longValue()).isEqualTo(before + 3);
        });
        assertThat(processors).filteredOn(p -> "alert-grouping".equals(p.get("name"))).singleElement()
                .satisfies(p -> assertThat(p.get("kind")).isEqualTo("AUTOMATION"));
        await().atMost(Duration.ofSeconds(40))
                .untilAsserted(() -> assertThat(parkedGauge()).isEqualTo(before + 3));

        // A retry before the fix changes nothing: the event fails again and stays parked with one more attempt.
        Map<String, Object> early = retry();
        assertThat(ofThisTenant(early.get("unparked"))).isEmpty();
        assertThat(ofThisTenant(early.get("remaining"))).hasSize(3).first()
                .satisfies(row -> assertThat(((Number) row.get("attempts")).intValue()).isEqualTo(2));

        sql("ALTER TABLE incident_list_view DROP CONSTRAINT " + CONSTRAINT);
        Map<String, Object> retried = retry();

        assertThat(ofThisTenant(retried.get("unparked"))).extracting(row -> row.get("type")).containsExactly(
                "incident.IncidentDeclared", "incident.IncidentAcknowledged", "incident.MitigationStarted");
        assertThat(ofThisTenant(retried.get("remaining"))).isEmpty();
        assertThat(parkedOfThisTenant()).isEmpty();
        Map<String, Object> listedNow = listed().get(poisoned);
        assertThat(listedNow).isNotNull();
        assertThat(listedNow.get("title")).isEqualTo(poison);
        assertThat(listedNow.get("status")).isEqualTo("MITIGATING");
        assertThat(listedNow.get("acknowledgedAt")).isNotNull();

        // The subject is live again: its next event is applied by the processor itself.
        as().body("{}").post("/api/v1/incidents/" + poisoned + "/resolve").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(listed().get(poisoned).get("status")).isEqualTo("RECOVERED"));
        await().atMost(Duration.ofSeconds(40))
                .untilAsserted(() -> assertThat(parkedGauge()).isEqualTo(before));
    }

    @Test
    void givenATransientFailure_thenNothingIsParked_andTheProcessorAppliesTheEventItselfOnceItPasses() throws Exception {
        // A serialization failure (SQLSTATE 40001) on every attempt to list the incident, counted by a sequence
        // (nextval is not rolled back with the failed transaction).
        sql("CREATE SEQUENCE " + TRIGGER + "_attempts");
        sql("CREATE FUNCTION " + TRIGGER + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF NEW.title = '" + poison + "' THEN PERFORM nextval('" + TRIGGER + "_attempts');"
                + " RAISE EXCEPTION 'test: could not serialize access' USING ERRCODE = '40001'; END IF;"
                + " RETURN NEW; END $$");
        sql("CREATE TRIGGER " + TRIGGER + " BEFORE INSERT OR UPDATE ON incident_list_view"
                + " FOR EACH ROW EXECUTE FUNCTION " + TRIGGER + "()");
        String incident = declare(poison);

        await().atMost(Duration.ofSeconds(60)).until(() -> attempts() >= 2);
        assertThat(parkedOfThisTenant()).isEmpty();
        assertThat(listed()).doesNotContainKey(incident);

        sql("DROP TRIGGER " + TRIGGER + " ON incident_list_view");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(listed()).containsKey(incident));
        assertThat(parkedOfThisTenant()).isEmpty();
    }

    @Test
    void givenAStoredEventThatCannotBeRead_thenEveryProcessorOfItsTypeParksItUnderItsOwnId_andGoesOn() throws Exception {
        // A known name and version whose payload no reader accepts (a JSON array for a record), appended through the
        // log as a buggy writer or a bad upcaster would leave it. It stays parked: no fix makes it readable.
        String eventId = appendUnreadable();
        String later = declare("Checkout errors after an unreadable event");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(listed()).containsKey(later));
        for (String processor : List.of(PROCESSOR, "incident-metrics")) {
            Map<String, Object> parked = await().atMost(Duration.ofSeconds(30)).until(() -> ofThisTenant(given()
                            .queryParam("limit", 500).get("/api/v1/admin/projections/" + processor + "/parked")
                            .then().statusCode(200).extract().path("items")), rows -> rows.size() == 1).getFirst();
            assertThat(parked.get("eventId")).isEqualTo(eventId);
            assertThat(parked.get("subject")).as("its subject cannot be read either").isEqualTo(eventId);
            assertThat(parked.get("type")).isEqualTo("incident.IncidentAcknowledged");
            assertThat((String) parked.get("errorClass")).isNotBlank();
        }
    }

    @Test
    void givenAParkedEventThatCanNeverApply_whenDiscardedWithAReason_thenItIsKeptFlagged_butNeitherCountedNorRetried()
            throws Exception {
        long before = adminParked();
        String eventId = appendUnreadable();
        Map<String, Object> parked = await().atMost(Duration.ofSeconds(60))
                .until(this::parkedOfThisTenant, rows -> rows.size() == 1).getFirst();
        assertThat(parked.get("eventId")).isEqualTo(eventId);
        long position = ((Number) parked.get("position")).longValue();
        assertThat(adminParked()).isEqualTo(before + 1);
        String discard = "/api/v1/admin/projections/" + PROCESSOR + "/parked/" + position + "/discard";

        given().contentType(ContentType.JSON).body("{\"reason\":\"  \"}").post(discard)
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("reason"));
        given().contentType(ContentType.JSON).body("{}").post(discard)
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("reason"));
        given().contentType(ContentType.JSON).body("{\"reason\":\"no such event\"}")
                .post("/api/v1/admin/projections/" + PROCESSOR + "/parked/" + Long.MAX_VALUE + "/discard")
                .then().statusCode(404).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"reason\":\"x\"}")
                .post("/api/v1/admin/projections/no-such-processor/parked/" + position + "/discard")
                .then().statusCode(404).contentType("application/problem+json");
        assertThat(parkedOfThisTenant()).hasSize(1);

        String reason = "its payload is a JSON array: no release can read it";
        Map<String, Object> discarded = given().contentType(ContentType.JSON).header("X-Test-Actor", "bob")
                .body("{\"reason\":\"" + reason + "\"}").post(discard)
                .then().statusCode(200).extract().path("$");
        assertThat(discarded.get("eventId")).isEqualTo(eventId);
        assertThat(discarded.get("discardedBy")).isEqualTo("bob");
        assertThat(discarded.get("discardReason")).isEqualTo(reason);
        assertThat(discarded.get("discardedAt")).isNotNull();

        // Kept, listed apart, no longer counted (the admin list and the gauge), and left alone by a retry.
        assertThat(parkedOfThisTenant()).isEmpty();
        List<Map<String, Object>> kept = ofThisTenant(given().queryParam("discarded", "true").queryParam("limit", 500)
                .get("/api/v1/admin/projections/" + PROCESSOR + "/parked").then().statusCode(200).extract().path("items"));
        assertThat(kept).singleElement().satisfies(row -> {
            assertThat(row.get("eventId")).isEqualTo(eventId);
            assertThat(row.get("discardedBy")).isEqualTo("bob");
            assertThat(row.get("discardReason")).isEqualTo(reason);
            assertThat(row.get("errorClass")).isNotNull();
        });
        assertThat(adminParked()).isEqualTo(before);
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(parkedGauge()).isEqualTo(before));
        Map<String, Object> retried = retry();
        assertThat(ofThisTenant(retried.get("unparked"))).isEmpty();
        assertThat(ofThisTenant(retried.get("remaining"))).isEmpty();

        // Discarding it again changes nothing: the first discard's record stands.
        Map<String, Object> again = given().contentType(ContentType.JSON).header("X-Test-Actor", "carol")
                .body("{\"reason\":\"again\"}").post(discard).then().statusCode(200).extract().path("$");
        assertThat(again.get("discardedBy")).isEqualTo("bob");
        assertThat(again.get("discardedAt")).isEqualTo(discarded.get("discardedAt"));
        assertThat(again.get("attempts")).isEqualTo(parked.get("attempts"));
    }

    @Test
    void givenTheHeadOfASubjectIsDiscarded_thenTheEventsWaitingBehindItAreAppliedByTheNextRetry() throws Exception {
        // The list refuses the incident while it is mitigating: its MitigationStarted is parked, its resolution
        // waits behind it. The mitigation is discarded; the constraint stays, and the resolution applies anyway.
        // The resolution comes once the mitigation is parked: in one batch with it, the list would only ever store
        // the resolved incident, which the constraint accepts.
        sql("ALTER TABLE incident_list_view ADD CONSTRAINT " + CONSTRAINT + " CHECK (title <> '" + poison
                + "' OR status <> 'MITIGATING')");
        String incident = declare(poison);
        as().body("{\"note\":\"rolling back\"}").post("/api/v1/incidents/" + incident + "/mitigate").then().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).until(this::parkedOfThisTenant, rows -> rows.size() == 1);
        as().body("{}").post("/api/v1/incidents/" + incident + "/resolve").then().statusCode(200);
        List<Map<String, Object>> parked = await().atMost(Duration.ofSeconds(60))
                .until(this::parkedOfThisTenant, rows -> rows.size() == 2);
        assertThat(parked).extracting(row -> row.get("type"))
                .containsExactly("incident.MitigationStarted", "incident.IncidentResolved");
        long head = ((Number) parked.getFirst().get("position")).longValue();

        given().contentType(ContentType.JSON).body("{\"reason\":\"the mitigation can be lost, the resolution not\"}")
                .post("/api/v1/admin/projections/" + PROCESSOR + "/parked/" + head + "/discard").then().statusCode(200);

        // Until the next retry the resolution stays parked, still naming the discarded event it waited behind.
        assertThat(parkedOfThisTenant()).singleElement().satisfies(row -> {
            assertThat(row.get("type")).isEqualTo("incident.IncidentResolved");
            assertThat(((Number) row.get("waitingBehind")).longValue()).isEqualTo(head);
        });
        Map<String, Object> retried = retry();
        assertThat(ofThisTenant(retried.get("unparked"))).extracting(row -> row.get("type"))
                .containsExactly("incident.IncidentResolved");
        assertThat(parkedOfThisTenant()).isEmpty();
        assertThat(listed().get(incident).get("status")).isEqualTo("RECOVERED");
    }

    @Test
    void theAdminEndpointsAreInTheOpenApiDocument() {
        String document = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        assertThat(document).contains("\"/api/v1/admin/projections\"", "\"/api/v1/admin/projections/{name}/parked\"",
                "\"/api/v1/admin/projections/{name}/parked/retry\"",
                "\"/api/v1/admin/projections/{name}/parked/{position}/discard\"");
    }

    @Test
    void anUnknownProcessorIsAProblem404() {
        given().get("/api/v1/admin/projections/no-such-processor/parked")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString(PROCESSOR));
        given().post("/api/v1/admin/projections/no-such-processor/parked/retry")
                .then().statusCode(404).contentType("application/problem+json");
        given().queryParam("cursor", "x").get("/api/v1/admin/projections/" + PROCESSOR + "/parked")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("cursor"));
    }

    /**
     * Appends a stored event of a known name and version whose payload no reader accepts (a JSON array for a record),
     * as a buggy writer or a bad upcaster would leave it: no fix makes it readable.
     */
    private String appendUnreadable() throws Exception {
        String eventId = UUID.randomUUID().toString();
        log.append(AppendRequest.unconditional(List.of(new StoredEvent(eventId, "incident.IncidentAcknowledged", "1", "[]",
                        Map.of("tenant", tenant, "actor", "alice", "source", "api"),
                        Set.of(new EventTag("incidentId", UUID.randomUUID().toString()), new EventTag("tenant", tenant)),
                        Instant.now()))))
                .get(30, TimeUnit.SECONDS);
        return eventId;
    }

    private static long adminParked() {
        List<Map<String, Object>> processors = given().get("/api/v1/admin/projections").then().statusCode(200)
                .extract().path("items");
        return processors.stream().filter(p -> PROCESSOR.equals(p.get("name")))
                .mapToLong(p -> ((Number) p.get("parked")).longValue()).sum();
    }

    private Map<String, Object> retry() {
        return given().contentType(ContentType.JSON).body("{}")
                .post("/api/v1/admin/projections/" + PROCESSOR + "/parked/retry")
                .then().statusCode(200).extract().path("$");
    }

    private List<Map<String, Object>> parkedOfThisTenant() {
        return ofThisTenant(given().queryParam("limit", 500).get("/api/v1/admin/projections/" + PROCESSOR + "/parked")
                .then().statusCode(200).extract().path("items"));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> ofThisTenant(Object rows) {
        return ((List<Map<String, Object>>) rows).stream().filter(row -> tenant.equals(row.get("tenant"))).toList();
    }

    private Map<String, Map<String, Object>> listed() {
        List<Map<String, Object>> items = as().queryParam("limit", 500).get("/api/v1/incidents")
                .then().statusCode(200).extract().path("items");
        Map<String, Map<String, Object>> byId = new java.util.HashMap<>();
        items.forEach(item -> byId.put((String) item.get("id"), item));
        return byId;
    }

    private String declare(String title) {
        return as().body("{\"title\":\"" + title + "\",\"severity\":\"P2\",\"services\":[\"checkout\"]}")
                .post("/api/v1/incidents").then().statusCode(201).extract().path("id");
    }

    private RequestSpecification as() {
        return given().contentType(ContentType.JSON).header("X-Test-Tenant", tenant).header("X-Test-Actor", "alice");
    }

    private static double parkedGauge() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher found = Pattern.compile("^firedrill_projection_parked_events\\{processor=\"" + PROCESSOR + "\",?\\} (\\S+)$",
                Pattern.MULTILINE).matcher(metrics);
        assertThat(found.find()).as("firedrill_projection_parked_events of " + PROCESSOR + " in\n" + metrics).isTrue();
        return Double.parseDouble(found.group(1));
    }

    private long attempts() throws Exception {
        return pool.query("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM " + TRIGGER + "_attempts").execute()
                .map(rows -> rows.iterator().next().getLong(0))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private void sql(String statement) throws Exception {
        pool.query(statement).execute().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
