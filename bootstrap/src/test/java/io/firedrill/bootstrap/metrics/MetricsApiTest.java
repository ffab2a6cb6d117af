package io.firedrill.bootstrap.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.firedrill.application.metrics.MetricsSlice;
import io.firedrill.application.port.out.IncidentMetrics;
import io.firedrill.bootstrap.TestClock;
import io.firedrill.bootstrap.axon.AxonRuntime;
import io.firedrill.bootstrap.axon.EventProcessors;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Metrics on a hand-computed data set for January 2026 (production incidents A, B, C, F, G; a drill D; a
 * duplicate E; four action items), with every figure worked out in the comments; the trend across a month
 * boundary; and the same figures after the read model is rebuilt from the log.
 */
@QuarkusTest
class MetricsApiTest {

    /** Fractional numbers read as doubles, to compare them with {@code closeTo}. */
    private static final RestAssuredConfig DOUBLES = RestAssuredConfig.config()
            .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
    private static final String JANUARY = "from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z";

    @TestHTTPResource("/api/v1/incidents")
    URI incidents;

    @TestHTTPResource("/api/v1/action-items")
    URI actionItems;

    @TestHTTPResource("/api/v1/metrics")
    URI metrics;

    @Inject
    TestClock clock;

    @Inject
    AxonRuntime axon;

    @Inject
    EventProcessors processors;

    @Inject
    IncidentMetrics views;

    private String c;
    private final String tenant = "metrics-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void theDataSet() {
        // F (P2, payments): detected 01-05 00:00, acknowledged after 30 min (exactly the P2 target), resolved,
        // reopened, resolved again at 04:00: time to resolve is to the latest resolution, 4 h = 14,400 s.
        clock.pin(Instant.parse("2026-01-06T00:00:00Z"));
        String f = declare("F", "P2", "payments", "2026-01-05T00:00:00Z", "2026-01-05T00:00:00Z", false);
        command(f, "acknowledge", "{\"occurredAt\":\"2026-01-05T00:30:00Z\"}");
        command(f, "resolve", "{\"occurredAt\":\"2026-01-05T01:00:00Z\"}");
        command(f, "reopen", "{\"reason\":\"errors again\",\"occurredAt\":\"2026-01-05T02:00:00Z\"}");
        command(f, "resolve", "{\"occurredAt\":\"2026-01-05T04:00:00Z\"}");

        // A (P1, checkout): detected 10:00, declared 10:05, acknowledged 10:10 (600 s), mitigated 10:30 (1,800 s),
        // resolved 11:00 (3,600 s; 3,300 s from declaration).
        clock.pin(Instant.parse("2026-01-10T12:00:00Z"));
        String a = declare("A", "P1", "checkout", "2026-01-10T10:00:00Z", "2026-01-10T10:05:00Z", false);
        command(a, "acknowledge", "{\"occurredAt\":\"2026-01-10T10:10:00Z\"}");
        command(a, "mitigate", "{\"occurredAt\":\"2026-01-10T10:30:00Z\"}");
        command(a, "resolve", "{\"occurredAt\":\"2026-01-10T11:00:00Z\"}");

        // Action items: I1 completed after 2 days, I2 cancelled, I3 open and overdue (due 01-20), all of A;
        // I4 of F completed after 6 days. Completion 2 / (4 − 1); median days to complete (2 + 6) / 2 = 4.
        String i1 = item("I1", "2026-01-31", a);
        String i2 = item("I2", "2026-01-31", a);
        item("I3", "2026-01-20", a);
        clock.pin(Instant.parse("2026-01-12T12:00:00Z"));
        itemCommand(i1, "complete", "{}");
        itemCommand(i2, "cancel", "{\"reason\":\"not needed\"}");
        clock.pin(Instant.parse("2026-01-20T12:00:00Z"));
        String i4 = item("I4", "2026-01-30", f);
        clock.pin(Instant.parse("2026-01-26T12:00:00Z"));
        itemCommand(i4, "complete", "{}");

