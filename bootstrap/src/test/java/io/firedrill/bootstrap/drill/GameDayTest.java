package io.firedrill.bootstrap.drill;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.drill.DrillRunner;
import io.firedrill.application.drill.DrillSettings;
import io.firedrill.application.port.in.drill.DrillRunAutomation;
import io.firedrill.application.port.in.drill.DrillRunCommands;
import io.firedrill.application.port.in.drill.DrillRunQueries;
import io.firedrill.application.port.in.incident.IncidentCommands;
import io.firedrill.application.port.in.incident.IncidentQueries;
import io.firedrill.application.port.out.DrillProbes;
import io.firedrill.application.port.out.DrillRunViews;
import io.firedrill.bootstrap.TestClock;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A game day end to end: a plan against a real local HTTP service (failing, then healthy again), a run started by hand,
 * an inject that opens the drill incident, responders acknowledging and mitigating it through the incidents API, waits
 * that end when the incident gets there, and a probe that finds the outage and then the recovery. The runner's turns
 * are given by the test; the clock is the test's.
 */
@QuarkusTest
@WithTestResource(CheckoutService.class)
class GameDayTest {

    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private static final String TENANT = "gameday";

    @Inject
    TestClock clock;

    @Inject
    UseCases useCases;

    @Inject
    DrillRunViews runViews;

    @Inject
    DrillProbes probes;

    @Inject
    DrillSettings settings;

    @BeforeEach
    void pinTheClock() {
        clock.pin(T0);
        CheckoutService.HEALTHY.set(true);
    }

    @AfterEach
    void releaseTheClock() {
        clock.release();
        CheckoutService.HEALTHY.set(true);
    }

    private RequestSpecification as(String actor) {
        return given().header("X-Firedrill-Tenant", TENANT).header("X-Firedrill-Actor", actor).contentType("application/json");
    }

    private DrillRunAutomation runner() {
        return useCases.get(DrillRunAutomation.class);
    }

