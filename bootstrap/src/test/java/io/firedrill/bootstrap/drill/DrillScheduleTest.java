package io.firedrill.bootstrap.drill;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firedrill.application.drill.DrillScheduler;
import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.port.in.drill.DrillPlanCommands;
import io.firedrill.application.port.in.drill.DrillRunCommands;
import io.firedrill.application.port.in.drill.DrillScheduling;
import io.firedrill.application.port.out.CronSchedules;
import io.firedrill.application.port.out.DrillPlanViews;
import io.firedrill.application.port.out.DrillRunNumbers;
import io.firedrill.domain.shared.TenantId;
import io.firedrill.bootstrap.TestClock;
import io.quarkus.test.junit.QuarkusTest;
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
 * Scheduled drill runs: a due instant starts one run even with two schedulers racing, an instant while the previous run
 * is still going, in a blackout, or missed beyond the grace period is recorded as skipped, and instants before the
 * schedule applies are never due. The schedulers' turns are given by the test, on the test's clock.
 */
@QuarkusTest
class DrillScheduleTest {

    @Inject
    TestClock clock;

    @Inject
    UseCases useCases;

    @Inject
    DrillPlanViews views;

    @Inject
    CronSchedules cron;

    @Inject
    DrillRunNumbers numbers;

    private final String tenant = "schedule-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void pin() {
        clock.pin(Instant.parse("2026-12-01T09:02:00Z"));
    }

    @AfterEach
    void release() {
        clock.release();
    }

    private RequestSpecification as() {
        return given().header("X-Test-Tenant", tenant).header("X-Test-Actor", "alice").contentType("application/json");
    }

    private String plan(String schedule) {
        String id = as().body("""
                {"name":"Scheduled %s","service":"checkout","scenario":"s","hypothesis":"h","owner":"alice","severity":"P3",
                 "steps":[{"kind":"MANUAL","name":"m","manual":{"instructions":"do it"}}],"schedule":%s}"""
                .formatted(UUID.randomUUID(), schedule)).post("/api/v1/drill-plans").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(60)).until(() -> views.scheduled().get(10, TimeUnit.SECONDS).stream()
                .anyMatch(plan -> plan.id().toString().equals(id)));
        return id;
    }

    private DrillScheduler anotherInstance() {
        return new DrillScheduler(views, cron, useCases.get(DrillPlanCommands.class), useCases.get(DrillRunCommands.class), clock);
    }

    private void turns(DrillScheduling... schedulers) throws Exception {
        CompletableFuture<?>[] turns = new CompletableFuture[schedulers.length];
        for (int i = 0; i < schedulers.length; i++) {
            turns[i] = schedulers[i].startDue();
        }
        CompletableFuture.allOf(turns).get(30, TimeUnit.SECONDS);
    }

    private List<Map<String, Object>> history(String plan) {
        return as().get("/api/v1/drill-plans/" + plan + "/history").then().statusCode(200).extract().path("$");
    }

    private List<Map<String, Object>> facts(String plan, String type) {
        return history(plan).stream().filter(fact -> type.equals(fact.get("type"))).toList();
    }

    @Test
    void givenTwoSchedulers_whenAnInstantComes_thenOneRunStarts_andTheNextInstantWhileItRunsIsSkipped() throws Exception {
        String plan = plan("{\"cron\":\"*/10 * * * *\"}");
        DrillScheduling mine = useCases.get(DrillScheduling.class);
        DrillScheduler other = anotherInstance();

        turns(mine, other);
        assertThat(facts(plan, "drillrun.DrillRunStarted")).as("09:00 is before the plan existed").isEmpty();

        clock.pin(Instant.parse("2026-12-01T09:10:00Z"));
        turns(mine, other);
        turns(mine, other);

        List<Map<String, Object>> started = facts(plan, "drillrun.DrillRunStarted");
        assertThat(started).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) started.getFirst().get("details");
        assertThat(details).containsEntry("trigger", "SCHEDULED").containsEntry("scheduledFor", "2026-12-01T09:10:00Z");
        assertThat(started.getFirst().get("source")).isEqualTo("scheduler");

        clock.pin(Instant.parse("2026-12-01T09:20:05Z"));
        turns(mine, other);
        List<Map<String, Object>> skipped = facts(plan, "drill.DrillRunSkipped");
        assertThat(skipped).hasSize(1);
        assertThat(skipped.getFirst().get("details")).isEqualTo(Map.of("scheduledFor", "2026-12-01T09:20:00Z",
                "reason", "the plan's previous run was still going"));
        assertThat(facts(plan, "drillrun.DrillRunStarted")).hasSize(1);
    }

    @Test
    void givenNumbersDrawnInOneGo_thenTheyAreConsecutive_andTheNextDrawGoesOnAfterThem() throws Exception {
        TenantId numbered = new TenantId(tenant);
        List<String> block = numbers.next(numbered, 2026, 3).get(10, TimeUnit.SECONDS).stream().map(n -> n.value()).toList();
        List<String> next = numbers.next(numbered, 2026, 1).get(10, TimeUnit.SECONDS).stream().map(n -> n.value()).toList();

        assertThat(block).containsExactly("DR-2026-0001", "DR-2026-0002", "DR-2026-0003");
        assertThat(next).containsExactly("DR-2026-0004");
    }

    @Test
    void givenMorePlansDueAtOnceThanTheConnectionPoolCanQueue_whenOneTurnComes_thenEveryOneStarts() throws Exception {
        // The pool holds 16 connections and queues 256 statements: the turn must not hand it 400 starts at once.
        int count = 400;
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < count; i++) {
            ids.add(as().body("""
                    {"name":"Due %d","service":"checkout","scenario":"s","hypothesis":"h","owner":"alice","severity":"P3",
                     "steps":[{"kind":"MANUAL","name":"m","manual":{"instructions":"do it"}}],"schedule":{"cron":"10 9 1 12 *"}}"""
                    .formatted(i)).post("/api/v1/drill-plans").then().statusCode(201).extract().<String>path("id"));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> views.scheduled().get(10, TimeUnit.SECONDS).stream()
                .filter(plan -> ids.contains(plan.id().toString())).count() == count);

        clock.pin(Instant.parse("2026-12-01T09:10:00Z"));
        turns(anotherInstance());

        await().atMost(Duration.ofSeconds(60)).until(() -> as().get("/api/v1/drill-runs?status=RUNNING&limit=500")
                .then().statusCode(200).extract().<List<String>>path("runs.id").size() == count);

        // Their next instant is a year away; their runs are ended, so that they take no other test's runner turns.
        for (String run : as().get("/api/v1/drill-runs?status=RUNNING&limit=500").then().extract().<List<String>>path("runs.id")) {
            as().body("{\"reason\":\"test over\"}").post("/api/v1/drill-runs/" + run + "/abort").then().statusCode(200);
        }
    }

    @Test
    void givenABlackoutDay_whenTheInstantFallsInIt_thenItIsSkippedWithTheReason() throws Exception {
        // 2026-12-01 is a Tuesday; in Asia/Shanghai 09:10 UTC is 17:10 the same day.
        String plan = plan("{\"cron\":\"10 17 * * *\",\"zone\":\"Asia/Shanghai\","
                + "\"blackouts\":[{\"days\":[\"TUESDAY\"],\"reason\":\"release day\"}]}");

        clock.pin(Instant.parse("2026-12-01T09:10:30Z"));
        turns(useCases.get(DrillScheduling.class));

        List<Map<String, Object>> skipped = facts(plan, "drill.DrillRunSkipped");
        assertThat(skipped).hasSize(1);
        assertThat(skipped.getFirst().get("details")).isEqualTo(Map.of("scheduledFor", "2026-12-01T09:10:00Z",
                "reason", "blackout: release day"));
        assertThat(facts(plan, "drillrun.DrillRunStarted")).isEmpty();
    }

    @Test
    void givenNoSchedulerUpWhenTheInstantCame_whenOneComesUpWithinTheGrace_thenTheRunStartsLate_andBeyondItIsSkipped()
            throws Exception {
        String late = plan("{\"cron\":\"0 10 * * *\",\"grace\":\"PT30M\"}");
        String missed = plan("{\"cron\":\"0 10 * * *\",\"grace\":\"PT5M\"}");

        clock.pin(Instant.parse("2026-12-01T10:20:00Z"));
        turns(anotherInstance());

        assertThat(facts(late, "drillrun.DrillRunStarted")).hasSize(1);
        List<Map<String, Object>> skipped = facts(missed, "drill.DrillRunSkipped");
        assertThat(skipped).hasSize(1);
        assertThat((String) ((Map<?, ?>) skipped.getFirst().get("details")).get("reason"))
                .startsWith("missed: not started within the grace period (PT5M) after 2026-12-01T10:00:00Z");
        assertThat(facts(missed, "drillrun.DrillRunStarted")).isEmpty();
    }

    @Test
    void givenAPausedPlan_thenItsInstantsStartNothing_andAfterItResumesOnlyLaterInstantsAreDue() throws Exception {
        String plan = plan("{\"cron\":\"*/10 * * * *\"}");
        as().body("{}").post("/api/v1/drill-plans/" + plan + "/pause").then().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> views.scheduled().get(10, TimeUnit.SECONDS).stream()
                .noneMatch(p -> p.id().toString().equals(plan)));

        clock.pin(Instant.parse("2026-12-01T09:10:00Z"));
        turns(anotherInstance());
        clock.pin(Instant.parse("2026-12-01T09:15:00Z"));
        as().post("/api/v1/drill-plans/" + plan + "/resume").then().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> views.scheduled().get(10, TimeUnit.SECONDS).stream()
                .anyMatch(p -> p.id().toString().equals(plan)));
        turns(anotherInstance());
        assertThat(history(plan).stream().map(fact -> fact.get("type")).toList())
                .as("09:10 passed while it was paused").doesNotContain("drillrun.DrillRunStarted", "drill.DrillRunSkipped");

        clock.pin(Instant.parse("2026-12-01T09:20:00Z"));
        turns(anotherInstance());
        assertThat(facts(plan, "drillrun.DrillRunStarted")).hasSize(1);
    }
}
