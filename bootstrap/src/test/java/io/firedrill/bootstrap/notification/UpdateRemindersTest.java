package io.firedrill.bootstrap.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.port.in.notification.UpdateDueReminders;
import io.firedrill.bootstrap.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cadence reminders (default: P0 and P1 every 15 minutes): a running incident that went an interval without a status
 * update is reminded once, naming its commander and communications responders, counted from its last update; resolved
 * incidents and severities without a cadence are not; runs on several instances at once queue one reminder. The job
 * that runs the reminders on every instance is kept off in tests ({@code timed-check-every} 1 h): the test runs them.
 */
@QuarkusTest
class UpdateRemindersTest {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private NotifyingTenant api;

    @Inject
    TestClock clock;

    @Inject
    UseCases useCases;

    @BeforeEach
    void start() throws Exception {
        api = new NotifyingTenant("cadence");
    }

    @AfterEach
    void stop() {
        clock.release();
        api.close();
    }

    private String declare(String title, String severity) {
        return api.as().body("{\"title\":\"" + title + "\",\"severity\":\"" + severity + "\",\"services\":[\"checkout\"],"
                + "\"commander\":\"alice\"}").post("/api/v1/incidents").then().statusCode(201).extract().path("id");
    }

    static long feedLag() {
        List<Map<String, Object>> items = given().get("/api/v1/admin/projections").then().statusCode(200)
                .extract().path("items");
        Object lag = items.stream().filter(item -> "notification-outbox".equals(item.get("name"))).findFirst()
                .orElseThrow().get("lagEvents");
        return lag == null ? Long.MAX_VALUE : ((Number) lag).longValue();
    }

    @Test
    void aQuietRunningIncident_isRemindedOncePerInterval_fromItsLastUpdate() throws Exception {
        api.route(api.slack(false), "incident.update-due");

        Instant start = Instant.now().minus(Duration.ofMinutes(40));
        clock.pin(start);
        String quiet = declare("Quiet", "P1");
        api.as().body("{\"name\":\"dave\",\"role\":\"COMMUNICATIONS\"}").post("/api/v1/incidents/" + quiet + "/responders")
                .then().statusCode(200);
        String updated = declare("Updated", "P0");
        String over = declare("Over", "P1");
        api.as().body("{\"note\":\"fixed\"}").post("/api/v1/incidents/" + over + "/resolve").then().statusCode(200);
        declare("Minor", "P2");
        String raised = declare("Raised", "P3");
        Instant update = clock.advance(Duration.ofMinutes(14));
        api.as().body("{\"audience\":\"INTERNAL\",\"text\":\"Still digging.\"}")
                .post("/api/v1/incidents/" + updated + "/status-updates").then().statusCode(200);
        // raised to P1 without an update: its clock still runs from its declaration
        api.as().body("{\"severity\":\"P1\",\"reason\":\"more customers\"}").post("/api/v1/incidents/" + raised + "/severity")
                .then().statusCode(200);
        clock.release();
        await().atMost(Duration.ofSeconds(30)).until(() -> feedLag() == 0);

        // now: Quiet and Raised 40 minutes after their declaration (the second interval), Updated 26 after its
        // update (the first); three instances' runs at once find them due together and queue each reminder once
        // (a run takes at most 100 incidents, and other tests leave running incidents of their own: runs go on until
        // this tenant's have come)
        UpdateDueReminders reminders = useCases.get(UpdateDueReminders.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            CompletableFuture.allOf(reminders.remindDue(), reminders.remindDue(), reminders.remindDue())
                    .get(30, TimeUnit.SECONDS);
            return api.deliveries().size() >= 3;
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> api.vendors.of("slack").size() >= 3 && api.allDelivered());
        // another run queues nothing more for this tenant
        reminders.remindDue().get(30, TimeUnit.SECONDS);

        assertThat(api.deliveries()).hasSize(3).allSatisfy(d -> assertThat(d.get("type")).isEqualTo("incident.update-due"));
        List<String> texts = api.slackTexts();
        assertThat(texts).hasSize(3);
        assertThat(reminder(texts, "Quiet")).contains("no status update since " + MINUTE.format(start))
                .contains("Commander alice, communications dave");
        assertThat(reminder(texts, "Updated")).contains("(P0, DETECTED)")
                .contains("no status update since " + MINUTE.format(update));
        assertThat(reminder(texts, "Raised")).contains("(P1, DETECTED)")
                .contains("no status update since " + MINUTE.format(start));
        assertThat(texts).noneMatch(t -> t.contains("Over") || t.contains("Minor"));
    }

    private static String reminder(List<String> texts, String title) {
        return texts.stream().filter(t -> t.contains("needs a status update: " + title)).findFirst()
                .orElseThrow(() -> new AssertionError("no reminder for " + title + " in " + texts));
    }
}
