package io.firedrill.bootstrap.drill;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.firedrill.bootstrap.TestClock;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drill plans over HTTP: writing one, the checks a plan must pass (each a 400 naming the field, nothing written),
 * versions, pause and resume, the list, idempotency and tenants. The test profile allows the tenant
 * {@code drill-test} to probe {@code http://checkout.drill.test/} and {@code https://payments.drill.test/health}.
 */
@QuarkusTest
class DrillPlanApiTest {

    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
    private static final String TENANT = "drill-test";

    @TestHTTPResource("/api/v1/drill-plans")
    URI plans;

    @Inject
    TestClock clock;

    /** Each test's plans have a service of their own, so that lists filtered by it see only them. */
    private String service;

    @BeforeEach
    void pinTheClock() {
        clock.pin(NOW);
        service = "checkout-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void releaseTheClock() {
        clock.release();
    }

    private RequestSpecification as(String tenant, String actor) {
        return given().header("X-Test-Tenant", tenant).header("X-Test-Actor", actor).contentType("application/json");
    }

    private RequestSpecification request() {
        return as(TENANT, "alice");
    }

    private String steps(String probeUrl) {
        return """
                [{"kind":"CHECKPOINT","name":"fault injected","checkpoint":{"name":"FAULT_STARTED"}},
                 {"kind":"INJECT","name":"reveal","inject":{"message":"Checkout answers 503","offset":"PT1M","opensIncident":true}},
                 {"kind":"MANUAL","name":"fail over","mandatory":true,"manual":{"instructions":"Promote the replica"}},
                 {"kind":"WAIT","name":"until mitigated","waitFor":{"duration":"PT30M","until":"MITIGATED"}},
                 {"kind":"HTTP_PROBE","name":"healthy again","mandatory":true,"httpProbe":{"url":"%s",
                   "expectedStatus":200,"bodyContains":"ok","timeout":"PT2S","deadline":"PT10M","interval":"PT5S",
                   "marks":"SERVICE_RESTORED","markerPointer":"/lastWrite"}},
                 {"kind":"PROMETHEUS_QUERY","name":"errors down","prometheusQuery":{"query":"sum(rate(http_5xx[1m]))",
                   "comparison":"LT","threshold":0.5,"deadline":"PT5M"}}]""".formatted(probeUrl);
    }

    private String objectives() {
        return """
                [{"kind":"DETECTION","target":"PT1M"},{"kind":"ACKNOWLEDGEMENT","target":"PT5M"},
                 {"kind":"MITIGATION","target":"PT15M"},{"kind":"RTO","target":"PT20M"},{"kind":"RPO","target":"PT30S"},
                 {"kind":"STEPS_COMPLETED","percent":80}]""";
    }

    private String plan(String name, String steps, String objectives, String schedule) {
        return """
                {"name":"%s","service":"%s","scenario":"The primary database of checkout fails",
                 "hypothesis":"Failover within 5 minutes, alerts within 1","owner":"alice",
                 "participants":[{"name":"alice","role":"FACILITATOR"},{"name":"bob","role":"COMMANDER"}],
                 "severity":"P1","objectives":%s,"steps":%s,"schedule":%s}"""
                .formatted(name, service, objectives, steps, schedule);
    }

    private String gameDay(String name) {
        return plan(name, steps("http://checkout.drill.test/health"), objectives(),
                "{\"cron\":\"0 10 * * TUE\",\"zone\":\"Asia/Shanghai\",\"blackouts\":[{\"days\":[\"FRIDAY\"],\"reason\":\"release day\"}]}");
    }

    private String created(String body) {
        String location = request().body(body).post(plans).then().statusCode(201).extract().header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private List<String> listedNames(String query) {
        return request().get(plans + "?service=" + service + query).then().statusCode(200).extract().path("plans.name");
    }

    @Test
    void givenAGameDay_whenCreated_then201WithEveryFieldAsWrittenAndTheDefaultsFilledIn() {
        var response = request().body(gameDay("Failover")).post(plans).then().statusCode(201)
                .header("ETag", "\"1\"")
                .header("X-Firedrill-Events-Appended", "1")
                .body("name", equalTo("Failover"))
                .body("service", equalTo(service))
                .body("severity", equalTo("P1"))
                .body("participants.role", contains("FACILITATOR", "COMMANDER"))
                .body("objectives.kind", contains("DETECTION", "ACKNOWLEDGEMENT", "MITIGATION", "RTO", "RPO", "STEPS_COMPLETED"))
                .body("objectives[3].target", equalTo("PT20M"))
                .body("objectives[5].percent", equalTo(80))
                .body("steps.kind", contains("CHECKPOINT", "INJECT", "MANUAL", "WAIT", "HTTP_PROBE", "PROMETHEUS_QUERY"))
                .body("steps[0].mandatory", equalTo(false))
                .body("steps[1].inject.offset", equalTo("PT1M"))
                .body("steps[4].httpProbe.method", equalTo("GET"))
                .body("steps[4].httpProbe.deadline", equalTo("PT10M"))
                .body("steps[5].prometheusQuery.interval", equalTo("PT15S"))
                .body("schedule.cron", equalTo("0 10 * * TUE"))
                .body("schedule.zone", equalTo("Asia/Shanghai"))
                .body("schedule.grace", equalTo("PT15M"))
                .body("schedule.blackouts[0].days", contains("FRIDAY"))
                .body("planVersion", equalTo(1))
                .body("enabled", equalTo(true))
                .body("createdBy", equalTo("alice"))
                .body("createdAt", equalTo("2026-12-01T09:00:00Z"))
                .body("version", equalTo(1))
                .extract();
        String id = response.path("id");
        assertThat(response.header("Location")).isEqualTo(plans + "/" + id);

        request().get(plans + "/" + id).then().statusCode(200).header("ETag", "\"1\"")
                .body("steps[4].httpProbe.url", equalTo("http://checkout.drill.test/health"));
        await().atMost(Duration.ofSeconds(60)).until(() -> listedNames("").equals(List.of("Failover")));
    }

    private void refused(String body, String field, String message) {
        request().body(body).post(plans).then().log().ifValidationFails().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo(field))
                .body("errors[0].message", containsString(message));
    }

    @Test
    void givenABadPlan_whenCreated_then400NamingTheField_andNothingIsWritten() {
        String restored = steps("http://checkout.drill.test/health");
        refused(plan("bad cron", restored, objectives(), "{\"cron\":\"0 10 * *\"}"), "schedule.cron",
                "must be a cron expression of five fields");
        refused(plan("bad zone", restored, objectives(), "{\"cron\":\"0 10 * * *\",\"zone\":\"Mars/Base\"}"),
                "schedule.zone", "must be a time zone");
        refused(plan("unknown kind", "[{\"kind\":\"REBOOT\",\"name\":\"x\"}]", "[]", "null"), "steps[0].kind",
                "must be one of INJECT, MANUAL, WAIT, HTTP_PROBE, PROMETHEUS_QUERY, CHECKPOINT");
        refused(plan("no block", "[{\"kind\":\"MANUAL\",\"name\":\"x\"}]", "[]", "null"), "steps[0].manual",
                "must be given for a MANUAL step");
        refused(plan("ftp", steps("ftp://checkout.drill.test/health"), objectives(), "null"), "steps[4].httpProbe.url",
                "must be an absolute http or https URL");
        refused(plan("not allowed", steps("http://checkout.prod.internal/health"), objectives(), "null"),
                "steps[4].httpProbe.url", "is not allowed for this tenant: probes may call URLs under http://checkout.drill.test/");
        refused(plan("prefix is a path", steps("https://payments.drill.test/healthz"), objectives(), "null"),
                "steps[4].httpProbe.url", "is not allowed for this tenant");
        refused(plan("duration", steps("http://checkout.drill.test/health"), "[{\"kind\":\"RTO\",\"target\":300}]", "null"),
                "objectives[0].target", "must be an ISO-8601 duration string");
        refused(plan("unmeasurable", "[{\"kind\":\"MANUAL\",\"name\":\"x\",\"manual\":{\"instructions\":\"do\"}}]",
                "[{\"kind\":\"ACKNOWLEDGEMENT\",\"target\":\"PT5M\"}]", "null"), "objectives[0].kind",
                "is measured on the drill incident, and no INJECT step opens one");
        refused(plan("inconsistent", restored, "[{\"kind\":\"MITIGATION\",\"target\":\"PT30M\"},{\"kind\":\"RTO\",\"target\":\"PT10M\"}]",
                "null"), "objectives[1].target", "is shorter than the MITIGATION target");
        refused(plan(" ", restored, objectives(), "null"), "name", "must not be blank");
        refused(plan("no grace", restored, objectives(), "{\"cron\":\"0 10 * * *\",\"grace\":\"PT0S\"}"),
                "schedule.grace", "must be at least PT1M");
        refused(plan("incident first", """
                [{"kind":"INJECT","name":"reveal","inject":{"message":"m","opensIncident":true}},
                 {"kind":"CHECKPOINT","name":"fault","checkpoint":{"name":"FAULT_STARTED"}}]""", "[]", "null"),
                "steps[1]", "marks FAULT_STARTED after step 0 opens the drill incident");
        refused(plan("encoded", steps("https://payments.drill.test/health/%2e%2e/admin"), objectives(), "null"),
                "steps[4].httpProbe.url", "nor encoded dots or slashes");
        refused(plan("head", steps("http://checkout.drill.test/health").replace("\"url\"", "\"method\":\"HEAD\",\"url\""),
                objectives(), "null"), "steps[4].httpProbe.bodyContains", "cannot be checked on a HEAD probe");
        refused(plan("null day", restored, objectives(), "{\"cron\":\"0 10 * * *\",\"blackouts\":[{\"days\":[null]}]}"),
                "schedule.blackouts[0].days", "must name days of the week");

        // Only a plan written after the refusals shows up: the projection would have shown any of them before it.
        created(plan("accepted", restored, objectives(), "null"));
        await().atMost(Duration.ofSeconds(60)).until(() -> !listedNames("").isEmpty());
        assertThat(listedNames("")).containsExactly("accepted");
    }

    @Test
    void givenAPlan_whenRevised_thenANewVersion_theOldOneReadable_andAStaleIfMatchRefused() {
        String id = created(gameDay("Failover"));

        request().header("If-Match", "\"1\"").body("{\"name\":\"Failover, take 2\",\"severity\":\"P2\"}")
                .patch(plans + "/" + id).then().statusCode(200)
                .header("ETag", "\"2\"")
                .body("name", equalTo("Failover, take 2"))
                .body("severity", equalTo("P2"))
                .body("scenario", equalTo("The primary database of checkout fails"))
                .body("planVersion", equalTo(2));

        request().get(plans + "/" + id + "/versions/1").then().statusCode(200)
                .body("planVersion", equalTo(1)).body("definition.name", equalTo("Failover"));
        request().get(plans + "/" + id + "/versions/2").then().statusCode(200).body("definition.severity", equalTo("P2"));
        request().get(plans + "/" + id + "/versions/3").then().statusCode(404);

        request().header("If-Match", "\"1\"").body("{\"name\":\"lost update\"}").patch(plans + "/" + id)
                .then().statusCode(412);
        request().body("{\"name\":\"Failover, take 2\"}").patch(plans + "/" + id).then().statusCode(200)
                .header("X-Firedrill-Events-Appended", "0").body("planVersion", equalTo(2));

        request().body("{\"schedule\":null}").patch(plans + "/" + id).then().statusCode(200)
                .body("schedule", nullValue()).body("planVersion", equalTo(3));
        request().body("{\"steps\":[{\"kind\":\"INJECT\",\"name\":\"reveal\",\"inject\":{\"message\":\"go\"}}]}")
                .patch(plans + "/" + id).then().statusCode(400)
                .body("errors[0].field", equalTo("objectives[0].kind"));
        request().body("{\"steps\":[{\"kind\":\"HTTP_PROBE\",\"name\":\"p\",\"httpProbe\":{\"url\":\"http://elsewhere.test/\"}}]}")
                .patch(plans + "/" + id).then().statusCode(400)
                .body("errors[0].field", equalTo("steps[0].httpProbe.url"));
        request().body("{}").patch(plans + "/" + id).then().statusCode(400)
                .body("errors[0].field", equalTo("body"));
        request().body("{\"name\":null}").patch(plans + "/" + id).then().statusCode(400)
                .body("errors[0].field", equalTo("name"));
        request().body("{\"steps\":[null]}").patch(plans + "/" + id).then().statusCode(400)
                .body("errors[0].field", equalTo("steps[0]"));
        request().body("{\"schedule\":{\"cron\":\"0 0 30 2 *\"}}").patch(plans + "/" + id).then().statusCode(400)
                .body("errors[0].field", equalTo("schedule.cron"))
                .body("errors[0].message", containsString("names no instant that will ever come"));
        request().get(plans + "/" + id).then().statusCode(200).header("ETag", "\"3\"");
        // A schedule given is the whole schedule.
        request().body("{\"schedule\":{\"cron\":\"30 9 * * MON\"}}").patch(plans + "/" + id).then().statusCode(200)
                .body("schedule.cron", equalTo("30 9 * * MON")).body("schedule.zone", equalTo("UTC"))
                .body("planVersion", equalTo(4));
    }

    @Test
    void givenAPlan_whenPausedAndResumed_thenItsScheduleStopsAndStarts_andTheListFiltersOnIt() {
        String paused = created(gameDay("paused one"));
        created(gameDay("running one"));

        request().body("{\"reason\":\"release freeze\"}").post(plans + "/" + paused + "/pause").then().statusCode(200)
                .body("enabled", equalTo(false)).body("pausedReason", equalTo("release freeze"));
        request().body("{}").post(plans + "/" + paused + "/pause").then().statusCode(200)
                .header("X-Firedrill-Events-Appended", "0");

        await().atMost(Duration.ofSeconds(60)).until(() -> listedNames("&enabled=false").equals(List.of("paused one")));
        assertThat(listedNames("&enabled=true")).containsExactly("running one");

        request().post(plans + "/" + paused + "/resume").then().statusCode(200)
                .body("enabled", equalTo(true)).body("pausedReason", nullValue());
        await().atMost(Duration.ofSeconds(60)).until(() -> listedNames("&enabled=true").size() == 2);
    }

    @Test
    void givenPlans_whenListedByPages_thenEachOnceInNameOrder() {
        for (String name : List.of("d", "b", "a", "c", "e")) {
            created(gameDay(name));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> listedNames("").size() == 5);

        Response first = request().get(plans + "?service=" + service + "&limit=2");
        first.then().statusCode(200).body("plans.name", contains("a", "b"));
        String cursor = first.path("nextCursor");
        Response second = request().get(plans + "?service=" + service + "&limit=2&cursor=" + cursor);
        second.then().statusCode(200).body("plans.name", contains("c", "d"));
        request().get(plans + "?service=" + service + "&limit=2&cursor=" + second.path("nextCursor")).then()
                .statusCode(200).body("plans.name", contains("e")).body("nextCursor", nullValue());
        request().get(plans + "?cursor=nonsense").then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                (UUID.randomUUID() + "|a\u0000b").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        request().get(plans + "?cursor=" + forged).then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        request().get(plans + "?enabled=maybe").then().statusCode(400).body("errors[0].field", equalTo("enabled"));
    }

    @Test
    void givenAnIdempotencyKey_whenTheCreationIsRepeated_thenTheSamePlanAndOneFact() {
        String body = gameDay("once");
        String key = UUID.randomUUID().toString();
        String first = request().header("Idempotency-Key", key).body(body).post(plans).then().statusCode(201)
                .extract().path("id");

        request().header("Idempotency-Key", key).body(body).post(plans).then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(first)).body("version", equalTo(1));
        request().get(plans + "/" + first).then().statusCode(200).header("ETag", "\"1\"");
    }

    @Test
    void givenAnotherTenantsPlan_whenReadOrChanged_then404() {
        String id = created(gameDay("theirs"));

        as("other-tenant", "mallory").get(plans + "/" + id).then().statusCode(404);
        as("other-tenant", "mallory").get(plans + "?service=" + service).then().statusCode(200).body("plans", hasSize(0));
        as("other-tenant", "mallory").post(plans + "/" + id + "/pause").then().statusCode(404);
        as("other-tenant", "mallory").body("{\"name\":\"mine\"}").patch(plans + "/" + id).then().statusCode(404);
        request().get(plans + "/not-a-uuid").then().statusCode(404);
        request().get(plans + "/" + id).then().statusCode(200).body("name", equalTo("theirs")).body("enabled", equalTo(true));
    }

    @Test
    void givenAPlanFromATenantWithoutAllowedPrefixes_whenItProbes_thenRefused() {
        as("no-prefixes", "alice").body(gameDay("probe")).post(plans).then().statusCode(400)
                .body("errors[0].field", equalTo("steps[4].httpProbe.url"))
                .body("errors[0].message", containsString("no prefix (none is configured"));
    }

    @Test
    void givenAPlanThatRunsOnlyByHand_whenCreated_thenItHasNoSchedule() {
        String body = plan("by hand", "[{\"kind\":\"MANUAL\",\"name\":\"x\",\"manual\":{\"instructions\":\"do\"}}]", "[]", "null");

        request().body(body).post(plans).then().statusCode(201).body("schedule", nullValue())
                .body("objectives", hasSize(0));
    }
}
