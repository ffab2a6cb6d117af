package io.firedrill.bootstrap.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Input is read strictly (issue 21, items 1, 5 and 9): what a lenient reader turned into another value, or into a
 * value the database cannot store, is a 400 problem naming the field, and nothing is recorded.
 */
@QuarkusTest
class StrictInputTest {

    private final String tenant = "strict-" + UUID.randomUUID().toString().substring(0, 8);

    @Inject
    Pool pool;

    /** Facts stored for this test's tenant: an append commits before its command answers, so a count is exact. */
    private long storedFacts() {
        return pool.preparedQuery("SELECT count(*) AS n FROM event_store_event WHERE tags @> $1::text::jsonb")
                .execute(Tuple.of("[{\"key\":\"tenant\",\"value\":\"" + tenant + "\"}]"))
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong("n");
    }

    private RequestSpecification as() {
        return given().contentType(ContentType.JSON).header("X-Test-Actor", "alice")
                .header("X-Test-Tenant", tenant);
    }

    /** A declaration with one field replaced by raw JSON. */
    private static String declaration(String field, String json) {
        String title = field.equals("title") ? json : "\"Checkout errors\"";
        String severity = field.equals("severity") ? json : "\"P1\"";
        String extra = switch (field) {
            case "title", "severity" -> "";
            default -> ",\"" + field + "\":" + json;
        };
        return "{\"title\":" + title + ",\"severity\":" + severity + ",\"services\":[\"checkout\"]" + extra + "}";
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "detectedAt | \"-5000-01-01T00:00:00Z\"",
            "detectedAt | \"+1000000000-01-01T00:00:00Z\"",
            "detectedAt | 1e308",
            "detectedAt | -1e12",
            "occurredAt | 0",
            "title | \"Checkout\\u0000errors\"",
            "summary | \"bell\\u0007\"",
            "severity | 0",
            "severity | \" P1\"",
            "severity | \"P1\\u0000\"",
            "severity | \"p1\"",
            "drill | -1",
            "drill | \"true\""})
    void aDeclarationWithABadFieldIsRefusedNamingItAndNothingIsRecorded(String field, String json) {
        as().body(declaration(field.strip(), json.strip())).post("/api/v1/incidents")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo(field.strip()))
                .body("errors[0].message", startsWith("must"));
        assertThat(storedFacts()).isZero();
    }

    @Test
    void aControlCharacterInAListElementIsRefusedNamingTheElement() {
        as().body("{\"title\":\"Checkout errors\",\"severity\":\"P1\",\"services\":[\"checkout\",\"pay\\u0000ments\"]}")
                .post("/api/v1/incidents")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("services[1]"));
    }

    @Test
    void trailingContentAfterTheBodyIsRefused() {
        as().body(declaration("drill", "false") + " {}").post("/api/v1/incidents")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("body"))
                .body("errors[0].message", equalTo("must hold one JSON value; nothing may follow it"));
        assertThat(storedFacts()).isZero();
    }

    @Test
    void anInstantOutsideTheAcceptedRangeSaysTheRange() {
        as().body(declaration("detectedAt", "\"-5000-01-01T00:00:00Z\"")).post("/api/v1/incidents")
                .then().statusCode(400).body("errors[0].message", containsString("between 1970-01-01T00:00:00Z"));
    }

    @Test
    void aSeverityGivenAsItsPositionIsRefusedWithTheNames() {
        as().body(declaration("severity", "0")).post("/api/v1/incidents")
                .then().statusCode(400).body("errors[0].message", startsWith("must be one of P0, P1, P2, P3"));
    }

    @ParameterizedTest(name = "version {0}")
    @CsvSource({"2.9", "\"2\"", "true"})
    void aDefinitionVersionThatIsNotAWholeNumberIsRefused(String version) {
        as().body("{\"version\":" + version + "}").put("/api/v1/metrics/definitions/timeToResolve")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("version"));
        assertThat(storedFacts()).isZero();
    }

    @Test
    void aListFilterInstantOutsideTheRangeIsRefused() {
        as().queryParam("from", "+100000-01-01T00:00:00Z").get("/api/v1/incidents")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
    }

    @Test
    void aDueDateGivenAsANumberIsRefused() {
        as().body("{\"title\":\"Add a timeout\",\"owner\":\"bob\",\"dueDate\":20270101,\"priority\":\"HIGH\","
                        + "\"kind\":\"CORRECTIVE\"}")
                .post("/api/v1/action-items")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("dueDate"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"q", "service"})
    void aListFilterWithANulIsRefusedNamingIt(String filter) {
        as().queryParam(filter, "check\u0000out").get("/api/v1/incidents")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo(filter));
    }

    @Test
    void aValidDeclarationStillPasses() {
        as().body(declaration("detectedAt", "\"2026-11-30T09:58:00+01:00\"")).post("/api/v1/incidents")
                .then().statusCode(201).body("detectedAt", equalTo("2026-11-30T08:58:00Z"));
    }
}