    private void turn() throws Exception {
        runner().advanceRunning().get(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** The runner finds runs through the drill run read model: a run gets turns once it is listed there. */
    private String listed(String runId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> as("alice").get("/api/v1/drill-runs?status=RUNNING&limit=500")
                .then().statusCode(200).extract().<List<String>>path("runs.id").contains(runId));
        return runId;
    }

    private ValidatableResponse run(String id) {
        return as("alice").get("/api/v1/drill-runs/" + id).then().statusCode(200);
    }

    private String plan(String steps, String objectives) {
        String body = """
                {"name":"Checkout failover %s","service":"checkout","scenario":"The checkout database fails over",
                 "hypothesis":"The team detects it within a minute and restores service within 15",
                 "owner":"alice","severity":"P2","objectives":%s,"steps":%s}""".formatted(java.util.UUID.randomUUID(),
                objectives, steps);
        return as("alice").body(body).post("/api/v1/drill-plans").then().statusCode(201).extract().path("id");
    }

    @Test
    void givenAGameDay_whenRun_thenTheIncidentTheWaitsAndTheProbeAreRecordedAtTheirInstants() throws Exception {
        String steps = """
                [{"kind":"CHECKPOINT","name":"fault injected","checkpoint":{"name":"FAULT_STARTED"}},
                 {"kind":"INJECT","name":"reveal","inject":{"message":"Checkout answers 503","opensIncident":true}},
                 {"kind":"WAIT","name":"acknowledged","waitFor":{"duration":"PT10M","until":"ACKNOWLEDGED"}},
                 {"kind":"WAIT","name":"mitigated","waitFor":{"duration":"PT30M","until":"MITIGATED"}},
                 {"kind":"HTTP_PROBE","name":"checkout healthy","mandatory":true,"httpProbe":{"url":"%shealth",
                   "bodyContains":"ok","timeout":"PT1S","deadline":"PT1M","interval":"PT1S",
                   "marks":"SERVICE_RESTORED","markerPointer":"/lastWrite"}}]""".formatted(CheckoutService.url);
        String objectives = """
                [{"kind":"DETECTION","target":"PT1M"},{"kind":"ACKNOWLEDGEMENT","target":"PT5M"},
                 {"kind":"MITIGATION","target":"PT10M"},{"kind":"RTO","target":"PT15M"},{"kind":"RPO","target":"PT1M"}]""";
        String planId = plan(steps, objectives);
        CheckoutService.HEALTHY.set(false);

        String runId = listed(as("alice").post("/api/v1/drill-plans/" + planId + "/runs").then().statusCode(201)
                .body("status", equalTo("RUNNING")).body("planVersion", equalTo(1))
                .body("number", containsString("DR-2026-")).body("trigger", equalTo("MANUAL"))
                .extract().path("id"));
        as("bob").post("/api/v1/drill-plans/" + planId + "/runs").then().statusCode(409)
                .body("code", equalTo("DRILL_RUN_ACTIVE"));

        turn();
        String incident = run(runId).body("steps.status", equalTo(List.of("PASSED", "PASSED", "RUNNING", "PENDING", "PENDING")))
                .body("checkpoints.FAULT_STARTED", equalTo(T0.toString()))
                .extract().path("incidentId");
        String number = run(runId).extract().path("number");
        as("bob").get("/api/v1/incidents/" + incident).then().statusCode(200)
                .body("drill", equalTo(true)).body("severity", equalTo("P2")).body("services", equalTo(List.of("checkout")))
                .body("tags", hasItems("drill", "drill-run:" + number))
                .body("title", containsString("[Drill " + number + "]"));

        clock.pin(T0.plus(Duration.ofMinutes(2)));
        as("bob").body("{}").post("/api/v1/incidents/" + incident + "/acknowledge").then().statusCode(200);
        turn();
        run(runId).body("steps.status", equalTo(List.of("PASSED", "PASSED", "PASSED", "RUNNING", "PENDING")));
        clock.pin(T0.plus(Duration.ofMinutes(7)));
        as("bob").body("{\"note\":\"failed over to the replica\"}").post("/api/v1/incidents/" + incident + "/mitigate")
                .then().statusCode(200);

        // The probe finds the outage, and keeps trying within its deadline until the service answers again.
        int probesBefore = CheckoutService.PROBES.get();
        CompletableFuture<Integer> probing = runner().advanceRunning();
        await().atMost(Duration.ofSeconds(20)).until(() -> CheckoutService.PROBES.get() >= probesBefore + 2);
        run(runId).body("steps[4].status", equalTo("RUNNING"));
        clock.pin(T0.plus(Duration.ofMinutes(12)));
        CheckoutService.HEALTHY.set(true);
        probing.get(30, java.util.concurrent.TimeUnit.SECONDS);

        run(runId).body("status", equalTo("PASSED"))
                .body("steps.status", equalTo(List.of("PASSED", "PASSED", "PASSED", "PASSED", "PASSED")))
                .body("steps[2].evidence", containsString("acknowledged at " + T0.plus(Duration.ofMinutes(2))))
                .body("steps[4].evidence", containsString("→ HTTP 200"))
                .body("steps[4].evidence", containsString("body contains \"ok\""))
                .body("checkpoints.SERVICE_RESTORED", equalTo(T0.plus(Duration.ofMinutes(12)).toString()))
                .body("markerAt", equalTo("2026-12-01T08:59:30Z"))
                .body("endedAt", equalTo(T0.plus(Duration.ofMinutes(12)).toString()))
                // By hand from the test clock: the fault at T0 (its checkpoint), the incident opened at T0, acknowledged at
                // T0+2m, mitigated at T0+7m, the service healthy again at T0+12m, the last write 30 s before the fault.
                .body("score.definitionVersion", equalTo(1))
                .body("score.components.objective", equalTo(List.of("DETECTION", "ACKNOWLEDGEMENT", "MITIGATION", "RTO", "RPO")))
                .body("score.components.measured", equalTo(List.of("PT0S", "PT2M", "PT7M", "PT12M", "PT30S")))
                .body("score.components.met", equalTo(List.of(true, true, true, true, true)))
                .body("score.total", equalTo(100.0f))
                .body("score.passed", equalTo(true))
                .body("score.components[1].from", equalTo(List.of("checkpoint FAULT_STARTED at " + T0,
                        "incident.IncidentAcknowledged at " + T0.plus(Duration.ofMinutes(2)))));
        List<String> types = as("alice").get("/api/v1/drill-runs/" + runId + "/timeline").then().statusCode(200)
                .extract().path("type");
        assertThat(types).startsWith("drillrun.DrillRunStarted", "drillrun.DrillStepStarted", "drillrun.DrillStepPassed",
                "drillrun.DrillCheckpointMarked").endsWith("drillrun.DrillRunScored", "drillrun.DrillRunEnded")
                .contains("drillrun.DrillIncidentLinked");
        // Replayed at T0+2m: the acknowledgement ended the first wait, the second wait had just begun.
        as("alice").get("/api/v1/drill-runs/" + runId + "/replay?at=" + T0.plus(Duration.ofMinutes(2))).then().statusCode(200)
                .body("run.status", equalTo("RUNNING"))
                .body("run.steps.status", equalTo(List.of("PASSED", "PASSED", "PASSED", "RUNNING", "PENDING")))
                .body("run.score", nullValue());
        as("alice").get("/api/v1/drill-runs/" + runId + "/replay?at=2026-11-30T00:00:00Z").then().statusCode(400)
                .body("errors[0].field", equalTo("at"));
        String report = as("alice").get("/api/v1/drill-runs/" + runId + "/report.md").then().statusCode(200)
                .contentType(containsString("text/markdown")).extract().asString();
        assertThat(report).startsWith("# Drill " + number + ": Checkout failover ")
                .contains("| 4 | checkout healthy (mandatory) | HTTP_PROBE | 2026-12-01 09:07:00 UTC | 2026-12-01 09:12:00 UTC | PASSED |")
                .contains("| RTO | 15m | 12m | 20.0 / 20 | yes |", "| RPO | 1m | 30s | 10.0 / 10 | yes |")
                .contains("**Score: 100.0 of 100** (definition version 1): passed with 100.0 of 100.", "_Awaiting review._");
        as("alice").get("/api/v1/drills/score-definitions").then().statusCode(200)
                .body("version", equalTo(List.of(1))).body("[0].points.RTO", equalTo(20)).body("[0].latest", equalTo(true));
        // Scoring again under the same version adds nothing; an unknown version is refused.
        as("alice").body("{}").post("/api/v1/drill-runs/" + runId + "/score").then().statusCode(200)
                .header("X-Firedrill-Events-Appended", "0").body("scores", org.hamcrest.Matchers.hasSize(1));
        as("alice").body("{\"definitionVersion\":9}").post("/api/v1/drill-runs/" + runId + "/score").then().statusCode(400)
                .body("errors[0].field", equalTo("definitionVersion"));
        // The plan is free for its next run, and lists this one.
        await().atMost(Duration.ofSeconds(60)).until(() -> as("alice").get("/api/v1/drill-plans/" + planId + "/runs")
                .then().statusCode(200).extract().<List<String>>path("runs.status").equals(List.of("PASSED")));
    }

    @Test
    void givenAManualStep_whenAPersonConfirmsIt_thenTheRunPasses_andAnAbortNeedsAReason() throws Exception {
        String planId = plan("""
                [{"kind":"MANUAL","name":"fail over","mandatory":true,"manual":{"instructions":"Promote the replica"}},
                 {"kind":"MANUAL","name":"tell the customers","manual":{"instructions":"Post on the status page"}}]""", "[]");
        String runId = listed(as("alice").post("/api/v1/drill-plans/" + planId + "/runs").then().statusCode(201)
                .extract().path("id"));
        turn();
        turn();
        run(runId).body("steps.status", equalTo(List.of("RUNNING", "PENDING"))).body("reviewStatus", nullValue());
        as("bob").body("{\"findings\":[],\"scoreConfirmed\":true}").post("/api/v1/drill-runs/" + runId + "/review")
                .then().statusCode(409).body("code", equalTo("RUN_NOT_SCORED"));

        as("bob").body("{\"passed\":true,\"note\":\"replica promoted\"}").post("/api/v1/drill-runs/" + runId + "/steps/0/confirm")
                .then().statusCode(200).body("steps[0].status", equalTo("PASSED"))
                .body("steps[0].evidence", equalTo("confirmed done by bob: replica promoted")).body("steps[0].by", equalTo("bob"));
        as("bob").body("{\"passed\":true}").post("/api/v1/drill-runs/" + runId + "/steps/1/confirm").then().statusCode(409)
                .body("code", equalTo("STEP_NOT_CURRENT"));
        as("bob").body("{}").post("/api/v1/drill-runs/" + runId + "/steps/0/confirm").then().statusCode(400)
                .body("errors[0].field", equalTo("passed"));
        as("bob").body("{}").post("/api/v1/drill-runs/" + runId + "/abort").then().statusCode(400)
                .body("errors[0].field", equalTo("reason"));

        as("bob").body(Map.of("reason", "the real checkout is degraded")).post("/api/v1/drill-runs/" + runId + "/abort")
                .then().statusCode(200).body("status", equalTo("ABORTED"))
                .body("endReason", equalTo("the real checkout is degraded"));
        as("bob").body("{\"passed\":true}").post("/api/v1/drill-runs/" + runId + "/steps/1/confirm").then().statusCode(409)
                .body("code", equalTo("DRILL_RUN_ENDED"));
        // An aborted run is scored too, and never passes.
        turn();
        run(runId).body("status", equalTo("ABORTED")).body("score.passed", equalTo(false))
                .body("score.verdict", equalTo("aborted: the real checkout is degraded"))
                .body("reviewStatus", equalTo("AWAITING_REVIEW"));
        given().header("X-Firedrill-Tenant", "someone-else").get("/api/v1/drill-runs/" + runId).then().statusCode(404);

        // The review: a finding becomes an action item linked to the run, another is waived.
        String review = """
                {"findings":[{"title":"The failover runbook names the old host","detail":"step 4",
                   "actionItem":{"owner":"bob","dueDate":"2026-12-20","priority":"HIGH"}},
                  {"title":"Pager noise","waivedReason":"tracked in the alerting review"}],
                 "wentWell":["Detection was fast"],"scoreConfirmed":false,"scoreNote":"aborted for a real outage"}""";
        // A refused review writes nothing, not even the action item of its first, valid finding.
        String carol = "carol-" + UUID.randomUUID().toString().substring(0, 8);
        as("alice").body(review.replace("\"owner\":\"bob\"", "\"owner\":\"" + carol + "\"")
                        .replace("\"waivedReason\":\"tracked in the alerting review\"",
                        "\"waivedReason\":\"x\",\"actionItem\":{\"owner\":\"bob\",\"dueDate\":\"2026-12-20\",\"priority\":\"LOW\"}"))
                .post("/api/v1/drill-runs/" + runId + "/review").then().statusCode(400)
                .body("errors[0].field", equalTo("findings[1].actionItem"));
        as("alice").header("If-Match", "\"1\"").body(review.replace("\"owner\":\"bob\"", "\"owner\":\"" + carol + "\""))
                .post("/api/v1/drill-runs/" + runId + "/review").then().statusCode(412);
        String item = as("alice").body(review).post("/api/v1/drill-runs/" + runId + "/review").then().statusCode(200)
                .body("reviewStatus", equalTo("REVIEWED")).body("review.reviewedBy", equalTo("alice"))
                .body("review.findings[1].waivedReason", equalTo("tracked in the alerting review"))
                .body("review.wentWell", equalTo(List.of("Detection was fast")))
                .extract().path("review.findings[0].actionItemId");
        int reviewedVersion = run(runId).extract().path("version");
        as("alice").get("/api/v1/action-items/" + item).then().statusCode(200)
                .body("drillRunId", equalTo(runId)).body("owner", equalTo("bob")).body("title",
                        equalTo("The failover runbook names the old host")).body("description", equalTo("step 4"));
        as("alice").body(review).post("/api/v1/drill-runs/" + runId + "/review").then().statusCode(200)
                .header("X-Firedrill-Events-Appended", "0");
        // A retry with the If-Match the review was first sent with: the review moved the version on, the retry is not refused.
        as("alice").header("If-Match", "\"" + (reviewedVersion - 1) + "\"").body(review)
                .post("/api/v1/drill-runs/" + runId + "/review").then().statusCode(200)
                .header("X-Firedrill-Events-Appended", "0");
        // Read models may wait for a claim an earlier test class left behind to time out (30 s).
        await().atMost(Duration.ofSeconds(60)).until(() -> as("alice").get("/api/v1/action-items?owner=bob&limit=500")
                .then().statusCode(200).extract().<List<String>>path("items.id").contains(item));
        as("alice").get("/api/v1/action-items?owner=" + carol).then().statusCode(200)
                .body("items", org.hamcrest.Matchers.hasSize(0));
        as("alice").body("{\"findings\":[],\"scoreConfirmed\":true}").post("/api/v1/drill-runs/" + runId + "/review")
                .then().statusCode(409).body("code", equalTo("RUN_ALREADY_REVIEWED"));

        // The plan is free again: a second run starts, and the list shows both, newest first.
        clock.pin(T0.plusSeconds(60));
        String second = as("alice").post("/api/v1/drill-plans/" + planId + "/runs").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(60)).until(() -> as("alice").get("/api/v1/drill-runs?planId=" + planId)
                .then().statusCode(200).extract().<List<String>>path("runs.id").equals(List.of(second, runId)));
        as("alice").get("/api/v1/drill-runs?planId=" + planId + "&status=ABORTED").then().statusCode(200)
                .body("runs.id", equalTo(List.of(runId)));
        as("alice").get("/api/v1/drill-runs?status=LOST").then().statusCode(400).body("errors[0].field", equalTo("status"));
    }

