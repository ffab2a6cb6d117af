package io.firedrill.bootstrap.actionitem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.firedrill.application.actionitem.ActionItemReminders.Run;
import io.firedrill.application.actionitem.ActionItemSlice;
import io.firedrill.bootstrap.TestClock;
import io.firedrill.bootstrap.axon.AxonRuntime;
import io.firedrill.bootstrap.axon.EventProcessors;
import io.firedrill.bootstrap.jobs.ActionItemReminderJob;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The report's figures on a known data set, the reminder job's exactly-once facts, and the rebuilt read model. */
@QuarkusTest
class ActionItemReportAndRemindersTest {

    private static final Instant DEC_7 = Instant.parse("2025-12-07T09:00:00Z");
    private static final Instant DEC_11 = Instant.parse("2025-12-11T06:00:00Z");

    @TestHTTPResource("/api/v1/action-items")
    URI items;

    @Inject
    TestClock clock;

    @Inject
    ActionItemReminderJob job;

    @Inject
    AxonRuntime axon;

    @Inject
    EventProcessors processors;

    @AfterEach
    void releaseTheClock() {
        clock.release();
    }

    @Test
    void givenAKnownDataSet_whenReported_thenEveryFigureOverallByOwnerAndByPriority() {
        ActionItemApi api = new ActionItemApi(items, "report");
        clock.pin(DEC_7);
        String joLate = api.createdId("jo late", "jo", "2025-12-08", "HIGH");
        String joDone = api.createdId("jo done", "jo", "2025-12-10", "HIGH");
        String joCancelled = api.createdId("jo cancelled", "jo", "2025-12-20", "LOW");
        String kimBlocked = api.createdId("kim blocked", "kim", "2025-12-09", "CRITICAL");
        String kimWorking = api.createdId("kim working", "kim", "2025-12-30", "MEDIUM");
        api.post(joDone, "complete", "").then().statusCode(200);
        api.post(joCancelled, "cancel", "{\"reason\":\"not needed\"}").then().statusCode(200);
        api.post(kimBlocked, "block", "{\"reason\":\"vendor\"}").then().statusCode(200);
        api.post(kimWorking, "start", "").then().statusCode(200);
        clock.pin(DEC_11);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                api.request().queryParam("status", "BLOCKED").get(items).then().body("items", hasSize(1)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                api.request().get(items + "/report").then().statusCode(200).body("overall.total", equalTo(5))
                        .body("overall.cancelled", equalTo(1)).body("overall.inProgress", equalTo(1))
                        .body("overall.completed", equalTo(1)));

        Map<String, Object> report = api.request().get(items + "/report").then().statusCode(200)
                .body("asOf", equalTo("2025-12-11")).extract().path("$");

        assertThat(report.get("overall")).isEqualTo(totals(5, 1, 1, 1, 1, 1, 2, 0.25));
        assertThat(map(report.get("byOwner"))).containsExactly(
                Map.entry("jo", (Object) totals(3, 1, 0, 0, 1, 1, 1, 0.5)),
                Map.entry("kim", (Object) totals(2, 0, 1, 1, 0, 0, 1, 0.0)));
        assertThat(map(report.get("byPriority"))).containsExactly(
                Map.entry("CRITICAL", (Object) totals(1, 0, 0, 1, 0, 0, 1, 0.0)),
                Map.entry("HIGH", (Object) totals(2, 1, 0, 0, 1, 0, 1, 0.5)),
                Map.entry("MEDIUM", (Object) totals(1, 0, 1, 0, 0, 0, 0, 0.0)),
                Map.entry("LOW", (Object) totals(1, 0, 0, 0, 0, 1, 0, null)));
        assertThat(joLate).isNotEqualTo(kimBlocked);
    }

