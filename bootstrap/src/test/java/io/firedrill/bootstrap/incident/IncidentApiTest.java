package io.firedrill.bootstrap.incident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The incident endpoints over HTTP against the real application and PostgreSQL. */
@QuarkusTest
class IncidentApiTest {

    private static final String INCIDENTS = "/api/v1/incidents";

    @Inject
    Pool pool;

    static RequestSpecification as(String actor) {
        return given().contentType(ContentType.JSON).header("X-Test-Actor", actor);
    }

    static String declare(String tenant, Map<String, Object> body) {
        return as("alice").header("X-Test-Tenant", tenant).body(body)
                .post(INCIDENTS).then().statusCode(201).extract().path("id");
    }

    static Map<String, Object> declaration(String title) {
        return Map.of("title", title, "severity", "P1", "services", List.of("checkout", "payments"));
    }

    private long storedEvents(String incidentId) {
        return pool.preparedQuery("SELECT count(*) AS n FROM event_store_event WHERE tags @> $1::text::jsonb")
                .execute(Tuple.of("[{\"key\":\"incidentId\",\"value\":\"" + incidentId + "\"}]"))
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong("n");
    }

    @Test
    void declaringAnIncidentAnswers201WithLocationETagAndTheIncident() {
        ExtractableResponse<Response> created = as("alice")
                .body(Map.of("title", "Checkout errors", "severity", "P1", "services", List.of("checkout"),
                        "summary", "5xx on /pay", "tags", List.of("eu-west"), "drill", false))
                .post(INCIDENTS)
                .then().statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/incidents/[0-9a-f-]{36}"))
                .header("ETag", equalTo("\"1\""))
                .body("number", matchesPattern("INC-\\d{4}-\\d{4,}"))
                .body("title", equalTo("Checkout errors"))
                .body("status", equalTo("DETECTED"))
                .body("severity", equalTo("P1"))
                .body("commander", equalTo("alice"))
                .body("responders[0].name", equalTo("alice"))
                .body("responders[0].role", equalTo("COMMANDER"))
                .body("acknowledgedAt", nullValue())
                .body("responseTargets.acknowledge.status", equalTo("RUNNING"))
                .body("version", equalTo(1))
                .extract();
        String location = created.header("Location");
        given().get(location).then().statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("id", equalTo(created.path("id")))
                .body("services", contains("checkout"))
                .body("tags", contains("eu-west"));
    }

    @Test
    void numbersIncreasePerTenant() {
        String tenant = "numbers-" + UUID.randomUUID().toString().substring(0, 8);
        String first = as("alice").header("X-Test-Tenant", tenant).body(declaration("one"))
                .post(INCIDENTS).then().statusCode(201).extract().path("number");
        String second = as("alice").header("X-Test-Tenant", tenant).body(declaration("two"))
                .post(INCIDENTS).then().statusCode(201).extract().path("number");
        int year = Instant.now().atZone(java.time.ZoneOffset.UTC).getYear();
        assertThat(first).isEqualTo("INC-" + year + "-0001");
        assertThat(second).isEqualTo("INC-" + year + "-0002");
    }