    @Test
    void givenTwoInstances_whenBothGiveARunItsTurns_thenEveryStepIsRecordedOnce_andTheRunEndsOnce() throws Exception {
        String planId = plan("""
                [{"kind":"CHECKPOINT","name":"fault injected","checkpoint":{"name":"FAULT_STARTED"}},
                 {"kind":"HTTP_PROBE","name":"checkout healthy","mandatory":true,"httpProbe":{"url":"%shealth",
                   "timeout":"PT1S","deadline":"PT1M","interval":"PT1S","marks":"SERVICE_RESTORED"}}]"""
                .formatted(CheckoutService.url), "[{\"kind\":\"RTO\",\"target\":\"PT5M\"}]");
        CheckoutService.HEALTHY.set(false);
        String runId = listed(as("alice").post("/api/v1/drill-plans/" + planId + "/runs").then().statusCode(201)
                .extract().path("id"));
        DrillRunner other = new DrillRunner(runViews, useCases.get(DrillRunQueries.class), useCases.get(DrillRunCommands.class),
                useCases.get(IncidentCommands.class), useCases.get(IncidentQueries.class), probes, settings, clock);

        // This instance begins the run and probes; the other one, as if it had taken over, probes the same step.
        int probesBefore = CheckoutService.PROBES.get();
        CompletableFuture<Integer> mine = runner().advanceRunning();
        await().atMost(Duration.ofSeconds(20)).until(() -> CheckoutService.PROBES.get() > probesBefore);
        CompletableFuture<Integer> theirs = other.advanceRunning();
        await().atMost(Duration.ofSeconds(20)).until(() -> CheckoutService.PROBES.get() >= probesBefore + 3);
        clock.pin(T0.plus(Duration.ofMinutes(4)));
        CheckoutService.HEALTHY.set(true);
        mine.get(30, java.util.concurrent.TimeUnit.SECONDS);
        theirs.get(30, java.util.concurrent.TimeUnit.SECONDS);

        run(runId).body("status", equalTo("PASSED"))
                .body("checkpoints.SERVICE_RESTORED", equalTo(T0.plus(Duration.ofMinutes(4)).toString()));
        List<String> types = as("alice").get("/api/v1/drill-runs/" + runId + "/timeline").then().statusCode(200)
                .extract().path("type");
        assertThat(types).containsExactly("drillrun.DrillRunStarted", "drillrun.DrillStepStarted",
                "drillrun.DrillStepPassed", "drillrun.DrillCheckpointMarked", "drillrun.DrillStepStarted",
                "drillrun.DrillStepPassed", "drillrun.DrillCheckpointMarked", "drillrun.DrillRunScored",
                "drillrun.DrillRunEnded");
    }

