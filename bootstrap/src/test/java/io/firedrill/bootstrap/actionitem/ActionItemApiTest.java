package io.firedrill.bootstrap.actionitem;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.hasItem;

import io.firedrill.bootstrap.TestClock;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Action items over HTTP: creation, validation, the workflow, amendments, the list, derived overdue. */
@QuarkusTest
class ActionItemApiTest {

    private static final Instant MONDAY = Instant.parse("2025-12-07T09:00:00Z");

    @TestHTTPResource("/api/v1/action-items")
    URI items;

    @TestHTTPResource("/api/v1/incidents")
    URI incidents;

    @Inject
    TestClock clock;

    private ActionItemApi api;

    @BeforeEach
    void pinTheClock() {
        clock.pin(MONDAY);
        api = new ActionItemApi(items, "ai");
    }

    @AfterEach
    void releaseTheClock() {
        clock.release();
    }

    @Test
    void givenAValidItem_whenCreated_then201WithLocationETagAndEveryFieldAndTheCreationFact() {
        String incident = given().header("X-Test-Tenant", api.tenant).contentType("application/json")
                .body("{\"title\":\"Checkout 5xx\",\"severity\":\"P1\",\"services\":[\"checkout\"]}")
                .post(incidents).then().statusCode(201).extract().path("id");

        var response = api.request().body("{\"title\":\"Add a timeout to the payment client\","
                        + "\"description\":\"Calls hung for 30 s\",\"owner\":\"bob\",\"dueDate\":\"2025-12-18\","
                        + "\"priority\":\"HIGH\",\"kind\":\"CORRECTIVE\",\"incidentId\":\"" + incident + "\"}")
                .post(items).then().statusCode(201)
                .header("ETag", "\"1\"")
                .header("X-Firedrill-Events-Appended", "1")
                .body("title", equalTo("Add a timeout to the payment client"))
                .body("description", equalTo("Calls hung for 30 s"))
                .body("owner", equalTo("bob"))
                .body("dueDate", equalTo("2025-12-18"))
                .body("priority", equalTo("HIGH"))
                .body("kind", equalTo("CORRECTIVE"))
                .body("incidentId", equalTo(incident))
                .body("status", equalTo("NOT_STARTED"))
                .body("overdue", equalTo(false))
                .body("createdAt", equalTo("2025-12-07T09:00:00Z"))
                .body("version", equalTo(1))
                .extract();
        String id = response.path("id");
        assertThat(response.header("Location")).isEqualTo(items + "/" + id);

        api.get(id).then().statusCode(200).header("ETag", "\"1\"").body("owner", equalTo("bob"));
        api.request().get(items + "/" + id + "/history").then().statusCode(200)
                .body("type", contains("actionitem.ActionItemCreated"))
                .body("[0].actor", equalTo("user:alice"))
                .body("[0].source", equalTo("api"))
                .body("[0].details.dueDate", equalTo("2025-12-18"));
    }

    @Test
    void givenBadInput_whenCreated_then4xxNamingTheFieldAndNothingIsStored() {
        String base = "\"owner\":\"bob\",\"dueDate\":\"2025-12-18\",\"priority\":\"HIGH\",\"kind\":\"CORRECTIVE\"";
        problem(api.request().body("{" + base + "}").post(items), 400, "title");
        problem(api.request().body("{\"title\":\"t\",\"owner\":\" \",\"dueDate\":\"2025-12-18\",\"priority\":\"HIGH\","
                + "\"kind\":\"CORRECTIVE\"}").post(items), 400, "owner");
        problem(api.request().body("{\"title\":\"t\"," + base.replace("HIGH", "URGENT") + "}").post(items), 400, "priority");
        problem(api.request().body("{\"title\":\"t\"," + base.replace("2025-12-18", "18/12/2026") + "}").post(items), 400,
                "dueDate");
        problem(api.request().body("{\"title\":\"t\"," + base.replace("\"kind\":\"CORRECTIVE\"", "\"kind\":null") + "}")
                .post(items), 400, "kind");
        problem(api.request().body("{\"title\":\"t\"," + base + ",\"incidentId\":\"" + UUID.randomUUID() + "\"}")
                .post(items), 400, "incidentId");
        problem(api.request().body("{\"title\":\"t\"," + base + ",\"incidentId\":\"nope\"}").post(items), 400, "incidentId");
        api.request().body("{\"title\":\"t\"," + base.replace("2025-12-18", "2025-12-06") + "}").post(items).then()
                .statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("DUE_DATE_BEFORE_CREATION"))
                .body("errors[0].field", equalTo("dueDate"));
        problem(api.request().post(items), 400, "body");

