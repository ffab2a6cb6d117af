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
import io.firedrill.application.drill.DrillScheduler;
import io.firedrill.application.drill.DrillSettings;
import io.firedrill.application.port.in.drill.DrillRunAutomation;
import io.firedrill.application.port.in.drill.DrillRunCommands;
import io.firedrill.application.port.in.drill.DrillPlanCommands;
import io.firedrill.application.port.in.drill.DrillRunQueries;
import io.firedrill.application.port.in.drill.DrillScheduling;
import io.firedrill.application.port.in.incident.IncidentCommands;
import io.firedrill.application.port.in.incident.IncidentQueries;
import io.firedrill.application.port.out.CronSchedules;
import io.firedrill.application.port.out.DrillPlanViews;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A game day end to end: a scheduled plan against a real local HTTP service (healthy, then failing, then healthy again)
 * whose instant two schedulers race for, a facilitator who breaks the service, probes that find the outage and then
 * the recovery, an inject that opens the drill incident, responders acknowledging and mitigating it through the
 * incidents API, waits that end when the incident gets there, and a score computed by hand; runs taken over by another
 * instance. The runner's and the schedulers' turns are given by the test; the clock is the test's.
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

    @Inject
    DrillPlanViews planViews;

    @Inject
    CronSchedules cron;

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
        return given().header("X-Test-Tenant", TENANT).header("X-Test-Actor", actor).contentType("application/json");
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

    /** This application's runner as another instance would run it: its own turns, with these probes and settings. */
    private DrillRunner anotherRunner(DrillProbes probes, DrillSettings settings) {
        return new DrillRunner(runViews, useCases.get(DrillRunQueries.class), useCases.get(DrillRunCommands.class),
                useCases.get(IncidentCommands.class), useCases.get(IncidentQueries.class), probes, settings, clock);
    }

    private DrillScheduler anotherScheduler() {
        return new DrillScheduler(planViews, cron, useCases.get(DrillPlanCommands.class), useCases.get(DrillRunCommands.class),
                clock);
    }

    private ValidatableResponse run(String id) {
        return as("alice").get("/api/v1/drill-runs/" + id).then().statusCode(200);
    }

    private String plan(String steps, String objectives) {
        return plan(steps, objectives, "null");
    }

    private String plan(String steps, String objectives, String schedule) {
        String body = """
                {"name":"Checkout failover %s","service":"checkout","scenario":"The checkout database fails over",
                 "hypothesis":"The team detects it within a minute and restores service within 15",
                 "owner":"alice","severity":"P2","objectives":%s,"steps":%s,"schedule":%s}""".formatted(
                java.util.UUID.randomUUID(), objectives, steps, schedule);
        return as("alice").body(body).post("/api/v1/drill-plans").then().statusCode(201).extract().path("id");
    }

    @Test
    void givenAScheduledGameDay_whenTwoSchedulersRaceAndTheTeamResponds_thenOneRunRecordsEveryStep_andIsScoredByHand()
            throws Exception {
        // A healthy service before the fault, a facilitator who breaks it, a probe that sees the outage, an inject (one
        // minute in) that opens the drill incident, responders who acknowledge and mitigate it, and a probe that sees
        // the service healthy again.
        String steps = """
                [{"kind":"HTTP_PROBE","name":"checkout healthy before","mandatory":true,"httpProbe":{"url":"%1$shealth",
                   "bodyContains":"ok","timeout":"PT1S","deadline":"PT5S","interval":"PT1S"}},
                 {"kind":"MANUAL","name":"break checkout","manual":{"instructions":"Stop the checkout database primary"}},
                 {"kind":"CHECKPOINT","name":"fault injected","checkpoint":{"name":"FAULT_STARTED"}},
                 {"kind":"HTTP_PROBE","name":"outage seen","httpProbe":{"url":"%1$shealth","expectedStatus":503,
                   "timeout":"PT1S","deadline":"PT5S","interval":"PT1S"}},
                 {"kind":"INJECT","name":"reveal","inject":{"message":"Checkout answers 503","offset":"PT1M","opensIncident":true}},
                 {"kind":"WAIT","name":"acknowledged","waitFor":{"duration":"PT10M","until":"ACKNOWLEDGED"}},
                 {"kind":"WAIT","name":"mitigated","waitFor":{"duration":"PT30M","until":"MITIGATED"}},
                 {"kind":"HTTP_PROBE","name":"checkout healthy","mandatory":true,"httpProbe":{"url":"%1$shealth",
                   "bodyContains":"ok","timeout":"PT1S","deadline":"PT10M","interval":"PT1S",
                   "marks":"SERVICE_RESTORED","markerPointer":"/lastWrite"}}]""".formatted(CheckoutService.url);
        String objectives = """
                [{"kind":"DETECTION","target":"PT2M"},{"kind":"ACKNOWLEDGEMENT","target":"PT5M"},
                 {"kind":"MITIGATION","target":"PT10M"},{"kind":"RTO","target":"PT15M"},{"kind":"RPO","target":"PT1M"},
                 {"kind":"STEPS_COMPLETED","percent":100}]""";
        clock.pin(T0.minus(Duration.ofMinutes(1)));
        String planId = plan(steps, objectives, "{\"cron\":\"0 9 * * *\",\"zone\":\"UTC\"}");
        await().atMost(Duration.ofSeconds(60)).until(() -> planViews.scheduled().get(10, TimeUnit.SECONDS).stream()
                .anyMatch(plan -> plan.id().toString().equals(planId)));

        // 09:00: two schedulers (this instance's and another's) race for the instant; then two more that remember
        // nothing (instances started since) try it again: the plan's log says it is taken. One run starts.
        clock.pin(T0);
        CompletableFuture.allOf(useCases.get(DrillScheduling.class).startDue(), anotherScheduler().startDue())
                .get(30, TimeUnit.SECONDS);
        CompletableFuture.allOf(anotherScheduler().startDue(), anotherScheduler().startDue()).get(30, TimeUnit.SECONDS);
        List<String> history = as("alice").get("/api/v1/drill-plans/" + planId + "/history").then().statusCode(200)
                .extract().path("type");
        assertThat(history).filteredOn("drillrun.DrillRunStarted"::equals).hasSize(1);
        assertThat(history).doesNotContain("drill.DrillRunSkipped");
        await().atMost(Duration.ofSeconds(60)).until(() -> as("alice").get("/api/v1/drill-runs?planId=" + planId)
                .then().statusCode(200).extract().<List<String>>path("runs.id").size() == 1);
        String runId = listed(as("alice").get("/api/v1/drill-runs?planId=" + planId).then().statusCode(200)
                .extract().path("runs[0].id"));
        run(runId).body("status", equalTo("RUNNING")).body("trigger", equalTo("SCHEDULED"))
                .body("scheduledFor", equalTo(T0.toString())).body("planVersion", equalTo(1))
                .body("number", containsString("DR-2026-"));
        as("bob").post("/api/v1/drill-plans/" + planId + "/runs").then().statusCode(409)
                .body("code", equalTo("DRILL_RUN_ACTIVE"));

        // The service is healthy before the fault; the facilitator waits to break it.
        turn();
        run(runId).body("steps.status", equalTo(List.of("PASSED", "RUNNING", "PENDING", "PENDING", "PENDING", "PENDING",
                        "PENDING", "PENDING")))
                .body("steps[0].evidence", containsString("→ HTTP 200"));
        CheckoutService.HEALTHY.set(false);
        as("alice").body("{\"passed\":true,\"note\":\"primary stopped\"}")
                .post("/api/v1/drill-runs/" + runId + "/steps/1/confirm").then().statusCode(200);
        // The fault starts now, the probe sees the outage; the inject waits for its minute.
        turn();
        run(runId).body("steps.status", equalTo(List.of("PASSED", "PASSED", "PASSED", "PASSED", "PENDING", "PENDING",
                        "PENDING", "PENDING")))
                .body("checkpoints.FAULT_STARTED", equalTo(T0.toString()))
                .body("steps[3].evidence", containsString("→ HTTP 503"))
                .body("incidentId", nullValue());

        clock.pin(T0.plus(Duration.ofMinutes(1)));
        turn();
        String incident = run(runId).body("steps[4].status", equalTo("PASSED")).body("steps[5].status", equalTo("RUNNING"))
                .extract().path("incidentId");
        String number = run(runId).extract().path("number");
        as("bob").get("/api/v1/incidents/" + incident).then().statusCode(200)
                .body("drill", equalTo(true)).body("severity", equalTo("P2")).body("services", equalTo(List.of("checkout")))
                .body("tags", hasItems("drill", "drill-run:" + number))
                .body("title", containsString("[Drill " + number + "]"));

        clock.pin(T0.plus(Duration.ofMinutes(3)));
        as("bob").body("{}").post("/api/v1/incidents/" + incident + "/acknowledge").then().statusCode(200);
        turn();
        run(runId).body("steps[5].status", equalTo("PASSED")).body("steps[6].status", equalTo("RUNNING"));
        clock.pin(T0.plus(Duration.ofMinutes(8)));
        as("bob").body("{\"note\":\"failed over to the replica\"}").post("/api/v1/incidents/" + incident + "/mitigate")
                .then().statusCode(200);

        // The probe finds the service still down, and keeps trying within its deadline until it answers again.
        int probesBefore = CheckoutService.PROBES.get();
        CompletableFuture<Integer> probing = runner().advanceRunning();
        await().atMost(Duration.ofSeconds(20)).until(() -> CheckoutService.PROBES.get() >= probesBefore + 2);
        run(runId).body("steps[7].status", equalTo("RUNNING"));
        clock.pin(T0.plus(Duration.ofMinutes(12)));
        CheckoutService.HEALTHY.set(true);
        probing.get(30, TimeUnit.SECONDS);

        run(runId).body("status", equalTo("PASSED"))
                .body("steps.status", equalTo(java.util.Collections.nCopies(8, "PASSED")))
                .body("steps[1].evidence", equalTo("confirmed done by alice: primary stopped"))
                .body("steps[5].evidence", containsString("acknowledged at " + T0.plus(Duration.ofMinutes(3))))
                .body("steps[7].evidence", containsString("→ HTTP 200"))
                .body("steps[7].evidence", containsString("body contains \"ok\""))
                .body("checkpoints.SERVICE_RESTORED", equalTo(T0.plus(Duration.ofMinutes(12)).toString()))
                .body("markerAt", equalTo("2026-12-01T08:59:30Z"))
                .body("endedAt", equalTo(T0.plus(Duration.ofMinutes(12)).toString()))
                // By hand from the test clock: the fault at T0 (its checkpoint), the incident opened by the inject at
                // T0+1m, acknowledged at T0+3m, mitigated at T0+8m, the service healthy again at T0+12m, the last write
                // 30 s before the fault, all 8 steps passed; every target met, so every component earns its points.
                .body("score.definitionVersion", equalTo(1))
                .body("score.components.objective", equalTo(List.of("DETECTION", "ACKNOWLEDGEMENT", "MITIGATION", "RTO", "RPO",
                        "STEPS_COMPLETED")))
                .body("score.components.measured", equalTo(java.util.Arrays.asList("PT1M", "PT3M", "PT8M", "PT12M", "PT30S",
                        null)))
                .body("score.components[5].measuredPercent", equalTo(100))
                .body("score.components.met", equalTo(List.of(true, true, true, true, true, true)))
                .body("score.total", equalTo(100.0f))
                .body("score.passed", equalTo(true))
                .body("score.components[0].from", equalTo(List.of("checkpoint FAULT_STARTED at " + T0,
                        "incident.IncidentDeclared at " + T0.plus(Duration.ofMinutes(1)))))
                .body("score.components[1].from", equalTo(List.of("checkpoint FAULT_STARTED at " + T0,
                        "incident.IncidentAcknowledged at " + T0.plus(Duration.ofMinutes(3)))));
        List<String> types = as("alice").get("/api/v1/drill-runs/" + runId + "/timeline").then().statusCode(200)
                .extract().path("type");
        assertThat(types).startsWith("drillrun.DrillRunStarted", "drillrun.DrillStepStarted", "drillrun.DrillStepPassed")
                .endsWith("drillrun.DrillRunScored", "drillrun.DrillRunEnded")
                .contains("drillrun.DrillIncidentLinked", "drillrun.DrillCheckpointMarked");
        assertThat(types).filteredOn("drillrun.DrillStepStarted"::equals).hasSize(8);
        assertThat(types).filteredOn("drillrun.DrillRunEnded"::equals).hasSize(1);
        // Replayed at T0+3m: the acknowledgement ended the first wait, the second wait had just begun.
        as("alice").get("/api/v1/drill-runs/" + runId + "/replay?at=" + T0.plus(Duration.ofMinutes(3))).then().statusCode(200)
                .body("run.status", equalTo("RUNNING"))
                .body("run.steps.status", equalTo(List.of("PASSED", "PASSED", "PASSED", "PASSED", "PASSED", "PASSED",
                        "RUNNING", "PENDING")))
                .body("run.score", nullValue());
        as("alice").get("/api/v1/drill-runs/" + runId + "/replay?at=2026-11-30T00:00:00Z").then().statusCode(400)
                .body("errors[0].field", equalTo("at"));
        String report = as("alice").get("/api/v1/drill-runs/" + runId + "/report.md").then().statusCode(200)
                .contentType(containsString("text/markdown")).extract().asString();
        assertThat(report).startsWith("# Drill " + number + ": Checkout failover ")
                .contains("| 7 | checkout healthy (mandatory) | HTTP_PROBE | 2026-12-01 09:08:00 UTC | 2026-12-01 09:12:00 UTC | PASSED |")
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
        given().header("X-Test-Tenant", "someone-else").get("/api/v1/drill-runs/" + runId).then().statusCode(404);

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
        DrillRunner other = anotherRunner(probes, settings);

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

    /** An instance whose probes never answer (until the test lets them): as good as stopped once its probe is out. */
    private record Stalled(DrillRunner runner, java.util.concurrent.atomic.AtomicInteger probes,
                           CompletableFuture<DrillProbes.Answer> answer) {
    }

    private Stalled stalledInstance() {
        CompletableFuture<DrillProbes.Answer> answer = new CompletableFuture<>();
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        DrillProbes stalled = new DrillProbes() {
            @Override
            public CompletableFuture<Answer> http(io.firedrill.domain.drill.DrillStep.HttpProbe probe, Duration budget) {
                calls.incrementAndGet();
                return answer;
            }

            @Override
            public CompletableFuture<Answer> prometheus(java.net.URI prometheus,
                                                        io.firedrill.domain.drill.DrillStep.PrometheusQuery query,
                                                        Duration budget) {
                throw new AssertionError("no Prometheus step in these plans");
            }
        };
        return new Stalled(anotherRunner(stalled, settings), calls, answer);
    }

    /** A run whose probe step the stalled instance began at T0 and is probing, and that instance's turn. */
    private record StalledRun(String id, CompletableFuture<Integer> itsTurn) {
    }

    /** A run whose probe step (deadline {@code deadline}) the stalled instance began at T0 and is probing. */
    private StalledRun runStalledInItsProbe(Stalled stalled, String deadline) throws Exception {
        String planId = plan("""
                [{"kind":"CHECKPOINT","name":"fault injected","checkpoint":{"name":"FAULT_STARTED"}},
                 {"kind":"HTTP_PROBE","name":"checkout healthy","mandatory":true,"httpProbe":{"url":"%shealth",
                   "timeout":"PT1S","deadline":"%s","interval":"PT1S","marks":"SERVICE_RESTORED"}}]"""
                .formatted(CheckoutService.url, deadline), "[{\"kind\":\"RTO\",\"target\":\"PT10M\"}]");
        String runId = listed(as("alice").post("/api/v1/drill-plans/" + planId + "/runs").then().statusCode(201)
                .extract().path("id"));
        CompletableFuture<Integer> itsTurn = stalled.runner().advanceRunning();
        await().atMost(Duration.ofSeconds(20)).until(() -> run(runId).extract().<List<String>>path("steps.status")
                .equals(List.of("PASSED", "RUNNING")) && stalled.probes().get() >= 1);
        return new StalledRun(runId, itsTurn);
    }

    @Test
    void givenAnInstanceStoppedMidProbe_whenAnotherResumesTheRun_thenItFinishesOnce_andTheStoppedOnesLateAnswerCountsForNothing()
            throws Exception {
        Stalled stopped = stalledInstance();
        StalledRun stalledRun = runStalledInItsProbe(stopped, "PT5M");
        String runId = stalledRun.id();

        // Another instance resumes the run from its log, within the step's deadline: the probe is tried again.
        clock.pin(T0.plus(Duration.ofMinutes(3)));
        int probesBefore = CheckoutService.PROBES.get();
        turn();
        assertThat(CheckoutService.PROBES.get()).isGreaterThan(probesBefore);
        run(runId).body("status", equalTo("PASSED"))
                .body("steps[1].evidence", org.hamcrest.Matchers.startsWith("GET "))
                .body("checkpoints.SERVICE_RESTORED", equalTo(T0.plus(Duration.ofMinutes(3)).toString()))
                .body("score.components[0].measured", equalTo("PT3M"));

        // The stopped instance's probe answers at last (a process frozen, not dead): the step has ended, nothing is added.
        stopped.answer().complete(new DrillProbes.Answer(false, "HTTP 503 from a frozen instance", null));
        stalledRun.itsTurn().get(30, TimeUnit.SECONDS);
        turn();
        run(runId).body("status", equalTo("PASSED")).body("steps[1].evidence", org.hamcrest.Matchers.not(containsString("frozen")));
        List<String> types = as("alice").get("/api/v1/drill-runs/" + runId + "/timeline").then().statusCode(200)
                .extract().path("type");
        assertThat(types).containsExactly("drillrun.DrillRunStarted", "drillrun.DrillStepStarted",
                "drillrun.DrillStepPassed", "drillrun.DrillCheckpointMarked", "drillrun.DrillStepStarted",
                "drillrun.DrillStepPassed", "drillrun.DrillCheckpointMarked", "drillrun.DrillRunScored",
                "drillrun.DrillRunEnded");
    }

    @Test
    void givenAProbeStepTakenUpAgainOnlyAfterItsDeadline_thenItIsTriedOnce_andItsEvidenceSaysSo() throws Exception {
        Stalled stopped = stalledInstance();
        StalledRun stalledRun = runStalledInItsProbe(stopped, "PT1M");
        String runId = stalledRun.id();

        clock.pin(T0.plus(Duration.ofMinutes(4)));
        int probesBefore = CheckoutService.PROBES.get();
        turn();

        assertThat(CheckoutService.PROBES.get()).isGreaterThan(probesBefore);
        run(runId).body("status", equalTo("PASSED"))
                .body("steps[1].evidence", org.hamcrest.Matchers.startsWith("tried once: its deadline ("
                        + T0.plus(Duration.ofMinutes(1)) + ") had passed when it was taken up at " + T0.plus(Duration.ofMinutes(4))
                        + "; GET "))
                .body("score.components[0].measured", equalTo("PT4M"));
        stopped.answer().complete(new DrillProbes.Answer(false, "never recorded", null));
        stalledRun.itsTurn().get(30, TimeUnit.SECONDS);
        run(runId).body("steps[1].evidence", org.hamcrest.Matchers.not(containsString("never recorded")));
    }

    @Test
    void givenAnAllowListNarrowedAfterThePlanWasSaved_whenTheProbeStepRuns_thenItFailsUnprobed() throws Exception {
        String planId = plan("""
                [{"kind":"HTTP_PROBE","name":"checkout healthy","mandatory":true,"httpProbe":{"url":"%shealth"}}]"""
                .formatted(CheckoutService.url), "[]");
        String runId = listed(as("alice").post("/api/v1/drill-plans/" + planId + "/runs").then().statusCode(201)
                .extract().path("id"));
        DrillRunner narrowed = anotherRunner(probes, new DrillSettings(Map.of(), null));
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