    @Test
    void givenAnAllowListNarrowedAfterThePlanWasSaved_whenTheProbeStepRuns_thenItFailsUnprobed() throws Exception {
        String planId = plan("""
                [{"kind":"HTTP_PROBE","name":"checkout healthy","mandatory":true,"httpProbe":{"url":"%shealth"}}]"""
                .formatted(CheckoutService.url), "[]");
        String runId = listed(as("alice").post("/api/v1/drill-plans/" + planId + "/runs").then().statusCode(201)
                .extract().path("id"));
        DrillRunner narrowed = new DrillRunner(runViews, useCases.get(DrillRunQueries.class),
                useCases.get(DrillRunCommands.class), useCases.get(IncidentCommands.class), useCases.get(IncidentQueries.class),
                probes, new DrillSettings(Map.of(), null), clock);
        int probesBefore = CheckoutService.PROBES.get();

        narrowed.advanceRunning().get(30, java.util.concurrent.TimeUnit.SECONDS);

        run(runId).body("status", equalTo("FAILED"))
                .body("steps[0].evidence", containsString("not probed: url " + CheckoutService.url + "health is not allowed"))
                .body("score.verdict", equalTo("a mandatory step failed"));
        assertThat(CheckoutService.PROBES.get()).isEqualTo(probesBefore);
    }