    @Test
    void badDeclarationsAnswer400NamingTheField() {
        as("alice").body(Map.of("severity", "P1", "services", List.of("a")))
                .post(INCIDENTS).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("title"));
        as("alice").body(Map.of("title", "x", "severity", "P9", "services", List.of("a")))
                .post(INCIDENTS).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("severity"))
                .body("errors[0].message", startsWith("must be one of P0, P1, P2, P3"));
        as("alice").body(Map.of("title", "x", "severity", "P1", "services", List.of()))
                .post(INCIDENTS).then().statusCode(400)
                .body("errors[0].field", equalTo("services"));
        as("alice").body(Map.of("title", "x", "severity", "P1", "services", List.of("a"), "detectedAt", "yesterday"))
                .post(INCIDENTS).then().statusCode(400)
                .body("errors[0].field", equalTo("detectedAt"));
        as("alice").body("{\"title\": ").post(INCIDENTS).then().statusCode(400)
                .contentType("application/problem+json");
        as("alice").post(INCIDENTS).then().statusCode(400)
                .body("errors[0].field", equalTo("body"));
        // the actor is the principal of the credential: a header naming another one is refused, nothing is declared
        given().contentType(ContentType.JSON).header("X-Firedrill-Actor", "mallory").body(declaration("x"))
                .post(INCIDENTS).then().statusCode(403)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("X-Firedrill-Actor"));
    }

    @Test
    void unknownAndOtherTenantsIncidentsAre404() {
        given().get(INCIDENTS + "/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        given().get(INCIDENTS + "/not-a-uuid").then().statusCode(404);
        String id = declare("tenant-a", declaration("private"));
        given().header("X-Test-Tenant", "tenant-b").get(INCIDENTS + "/" + id).then().statusCode(404);
        as("mallory").header("X-Test-Tenant", "tenant-b").post(INCIDENTS + "/" + id + "/acknowledge")
                .then().statusCode(404);
        given().header("X-Test-Tenant", "tenant-a").get(INCIDENTS + "/" + id).then().statusCode(200);
    }

    @Test
    void theLifecycleRunsThroughEveryCommand() {
        String id = declare("default", declaration("Lifecycle"));
        String at = INCIDENTS + "/" + id;
        as("bob").post(at + "/acknowledge").then().statusCode(200)
                .body("acknowledgedAt", notNullValue()).header("X-Firedrill-Events-Appended", "1");
        as("bob").post(at + "/acknowledge").then().statusCode(200).header("X-Firedrill-Events-Appended", "0");
        as("bob").body(Map.of("note", "rolling back")).post(at + "/mitigate").then().statusCode(200)
                .body("status", equalTo("MITIGATING"));
        as("bob").body(Map.of("severity", "P0", "reason", "all regions")).post(at + "/severity").then()
                .statusCode(200).body("severity", equalTo("P0"));
        as("bob").body(Map.of("commander", "carol", "reason", "shift change")).post(at + "/commander").then()
                .statusCode(200).body("commander", equalTo("carol"));
        as("carol").body(Map.of("name", "dave", "role", "SCRIBE")).post(at + "/responders").then()
                .statusCode(200).body("responders.name", hasItem("dave"));
        as("carol").delete(at + "/responders/dave").then().statusCode(200)
                .body("responders.name", org.hamcrest.Matchers.not(hasItem("dave")));
        as("carol").body(Map.of("text", "db failover done", "key", true)).post(at + "/notes").then().statusCode(200);
        as("carol").body(Map.of("audience", "EXTERNAL", "text", "We are recovering")).post(at + "/status-updates")
                .then().statusCode(200);
        as("carol").body(Map.of("note", "error rate normal")).post(at + "/resolve").then().statusCode(200)
                .body("status", equalTo("RECOVERED")).body("resolvedAt", notNullValue());
        as("carol").body(Map.of("reason", "errors are back")).post(at + "/reopen").then().statusCode(200)
                .body("status", equalTo("MITIGATING")).body("regressions", equalTo(1)).body("resolvedAt", nullValue());

        List<Map<String, Object>> timeline = given().get(at + "/timeline").then().statusCode(200).extract().path("$");
        assertThat(timeline).extracting(entry -> entry.get("type")).containsExactly(
                "IncidentDeclared", "IncidentAcknowledged", "MitigationStarted", "SeverityEscalated",
                "CommanderHandedOver", "ResponderAdded", "ResponderRemoved", "NoteAdded", "StatusUpdatePosted",
                "IncidentResolved", "IncidentReopened");
        assertThat(timeline).extracting(entry -> entry.get("sequence")).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        Map<String, Object> escalation = timeline.get(3);
        assertThat(escalation.get("summary")).isEqualTo("bob escalated severity P1 → P0 (all regions)");
        assertThat(escalation.get("actor")).isEqualTo(Map.of("kind", "USER", "name", "bob"));
        assertThat(escalation.get("source")).isEqualTo("api");
        assertThat((Map<String, Object>) escalation.get("data")).containsEntry("from", "P1").containsEntry("to", "P0")
                .containsEntry("incidentId", id);
        assertThat(storedEvents(id)).isEqualTo(11);
    }

    @Test
    void brokenRulesAnswer409WithTheRuleCode() {
        String id = declare("default", declaration("Rules"));
        String at = INCIDENTS + "/" + id;
        as("bob").body(Map.of("reason", "again")).post(at + "/reopen").then().statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("ILLEGAL_TRANSITION"))
                .body("type", equalTo("urn:firedrill:problem:ILLEGAL_TRANSITION"));
        as("bob").body(Map.of()).post(at + "/reopen").then().statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        as("bob").delete(at + "/responders/alice").then().statusCode(409)
                .body("code", equalTo("COMMANDER_CANNOT_BE_REMOVED"));
        as("bob").body(Map.of("incidentId", id)).post(at + "/duplicate-of").then().statusCode(409)
                .body("code", equalTo("DUPLICATE_OF_ITSELF"));
        as("bob").body(Map.of("occurredAt", Instant.now().plus(1, ChronoUnit.HOURS).toString()))
                .post(at + "/acknowledge").then().statusCode(409)
                .body("code", equalTo("OCCURRED_IN_FUTURE"))
                .body("errors[0].field", equalTo("occurredAt"));
        as("bob").post(at + "/review").then().statusCode(409)
                .body("code", equalTo("REVIEW_REQUIRES_PUBLISHED_POSTMORTEM"));
        as("bob").body(Map.of("incidentId", UUID.randomUUID().toString())).post(at + "/duplicate-of").then()
                .statusCode(400).body("errors[0].field", equalTo("incidentId"));
        String otherTenants = declare("tenant-c", declaration("Elsewhere"));
        as("bob").body(Map.of("incidentId", otherTenants)).post(at + "/duplicate-of").then()
                .statusCode(400).body("errors[0].field", equalTo("incidentId"));
        as("bob").post(INCIDENTS + "/" + UUID.randomUUID() + "/review").then().statusCode(404);
        String original = declare("default", declaration("Original"));
        as("bob").body(Map.of("incidentId", original)).post(at + "/duplicate-of").then().statusCode(200)
                .body("status", equalTo("DUPLICATE")).body("duplicateOf", equalTo(original));
        as("bob").post(at + "/acknowledge").then().statusCode(409).body("code", equalTo("INCIDENT_CLOSED"));
        assertThat(storedEvents(id)).isEqualTo(2);
    }

    @Test
    void ifMatchGuardsAgainstChangesSinceTheClientRead() {
        String id = declare("default", declaration("Versions"));
        String at = INCIDENTS + "/" + id;
        as("bob").header("If-Match", "\"1\"").post(at + "/acknowledge").then().statusCode(200)
                .header("ETag", equalTo("\"2\""));
        as("bob").header("If-Match", "\"1\"").body(Map.of("text", "late")).post(at + "/notes").then()
                .statusCode(412).contentType("application/problem+json");
        as("bob").header("If-Match", "banana").body(Map.of("text", "late")).post(at + "/notes").then()
                .statusCode(400).body("errors[0].field", equalTo("If-Match"));
        assertThat(storedEvents(id)).isEqualTo(2);
    }

    @Test
    void aRepeatedIdempotencyKeyReturnsTheFirstResponseAndAppendsNothing() {
        String key = UUID.randomUUID().toString();
        ExtractableResponse<Response> first = as("alice").header("Idempotency-Key", key).body(declaration("Once"))
                .post(INCIDENTS).then().statusCode(201).extract();
        ExtractableResponse<Response> again = as("alice").header("Idempotency-Key", key).body(declaration("Once"))
                .post(INCIDENTS).then().statusCode(201).header("Idempotent-Replayed", "true").extract();
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(again.<String>path("id")).isEqualTo(first.path("id"));
        as("alice").header("Idempotency-Key", key).body(declaration("Something else"))
                .post(INCIDENTS).then().statusCode(422).body("errors[0].field", equalTo("Idempotency-Key"));

        String id = first.path("id");
        String noteKey = UUID.randomUUID().toString();
        for (int i = 0; i < 3; i++) {
            as("bob").header("Idempotency-Key", noteKey).body(Map.of("text", "only once"))
                    .post(INCIDENTS + "/" + id + "/notes").then().statusCode(200).body("version", equalTo(2));
        }
        // a refused command is remembered too: the repeat gets the same 409
        String reopenKey = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            as("bob").header("Idempotency-Key", reopenKey).body(Map.of("reason", "x"))
                    .post(INCIDENTS + "/" + id + "/reopen").then().statusCode(409).body("code", equalTo("ILLEGAL_TRANSITION"));
        }
        assertThat(storedEvents(id)).isEqualTo(2);
    }

    @Test
    void theListFiltersAndPagesFromTheReadModel() {
        String tenant = "list-" + UUID.randomUUID().toString().substring(0, 8);
        Instant base = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 5; i++) {
            as("alice").header("X-Test-Tenant", tenant)
                    .body(Map.of("title", "Disk full " + i, "severity", i < 2 ? "P1" : "P3",
                            "services", List.of(i % 2 == 0 ? "db" : "web"), "drill", i == 4,
                            "detectedAt", base.plusSeconds(i * 60L).toString()))
                    .post(INCIDENTS).then().statusCode(201);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> given().header("X-Test-Tenant", tenant)
                .get(INCIDENTS).then().extract().<List<Object>>path("items").size() == 5);

        RequestSpecification tenantA = given().header("X-Test-Tenant", tenant);
        List<String> titles = tenantA.get(INCIDENTS).then().statusCode(200).extract().path("items.title");
        assertThat(titles).containsExactly("Disk full 4", "Disk full 3", "Disk full 2", "Disk full 1", "Disk full 0");
        assertThat(given().header("X-Test-Tenant", tenant).queryParam("severity", "P1").get(INCIDENTS)
                .then().extract().<List<String>>path("items.title")).containsExactly("Disk full 1", "Disk full 0");
        assertThat(given().header("X-Test-Tenant", tenant).queryParam("service", "web").get(INCIDENTS)
                .then().extract().<List<String>>path("items.title")).containsExactly("Disk full 3", "Disk full 1");
        assertThat(given().header("X-Test-Tenant", tenant).queryParam("drill", "true").get(INCIDENTS)
                .then().extract().<List<String>>path("items.title")).containsExactly("Disk full 4");
        assertThat(given().header("X-Test-Tenant", tenant).queryParam("from", base.plusSeconds(60).toString())
                .queryParam("to", base.plusSeconds(180).toString()).get(INCIDENTS)
                .then().extract().<List<String>>path("items.title")).containsExactly("Disk full 2", "Disk full 1");
        assertThat(given().header("X-Test-Tenant", tenant).queryParam("q", "FULL 3").get(INCIDENTS)
                .then().extract().<List<String>>path("items.title")).containsExactly("Disk full 3");
        assertThat(given().header("X-Test-Tenant", tenant).queryParam("status", "DETECTED,MITIGATING").get(INCIDENTS)
                .then().extract().<List<String>>path("items.title")).hasSize(5);

        ExtractableResponse<Response> page1 = given().header("X-Test-Tenant", tenant).queryParam("limit", 2)
                .get(INCIDENTS).then().statusCode(200).extract();
        assertThat(page1.<List<String>>path("items.title")).containsExactly("Disk full 4", "Disk full 3");
        ExtractableResponse<Response> page2 = given().header("X-Test-Tenant", tenant).queryParam("limit", 2)
                .queryParam("cursor", page1.<String>path("nextCursor")).get(INCIDENTS).then().statusCode(200).extract();
        assertThat(page2.<List<String>>path("items.title")).containsExactly("Disk full 2", "Disk full 1");
        ExtractableResponse<Response> page3 = given().header("X-Test-Tenant", tenant).queryParam("limit", 2)
                .queryParam("cursor", page2.<String>path("nextCursor")).get(INCIDENTS).then().statusCode(200).extract();
        assertThat(page3.<List<String>>path("items.title")).containsExactly("Disk full 0");
        assertThat(page3.<String>path("nextCursor")).isNull();

        given().queryParam("limit", 501).get(INCIDENTS).then().statusCode(400).body("errors[0].field", equalTo("limit"));
        given().queryParam("status", "OPEN").get(INCIDENTS).then().statusCode(400).body("errors[0].field", equalTo("status"));
        given().queryParam("cursor", "zzz").get(INCIDENTS).then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        given().queryParam("from", "today").get(INCIDENTS).then().statusCode(400).body("errors[0].field", equalTo("from"));
    }
}