        api.request().get(items).then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void givenAnItem_whenItGoesThroughTheWorkflow_thenEveryStepIsAFactWithItsReason() {
        String id = api.createdId("Alert on queue depth", "carol", "2025-12-20", "MEDIUM");

        api.post(id, "start", "").then().statusCode(200).body("status", equalTo("IN_PROGRESS"));
        api.post(id, "start", "").then().statusCode(200).header("X-Firedrill-Events-Appended", "0");
        problem(api.post(id, "block", "{}"), 400, "reason");
        api.post(id, "block", "{\"reason\":\"waiting for the vendor\"}").then().statusCode(200)
                .body("status", equalTo("BLOCKED")).body("reason", equalTo("waiting for the vendor"));
        api.post(id, "start", "").then().statusCode(200).body("status", equalTo("IN_PROGRESS")).body("reason", nullValue());
        api.post(id, "complete", "").then().statusCode(200).body("status", equalTo("COMPLETED"))
                .body("completedAt", equalTo("2025-12-07T09:00:00Z"));
        api.post(id, "cancel", "{\"reason\":\"too late\"}").then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("ILLEGAL_TRANSITION"));
        api.post(id, "reopen", "{\"reason\":\"the alert fires too often\"}").then().statusCode(200)
                .body("status", equalTo("NOT_STARTED")).body("reopened", equalTo(1)).body("completedAt", nullValue());
        api.post(id, "cancel", "{\"reason\":\"replaced by an SLO alert\"}").then().statusCode(200)
                .body("status", equalTo("CANCELLED")).body("version", equalTo(7));

