package io.firedrill.bootstrap.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.port.in.drill.DrillReviewReminders;
import io.firedrill.application.port.in.drill.DrillRunAutomation;
import io.firedrill.bootstrap.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The drill figures of the metrics summary and of Prometheus, computed by hand: three runs of one plan end in the
 * period (passed, failed by a mandatory step, aborted), with first scores of 100, 0 and 50; one is reviewed with two
 * findings, one of them an action item.
 */
@QuarkusTest
class DrillMetricsTest {

    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    @Inject
    TestClock clock;

    @Inject
    UseCases useCases;

    @Inject
    FiredrillGauges gauges;

    private final String tenant = "drill-metrics-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void pin() {
        clock.pin(T0);
    }

    @AfterEach
    void release() {
        clock.release();
    }

    private RequestSpecification as() {
        return given().header("X-Test-Tenant", tenant).header("X-Test-Actor", "alice").contentType("application/json");
    }

    private void turn() throws Exception {
        useCases.get(DrillRunAutomation.class).advanceRunning().get(30, TimeUnit.SECONDS);
    }

    /** Gives the run turns until step {@code n} runs, then confirms it. */
    private void confirm(String run, int n, boolean passed) throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            turn();
            return "RUNNING".equals(as().get("/api/v1/drill-runs/" + run).then().extract().path("steps[" + n + "].status"));
        });
        as().body(Map.of("passed", passed)).post("/api/v1/drill-runs/" + run + "/steps/" + n + "/confirm").then().statusCode(200);
    }

    private void ended(String run, String status) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            turn();
            var response = as().get("/api/v1/drill-runs/" + run).then().statusCode(200).extract();
            return status.equals(response.path("status")) && response.path("score") != null;
        });
    }

    private String run(String plan) {
        return as().post("/api/v1/drill-plans/" + plan + "/runs").then().statusCode(201).extract().path("id");
    }

    @Test
    void givenThreeEndedRuns_thenThePassRateTheMedianScoreAndTheReviewShareAreTheirs() throws Exception {
        String plan = as().body("""
                {"name":"Tabletop","service":"payments","scenario":"s","hypothesis":"h","owner":"alice","severity":"P3",
                 "objectives":[{"kind":"STEPS_COMPLETED","percent":100}],
                 "steps":[{"kind":"MANUAL","name":"fail over","mandatory":true,"manual":{"instructions":"do it"}},
                          {"kind":"MANUAL","name":"tell the customers","manual":{"instructions":"post it"}}]}""")
                .post("/api/v1/drill-plans").then().statusCode(201).extract().path("id");

        String passed = run(plan);
        confirm(passed, 0, true);
        confirm(passed, 1, true);
        ended(passed, "PASSED");
        clock.pin(T0.plusSeconds(600));
        String failed = run(plan);
        confirm(failed, 0, false);
        ended(failed, "FAILED");
        clock.pin(T0.plusSeconds(1200));
        String aborted = run(plan);
        confirm(aborted, 0, true);
        as().body(Map.of("reason", "a real outage")).post("/api/v1/drill-runs/" + aborted + "/abort").then().statusCode(200);
        ended(aborted, "ABORTED");
        as().body("""
                {"findings":[{"title":"The runbook is stale","actionItem":{"owner":"bob","dueDate":"2026-12-20","priority":"HIGH"}},
                             {"title":"Noise","waivedReason":"known"}],"scoreConfirmed":true}""")
                .post("/api/v1/drill-runs/" + passed + "/review").then().statusCode(200);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as()
                .get("/api/v1/metrics/summary?from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z").then().statusCode(200)
                .body("drillPassRate", equalTo(1 / 3.0f))
                .body("drills.runs.runs", equalTo(3))
                .body("drills.runs.passed", equalTo(1))
                .body("drills.runs.failed", equalTo(1))
                .body("drills.runs.aborted", equalTo(1))
                .body("drills.runs.medianScore", equalTo(50.0f))
                .body("drills.runs.reviewed", equalTo(1))
                .body("drills.runs.reviewedWithin7Days", equalTo(1))
                .body("drills.runs.findings", equalTo(2))
                .body("drills.runs.findingsWithActionItems", equalTo(1)));
        as().get("/api/v1/metrics/summary?from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z&service=checkout").then()
                .statusCode(200).body("drills.runs.runs", equalTo(0)).body("drillPassRate", equalTo(null));

        gauges.refresh();
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("firedrill_drill_runs_total{tenant=\"" + tenant + "\",result=\"PASSED\"} 1.0",
                "firedrill_drill_runs_total{tenant=\"" + tenant + "\",result=\"FAILED\"} 1.0",
                "firedrill_drill_runs_total{tenant=\"" + tenant + "\",result=\"ABORTED\"} 1.0",
                "firedrill_drill_runs_awaiting_review{tenant=\"" + tenant + "\"} 2.0",
                // The review share in Prometheus: 1 reviewed in time over the 3 runs above.
                "firedrill_drill_runs_reviewed_within_7_days{tenant=\"" + tenant + "\"} 1.0");

        // Three days and more without a review: the reminder nudges each waiting run once a day, and not the reviewed one.
        DrillReviewReminders reminders = useCases.get(DrillReviewReminders.class);
        clock.pin(T0.plus(Duration.ofDays(4)));
        reminders.remind().get(30, TimeUnit.SECONDS);
        reminders.remind().get(30, TimeUnit.SECONDS);
        clock.pin(T0.plus(Duration.ofDays(5)));
        reminders.remind().get(30, TimeUnit.SECONDS);
        assertThat(reminded(failed)).containsExactly("2026-12-05", "2026-12-06");
        assertThat(reminded(aborted)).containsExactly("2026-12-05", "2026-12-06");
        assertThat(reminded(passed)).isEmpty();
    }

    private List<Object> reminded(String run) {
        List<Map<String, Object>> timeline = as().get("/api/v1/drill-runs/" + run + "/timeline").then().statusCode(200)
                .extract().path("$");
        return timeline.stream().filter(fact -> "drillrun.DrillRunReviewReminded".equals(fact.get("type")))
                .map(fact -> ((Map<?, ?>) fact.get("details")).get("day")).map(Object.class::cast).toList();
    }
}