    @Test
    void givenDueAndOverdueItems_whenTwoJobRunsRaceAndThenRunAgain_thenEachFactIsRecordedExactlyOnce() throws Exception {
        ActionItemApi api = new ActionItemApi(items, "remind");
        clock.pin(DEC_7);
        List<String> late = new ArrayList<>();
        List<String> soon = new ArrayList<>();
        List<String> later = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            late.add(api.createdId("late " + i, "owner" + i % 3, "2025-12-0" + (8 + i % 2), "HIGH"));
            soon.add(api.createdId("soon " + i, "owner" + i % 3, "2025-12-1" + (1 + i % 3), "MEDIUM"));
            later.add(api.createdId("later " + i, "owner" + i % 3, "2025-12-20", "LOW"));
        }
        String lateButDone = api.createdId("late but done", "owner0", "2025-12-08", "HIGH");
        api.post(lateButDone, "complete", "").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api.request().queryParam("limit", 500).get(items)
                .then().body("items", hasSize(37)).body("items.find { it.title == 'late but done' }.status",
                        equalTo("COMPLETED")));
        clock.pin(DEC_11);

        CompletableFuture<Run> first = job.run();
        CompletableFuture<Run> second = job.run();
        CompletableFuture.allOf(first, second).get(120, TimeUnit.SECONDS);
        assertThat(first.get().failed()).as("failures: %s", first.get().firstFailure()).isZero();
        assertThat(second.get().failed()).as("failures: %s", second.get().firstFailure()).isZero();

        for (String id : late) {
            assertThat(types(api, id)).containsExactly("actionitem.ActionItemCreated", "actionitem.ActionItemBecameOverdue");
        }
        for (String id : soon) {
            assertThat(types(api, id)).containsExactly("actionitem.ActionItemCreated", "actionitem.ActionItemDueSoon");
        }
        for (String id : later) {
            assertThat(types(api, id)).containsExactly("actionitem.ActionItemCreated");
        }
        assertThat(types(api, lateButDone)).containsExactly("actionitem.ActionItemCreated",
                "actionitem.ActionItemCompleted");
        api.request().get(items + "/" + late.getFirst() + "/history").then()
                .body("[1].actor", equalTo("system:scheduler")).body("[1].source", equalTo("scheduler"))
                .body("[1].details.dueDate", equalTo("2025-12-08"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Run again = job.run().get(60, TimeUnit.SECONDS);
            assertThat(again.overdue() + again.reminders()).isZero();
        });
        for (String id : late) {
            assertThat(types(api, id)).hasSize(2);
        }

        // A new due date is a new occasion: reminded before it, recorded overdue after it.
        String moved = late.getFirst();
        api.request().body("{\"dueDate\":\"2025-12-13\"}").patch(items + "/" + moved).then().statusCode(200)
                .body("overdue", equalTo(false));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            job.run().get(60, TimeUnit.SECONDS);
            assertThat(types(api, moved)).endsWith("actionitem.ActionItemDueDateChanged", "actionitem.ActionItemDueSoon");
        });
        clock.pin(DEC_11.plus(Duration.ofDays(3)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            job.run().get(60, TimeUnit.SECONDS);
            assertThat(types(api, moved)).endsWith("actionitem.ActionItemDueSoon", "actionitem.ActionItemBecameOverdue");
        });
        assertThat(types(api, moved)).filteredOn("actionitem.ActionItemBecameOverdue"::equals).hasSize(2);
    }

    @Test
    void givenItems_whenTheReadModelIsRebuiltFromTheLog_thenTheListIsTheSame() throws Exception {
        ActionItemApi api = new ActionItemApi(items, "rebuild");
        clock.pin(DEC_7);
        for (int i = 0; i < 10; i++) {
            String id = api.createdId("item " + i, "owner" + i % 4, "2025-12-" + (10 + i), i % 2 == 0 ? "HIGH" : "LOW");
            switch (i % 4) {
                case 0 -> api.post(id, "start", "").then().statusCode(200);
                case 1 -> api.post(id, "block", "{\"reason\":\"r\"}").then().statusCode(200);
                case 2 -> api.request().body("{\"owner\":\"zed\"}").patch(items + "/" + id).then().statusCode(200);
                default -> api.post(id, "complete", "").then().statusCode(200);
            }
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api.request().queryParam("owner", "zed").get(items)
                .then().body("items", hasSize(2)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api.request().queryParam("status", "COMPLETED")
                .get(items).then().body("items", hasSize(2)));
        List<Map<String, Object>> live = api.request().get(items).then().statusCode(200).body("nextCursor", nullValue())
                .extract().path("items");
        assertThat(live).hasSize(10);

        processors.rebuild(ActionItemSlice.LIST_PROCESSOR).get(60, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(api.request().get(items).then().statusCode(200).extract().<List<Map<String, Object>>>path("items"))
                        .isEqualTo(live));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object json) {
        return (Map<String, Object>) json;
    }

    private List<String> types(ActionItemApi api, String id) {
        return api.request().get(items + "/" + id + "/history").then().statusCode(200).extract().path("type");
    }

    private static Map<String, Object> totals(int total, int notStarted, int inProgress, int blocked, int completed,
                                              int cancelled, int overdue, Double completionRate) {
        Map<String, Object> totals = new java.util.LinkedHashMap<>();
        totals.put("total", total);
        totals.put("notStarted", notStarted);
        totals.put("inProgress", inProgress);
        totals.put("blocked", blocked);
        totals.put("completed", completed);
        totals.put("cancelled", cancelled);
        totals.put("overdue", overdue);
        totals.put("completionRate", completionRate == null ? null : completionRate.floatValue());
        return totals;
    }
}