        api.request().get(items + "/" + id + "/history").then().statusCode(200)
                .body("type", contains("actionitem.ActionItemCreated", "actionitem.ActionItemStarted",
                        "actionitem.ActionItemBlocked", "actionitem.ActionItemStarted", "actionitem.ActionItemCompleted",
                        "actionitem.ActionItemReopened", "actionitem.ActionItemCancelled"))
                .body("[2].details.reason", equalTo("waiting for the vendor"))
                .body("[5].details.reason", equalTo("the alert fires too often"))
                .body("[6].details.reason", equalTo("replaced by an SLO alert"));
    }

    @Test
    void givenAnItem_whenPatched_thenOwnerAndDueDateChangeTogetherOrNotAtAll() {
        String id = api.createdId("Document the failover", "dave", "2025-12-20", "LOW");

        api.request().header("If-Match", "\"1\"").body("{\"owner\":\"erin\",\"dueDate\":\"2026-01-15\"}")
                .patch(items + "/" + id).then().statusCode(200)
                .header("ETag", "\"3\"").header("X-Firedrill-Events-Appended", "2")
                .body("owner", equalTo("erin")).body("dueDate", equalTo("2026-01-15"));
        api.request().header("If-Match", "\"1\"").body("{\"owner\":\"frank\"}").patch(items + "/" + id).then()
                .statusCode(412).contentType("application/problem+json");
        api.request().body("{\"owner\":\"frank\",\"dueDate\":\"2025-12-01\"}").patch(items + "/" + id).then()
                .statusCode(409).body("code", equalTo("DUE_DATE_IN_PAST")).body("errors[0].field", equalTo("dueDate"));
        problem(api.request().body("{}").patch(items + "/" + id), 400, "body");
        problem(api.request().body("{\"owner\":\"frank\",\"duedate\":\"2026-01-20\"}").patch(items + "/" + id), 400,
                "duedate");

        api.get(id).then().statusCode(200).body("owner", equalTo("erin")).body("version", equalTo(3));
        api.request().get(items + "/" + id + "/history").then()
                .body("[1].type", equalTo("actionitem.ActionItemOwnerChanged"))
                .body("[1].details.from", equalTo("dave")).body("[1].details.to", equalTo("erin"))
                .body("[2].details.from", equalTo("2025-12-20")).body("[2].details.to", equalTo("2026-01-15"));
    }

    @Test
    void givenAnIdempotencyKey_whenTheCreationIsSentTwice_thenOneItemAndTheSameAnswer() {
        String body = "{\"title\":\"Rotate the certificates\",\"owner\":\"gina\",\"dueDate\":\"2025-12-31\","
                + "\"priority\":\"CRITICAL\",\"kind\":\"PREVENTIVE\"}";
        String first = api.request().header("Idempotency-Key", "create-1").body(body).post(items).then().statusCode(201)
                .extract().header("Location");
        api.request().header("Idempotency-Key", "create-1").body(body).post(items).then().statusCode(201)
                .header("Location", equalTo(first)).header("Idempotent-Replayed", "true");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                api.request().get(items).then().statusCode(200).body("items", hasSize(1)));
    }

    @Test
    void givenAnotherTenantsOrAMalformedId_whenRead_then404() {
        String id = api.createdId("Tenant isolation", "hank", "2025-12-20", "LOW");

        given().header("X-Test-Tenant", "someone-else").get(items + "/" + id).then().statusCode(404)
                .contentType("application/problem+json");
        given().header("X-Test-Tenant", "someone-else").contentType("application/json")
                .post(items + "/" + id + "/start").then().statusCode(404);
        api.get("not-a-uuid").then().statusCode(404);
        api.get(UUID.randomUUID().toString()).then().statusCode(404);
    }

    @Test
    void givenItemsPastTheirDueDate_whenReadLater_thenOverdueIsDerivedAndNothingIsStored() {
        String open = api.createdId("Open and late", "ivan", "2025-12-08", "HIGH");
        String done = api.createdId("Done and late", "ivan", "2025-12-08", "HIGH");
        api.post(done, "complete", "").then().statusCode(200);
        clock.pin(MONDAY.plus(Duration.ofDays(3)));

        api.get(open).then().statusCode(200).body("overdue", equalTo(true)).body("version", equalTo(1));
        api.get(done).then().statusCode(200).body("overdue", equalTo(false));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            api.request().queryParam("overdue", "true").get(items).then().statusCode(200)
                    .body("items.id", contains(open));
            api.request().queryParam("overdue", "false").get(items).then().statusCode(200)
                    .body("items.id", contains(done));
        });
    }

    @Test
    void givenSeveralItems_whenListedWithFilters_thenEachFilterAndThePagesHold() {
        String incident = given().header("X-Test-Tenant", api.tenant).contentType("application/json")
                .body("{\"title\":\"Queue backlog\",\"severity\":\"P2\",\"services\":[\"queue\"]}")
                .post(incidents).then().statusCode(201).extract().path("id");
        String a = api.createdId("a", "jo", "2025-12-10", "HIGH");
        String b = api.createdId("b", "jo", "2025-12-12", "LOW");
        String c = api.createdId("c", "kim", "2025-12-11", "HIGH");
        String d = api.request().body("{\"title\":\"d\",\"owner\":\"kim\",\"dueDate\":\"2025-12-30\",\"priority\":"
                        + "\"CRITICAL\",\"kind\":\"PREVENTIVE\",\"incidentId\":\"" + incident + "\"}")
                .post(items).then().statusCode(201).extract().path("id");
        api.post(b, "start", "").then().statusCode(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                api.request().get(items).then().statusCode(200).body("items.id", contains(a, c, b, d))
                        .body("items[2].status", equalTo("IN_PROGRESS")));
        api.request().queryParam("owner", "jo").get(items).then().body("items.id", contains(a, b));
        api.request().queryParam("status", "IN_PROGRESS").get(items).then().body("items.id", contains(b));
        api.request().queryParam("status", "NOT_STARTED,IN_PROGRESS").queryParam("priority", "HIGH").get(items).then()
                .body("items.id", contains(a, c));
        api.request().queryParam("incidentId", incident).get(items).then().body("items.id", contains(d));
        api.request().queryParam("dueBefore", "2025-12-12").get(items).then().body("items.id", contains(a, c));
        problem(api.request().queryParam("status", "DONE").get(items), 400, "status");
        problem(api.request().queryParam("dueBefore", "soon").get(items), 400, "dueBefore");
        problem(api.request().queryParam("overdue", "maybe").get(items), 400, "overdue");

        String cursor = api.request().queryParam("limit", 3).get(items).then().statusCode(200)
                .body("items.id", contains(a, c, b)).extract().path("nextCursor");
        api.request().queryParam("limit", 3).queryParam("cursor", cursor).get(items).then().statusCode(200)
                .body("items.id", contains(d)).body("nextCursor", nullValue());
        problem(api.request().queryParam("cursor", "garbage").get(items), 400, "cursor");
    }

    private static void problem(Response response, int status, String field) {
        response.then().statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("errors.field", hasItem(field));
    }
}