    @Test
    void givenAWaitWhoseMilestoneCameAfterItsDeadline_whenTheRunnerComesBack_thenTheWaitFails() throws Exception {
        String planId = plan("""
                [{"kind":"INJECT","name":"reveal","inject":{"message":"Checkout answers 503","opensIncident":true}},
                 {"kind":"WAIT","name":"acknowledged","waitFor":{"duration":"PT5M","until":"ACKNOWLEDGED"}}]""", "[]");
        String runId = listed(as("alice").post("/api/v1/drill-plans/" + planId + "/runs").then().statusCode(201)
                .extract().path("id"));
        turn();
        String incident = run(runId).body("steps[1].status", equalTo("RUNNING")).extract().path("incidentId");

        // No runner turned while the wait ran out; the incident was acknowledged after it.
        clock.pin(T0.plus(Duration.ofMinutes(9)));
        as("bob").body("{}").post("/api/v1/incidents/" + incident + "/acknowledge").then().statusCode(200);
        turn();

        run(runId).body("steps[1].status", equalTo("FAILED"))
                .body("steps[1].evidence", containsString("not acknowledged within PT5M"));
    }

    @Test
    void givenAnAnswerThatStallsAfterItsHeaders_whenProbed_thenTheAttemptEndsAtTheStepsTimeout() throws Exception {
        String planId = plan("""
                [{"kind":"HTTP_PROBE","name":"stalls","httpProbe":{"url":"%sslow","timeout":"PT1S"}}]"""
                .formatted(CheckoutService.url), "[]");
        String runId = listed(as("alice").post("/api/v1/drill-plans/" + planId + "/runs").then().statusCode(201)
                .extract().path("id"));
        long started = System.nanoTime();

        turn();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        run(runId).body("steps[0].status", equalTo("FAILED"))
                .body("steps[0].evidence", containsString("timed out"));
    }
}