        clock.pin(Instant.parse("2026-02-15T00:00:00Z"));
        // B (P2, checkout): acknowledged after 1,200 s, resolved after 7,200 s, never mitigated.
        String b = declare("B", "P2", "checkout", "2026-01-20T08:00:00Z", "2026-01-20T08:00:00Z", false);
        command(b, "acknowledge", "{\"occurredAt\":\"2026-01-20T08:20:00Z\"}");
        command(b, "resolve", "{\"occurredAt\":\"2026-01-20T10:00:00Z\"}");
        // C (P1, payments): never acknowledged, still open: missing from the durations, missed both targets.
        c = declare("C", "P1", "payments", "2026-01-25T12:00:00Z", "2026-01-25T12:30:00Z", false);
        // D: a drill, reported apart: 300 s to acknowledge, 2,100 s to resolve.
        String d = declare("D", "P2", "checkout", "2026-01-15T09:00:00Z", "2026-01-15T09:00:00Z", true);
        command(d, "acknowledge", "{\"occurredAt\":\"2026-01-15T09:05:00Z\"}");
        command(d, "resolve", "{\"occurredAt\":\"2026-01-15T09:35:00Z\"}");
        // E: acknowledged, then closed as a duplicate of A: counted nowhere.
        String e = declare("E", "P3", "checkout", "2026-01-11T10:00:00Z", "2026-01-11T10:00:00Z", false);
        command(e, "acknowledge", "{\"occurredAt\":\"2026-01-11T10:01:00Z\"}");
        command(e, "duplicate-of", "{\"incidentId\":\"" + a + "\",\"occurredAt\":\"2026-01-11T10:02:00Z\"}");
        // G (P3): detected in December, acknowledged on 01-01 00:10 (4,200 s), resolved 02:00 (10,800 s): in
        // January's durations (reached then), not in January's targets (detected before).
        String g = declare("G", "P3", "checkout", "2025-12-31T23:00:00Z", "2025-12-31T23:00:00Z", false);
        command(g, "acknowledge", "{\"occurredAt\":\"2026-01-01T00:10:00Z\"}");
        command(g, "resolve", "{\"occurredAt\":\"2026-01-01T02:00:00Z\"}");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> summary(JANUARY).body("timeToResolve.count", equalTo(4))
                .body("drills.timeToResolve.count", equalTo(1)).body("actionItems.completed", equalTo(2))
                .body("responseTargets.acknowledge.missed", equalTo(1)));
    }

    @AfterEach
    void releaseTheClock() {
        clock.release();
    }

    @Test
    void givenJanuary_whenSummarised_thenEveryFigureIsTheHandComputedOne() {
        summary(JANUARY).statusCode(200)
                // TTA: A 600, B 1,200, F 1,800, G 4,200 → mean 1,950; median (1,200 + 1,800) / 2; p90 at rank
                // 0.9 × 3 = 2.7 → 1,800 + 0.7 × 2,400.
                .body("timeToAcknowledge.definition", equalTo("acknowledgedAt − detectedAt"))
                .body("timeToAcknowledge.definitionVersion", equalTo(1))
                .body("timeToAcknowledge.count", equalTo(4))
                .body("timeToAcknowledge.meanSeconds", closeTo(1_950, 0.001))
                .body("timeToAcknowledge.medianSeconds", closeTo(1_500, 0.001))
                .body("timeToAcknowledge.p90Seconds", closeTo(3_480, 0.001))
                .body("timeToMitigate.count", equalTo(1))
                .body("timeToMitigate.meanSeconds", closeTo(1_800, 0.001))
                // TTR: A 3,600, B 7,200, F 14,400, G 10,800 → mean 9,000; median 9,000; p90 10,800 + 0.7 × 3,600.
                .body("timeToResolve.count", equalTo(4))
                .body("timeToResolve.meanSeconds", closeTo(9_000, 0.001))
                .body("timeToResolve.medianSeconds", closeTo(9_000, 0.001))
                .body("timeToResolve.p90Seconds", closeTo(13_320, 0.001))
                .body("timeToReview.count", equalTo(0))
                .body("timeToReview.meanSeconds", nullValue())
                .body("drills.timeToAcknowledge.count", equalTo(1))
                .body("drills.timeToAcknowledge.meanSeconds", closeTo(300, 0.001))
                .body("drills.timeToResolve.meanSeconds", closeTo(2_100, 0.001))
                // Targets over A, B, C, F: A and B met both; F acknowledged at exactly 30 min (met); C missed both.
                .body("responseTargets.acknowledge.met", equalTo(3))
                .body("responseTargets.acknowledge.missed", equalTo(1))
                .body("responseTargets.acknowledge.pending", equalTo(0))
                .body("responseTargets.acknowledge.share", closeTo(0.75, 0.0001))
                .body("responseTargets.resolve.met", equalTo(3))
                .body("responseTargets.resolve.missed", equalTo(1))
                .body("actionItems.total", equalTo(4))
                .body("actionItems.completed", equalTo(2))
                .body("actionItems.cancelled", equalTo(1))
                .body("actionItems.overdue", equalTo(1))
                .body("actionItems.completionRate", closeTo(2.0 / 3, 0.0001))
                .body("actionItems.medianDaysToComplete", closeTo(4.0, 0.0001))
                .body("drillPassRate", nullValue())
                .body("$", org.hamcrest.Matchers.hasKey("drillPassRate"))
                .body("recurrenceRate.incidents", equalTo(4))
                .body("recurrenceRate.recurring", equalTo(0))
                .body("recurrenceRate.rate", closeTo(0.0, 0.0001))
                .body("recurrenceRate.windowDays", equalTo(90));
    }

    @Test
    void givenFiltersAndAnotherDefinitionVersion_whenSummarised_thenOnlyThoseIncidentsAndTheOtherFormula() {
        summary(JANUARY + "&severity=P1").statusCode(200)
                .body("timeToAcknowledge.count", equalTo(1)).body("timeToAcknowledge.meanSeconds", closeTo(600, 0.001))
                .body("responseTargets.acknowledge.met", equalTo(1)).body("responseTargets.acknowledge.missed", equalTo(1))
                .body("actionItems.total", equalTo(3));
        summary(JANUARY + "&service=payments").statusCode(200)
                .body("timeToResolve.count", equalTo(1)).body("timeToResolve.meanSeconds", closeTo(14_400, 0.001))
                .body("actionItems.total", equalTo(1)).body("actionItems.medianDaysToComplete", closeTo(6.0, 0.0001));
        // Version 2 measures from declaration: A 3,300, B 7,200, F 14,400, G 10,800 → mean 8,925. Version 1 is
        // still there for comparison.
        summary(JANUARY + "&timeToResolveVersion=2").statusCode(200)
                .body("timeToResolve.definition", equalTo("resolvedAt − declaredAt"))
                .body("timeToResolve.definitionVersion", equalTo(2))
                .body("timeToResolve.meanSeconds", closeTo(8_925, 0.001))
                .body("timeToAcknowledge.definitionVersion", equalTo(1));
        summary(JANUARY + "&timeToResolveVersion=1").statusCode(200).body("timeToResolve.meanSeconds", closeTo(9_000, 0.001));

        problem(summary(JANUARY + "&timeToResolveVersion=9"), "timeToResolveVersion");
        problem(summary(JANUARY + "&severity=P7"), "severity");
        problem(summary("from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z"), "from");
        problem(summary("to=2026-01-01T00:00:00Z"), "from");
        given().get(metrics + "/definitions").then().statusCode(200)
                .body("find { it.metric == 'timeToResolve' && it.version == 2 }.definition", equalTo("resolvedAt − declaredAt"))
                .body("metric", hasItem("drillPassRate"));
    }

    @Test
    void givenATenantChoosesTheSecondDefinition_whenSummarised_thenItsFiguresUseItAndTheFirstStaysQueryable() {
        as().body("{\"version\":2}").put(metrics + "/definitions/timeToResolve").then().statusCode(200)
                .header("X-Firedrill-Events-Appended", "1")
                .body("find { it.metric == 'timeToResolve' && it.version == 2 }.inUse", equalTo(true))
                .body("find { it.metric == 'timeToResolve' && it.version == 1 }.inUse", equalTo(false));
        as().body("{\"version\":2}").put(metrics + "/definitions/timeToResolve").then().statusCode(200)
                .header("X-Firedrill-Events-Appended", "0");

        summary(JANUARY).statusCode(200)
                .body("timeToResolve.definitionVersion", equalTo(2))
                .body("timeToResolve.meanSeconds", closeTo(8_925, 0.001))
                .body("timeToAcknowledge.definitionVersion", equalTo(1));
        summary(JANUARY + "&timeToResolveVersion=1").statusCode(200)
                .body("timeToResolve.definitionVersion", equalTo(1)).body("timeToResolve.meanSeconds", closeTo(9_000, 0.001));
        given().get(metrics + "/definitions").then().statusCode(200)
                .body("find { it.metric == 'timeToResolve' && it.version == 1 }.inUse", equalTo(true));

        problem(as().body("{\"version\":9}").put(metrics + "/definitions/timeToResolve").then(), "version");
        problem(as().body("{}").put(metrics + "/definitions/timeToResolve").then(), "version");
        as().body("{\"version\":1}").put(metrics + "/definitions/uptime").then().statusCode(404);
    }

    @Test
    void givenTheDataSet_whenTrendedByWeekAndMonth_thenBucketsSplitAtTheBoundariesInUtc() {
        // Week of Monday 2025-12-29 spans the month and year boundary: G (acknowledged 01-01) is in it.
        trend("from=2025-12-29T00:00:00Z&to=2026-01-12T00:00:00Z&bucket=week").statusCode(200)
                .body("rows.start", contains("2025-12-29", "2026-01-05"))
                .body("rows.end", contains("2026-01-05", "2026-01-12"))
                .body("rows.incidents", contains(1, 2))
                .body("rows[0].timeToAcknowledge.count", equalTo(1))
                .body("rows[0].timeToAcknowledge.meanSeconds", closeTo(4_200, 0.001))
                .body("rows[1].timeToAcknowledge.count", equalTo(2))
                .body("rows[1].timeToAcknowledge.meanSeconds", closeTo(1_200, 0.001));
        trend("from=2025-12-01T00:00:00Z&to=2026-03-01T00:00:00Z&bucket=month").statusCode(200)
                .body("rows.start", contains("2025-12-01", "2026-01-01", "2026-02-01"))
                .body("rows.incidents", contains(1, 4, 0))
                .body("rows.timeToAcknowledge.count", contains(0, 4, 0))
                .body("rows[1].timeToAcknowledge.meanSeconds", closeTo(1_950, 0.001))
                .body("rows[0].timeToAcknowledge.meanSeconds", nullValue());
        problem(trend(JANUARY + "&bucket=day"), "bucket");
    }

    @Test
    void givenTheDataSet_whenTheMetricsReadModelIsRebuilt_thenTheFiguresAreTheSame() throws Exception {
        Map<String, Object> live = summary(JANUARY).statusCode(200).extract().path("$");

        processors.rebuild(MetricsSlice.PROJECTION).get(60, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(summary(JANUARY).statusCode(200).extract().<Map<String, Object>>path("$")).isEqualTo(live));
    }

    @Test
    void givenTheDataSet_whenTheDayRollupsAreRefreshed_thenEveryFigureIsTheSameAndLaterChangesStillCount() {
        // Until refreshed, every day is read from the incident rows; afterwards whole days come from the rollups,
        // the partial first and last days of a period and the days changed since from the rows.
        List<String> questions = List.of(
                "summary?" + JANUARY,
                "summary?" + JANUARY + "&severity=P1",
                "summary?" + JANUARY + "&service=payments",
                "summary?" + JANUARY + "&service=payments&severity=P1",
                "summary?" + JANUARY + "&timeToResolveVersion=2&timeToAcknowledgeVersion=2",
                "summary?from=2026-01-05T00:30:00Z&to=2026-01-25T12:00:00Z",
                "summary?from=2025-12-31T23:30:00Z&to=2026-01-10T10:20:00Z&service=checkout",
                "trend?from=2025-12-29T00:00:00Z&to=2026-01-12T00:00:00Z&bucket=week",
                "trend?from=2025-12-01T00:00:00Z&to=2026-03-01T00:00:00Z&bucket=month",
                "trend?from=2025-12-01T00:00:00Z&to=2026-03-01T00:00:00Z&bucket=month&severity=P2",
                "trend?from=2025-12-01T00:00:00Z&to=2026-03-01T00:00:00Z&bucket=month&service=payments",
                "trend?from=2025-12-01T00:00:00Z&to=2026-03-01T00:00:00Z&bucket=month&service=checkout&severity=P1",
                "trend?from=2025-12-01T00:00:00Z&to=2026-03-01T00:00:00Z&bucket=month&timeToResolveVersion=2"
                        + "&timeToAcknowledgeVersion=2",
                // partial first and last weeks around whole ones
                "trend?from=2025-12-31T06:00:00Z&to=2026-01-28T12:00:00Z&bucket=week");
        Map<String, Object> fromRows = new HashMap<>();
        for (String question : questions) {
            fromRows.put(question, as().get(metrics + "/" + question).then().statusCode(200).extract().path("$"));
        }

        assertThat(refreshAllRollups()).as("days recomputed").isPositive();

        for (String question : questions) {
            assertThat(as().get(metrics + "/" + question).then().statusCode(200).extract().<Object>path("$"))
                    .as(question).isEqualTo(fromRows.get(question));
        }
        // C is acknowledged after the refresh: its day, and so its week and month, are read from the rows again
        // until the next refresh.
        command(c, "acknowledge", "{\"occurredAt\":\"2026-01-25T13:00:00Z\"}");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> summary(JANUARY)
                .body("timeToAcknowledge.count", equalTo(5))
                .body("timeToAcknowledge.meanSeconds", closeTo(2_280, 0.001)));
        String months = "from=2025-12-01T00:00:00Z&to=2026-03-01T00:00:00Z&bucket=month";
        String weeks = "from=2026-01-19T00:00:00Z&to=2026-02-02T00:00:00Z&bucket=week";
        trend(months).statusCode(200).body("rows.timeToAcknowledge.count", contains(0, 5, 0))
                .body("rows[1].timeToAcknowledge.meanSeconds", closeTo(2_280, 0.001));
        trend(weeks).statusCode(200).body("rows.timeToAcknowledge.count", contains(2, 0)); // B and C
        // The two marked days (C's detection and acknowledgement, 01-25) recomputed, their week and month not yet:
        // those are read from the days until they are.
        assertThat(views.refreshRollups(2).join()).as("days recomputed").isEqualTo(2);
        trend(months).statusCode(200).body("rows.timeToAcknowledge.count", contains(0, 5, 0));
        trend(weeks).statusCode(200).body("rows.timeToAcknowledge.count", contains(2, 0));
        Map<String, Object> changed = new HashMap<>();
        for (String question : List.of("summary?" + JANUARY, "trend?" + months, "trend?" + weeks)) {
            changed.put(question, as().get(metrics + "/" + question).then().statusCode(200).extract().path("$"));
        }

        assertThat(refreshAllRollups()).as("days and buckets recomputed").isPositive();

        for (String question : changed.keySet()) {
            assertThat(as().get(metrics + "/" + question).then().statusCode(200).extract().<Object>path("$"))
                    .as(question).isEqualTo(changed.get(question));
        }
    }

    private int refreshAllRollups() {
        int total = 0;
        int refreshed;
        do {
            refreshed = views.refreshRollups(100).join();
            total += refreshed;
        } while (refreshed == 100);
        return total;
    }

    private ValidatableResponse summary(String query) {
        return as().get(metrics + "/summary?" + query).then();
    }

    private ValidatableResponse trend(String query) {
        return as().get(metrics + "/trend?" + query).then();
    }

    private static void problem(ValidatableResponse response, String field) {
        response.statusCode(400).contentType("application/problem+json").body("errors.field", hasItem(field));
    }

    private RequestSpecification as() {
        return given().config(DOUBLES).header("X-Test-Tenant", tenant).header("X-Test-Actor", "alice")
                .contentType("application/json");
    }

    private String declare(String title, String severity, String service, String detectedAt, String declaredAt,
                           boolean drill) {
        return as().body("{\"title\":\"" + title + "\",\"severity\":\"" + severity + "\",\"services\":[\"" + service
                        + "\"],\"detectedAt\":\"" + detectedAt + "\",\"occurredAt\":\"" + declaredAt + "\",\"drill\":"
                        + drill + "}")
                .post(incidents).then().statusCode(201).extract().path("id");
    }

    private void command(String incident, String action, String body) {
        as().body(body).post(incidents + "/" + incident + "/" + action).then().statusCode(200);
    }

    private String item(String title, String due, String incident) {
        return as().body("{\"title\":\"" + title + "\",\"owner\":\"bob\",\"dueDate\":\"" + due + "\",\"priority\":"
                        + "\"HIGH\",\"kind\":\"CORRECTIVE\",\"incidentId\":\"" + incident + "\"}")
                .post(actionItems).then().statusCode(201).extract().path("id");
    }

    private void itemCommand(String item, String action, String body) {
        as().body(body).post(actionItems + "/" + item + "/" + action).then().statusCode(200);
    }
}
