package io.firedrill.bootstrap.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.port.in.notification.UpdateDueReminders;
import io.firedrill.bootstrap.TestAuth;
import io.firedrill.bootstrap.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

    private final String tenant = "cadence-" + UUID.randomUUID().toString().substring(0, 8);
    private VendorServers vendors;

    @Inject
    TestClock clock;

    @Inject
    UseCases useCases;

    @BeforeEach
    void start() throws Exception {
        TestAuth.tenant(tenant);
        vendors = new VendorServers();
    }

    @AfterEach
    void stop() {
        clock.release();
        vendors.close();
    }

    private RequestSpecification as() {
        return given().contentType(ContentType.JSON).header(TestAuth.TENANT, tenant);
    }

    private String declare(String title, String severity) {
        return as().body("{\"title\":\"" + title + "\",\"severity\":\"" + severity + "\",\"services\":[\"checkout\"],"
                + "\"commander\":\"alice\"}").post("/api/v1/incidents").then().statusCode(201).extract().path("id");
    }

    private List<Map<String, Object>> deliveries() {
        return as().get("/api/v1/notifications/deliveries").then().statusCode(200).extract().path("items");
    }

    private List<String> texts() {
        return vendors.of("slack").stream().map(r -> r.body().path("blocks").path(0).path("text").path("text").asText()
                + "\n" + r.body().path("blocks").path(1).path("text").path("text").asText()).toList();
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
        String slack = as().body("{\"name\":\"war room\",\"kind\":\"SLACK\",\"url\":\"" + vendors.url("slack") + "\"}")
                .post("/api/v1/notification-channels").then().statusCode(201).extract().path("id");
        as().body("{\"name\":\"cadence\",\"channelId\":\"" + slack + "\",\"types\":[\"incident.update-due\"]}")
                .post("/api/v1/notification-routes").then().statusCode(201);

        Instant start = Instant.now().minus(Duration.ofMinutes(40));
        clock.pin(start);
        String quiet = declare("Quiet", "P1");
        as().body("{\"name\":\"dave\",\"role\":\"COMMUNICATIONS\"}").post("/api/v1/incidents/" + quiet + "/responders")
                .then().statusCode(200);
        String updated = declare("Updated", "P0");
        String over = declare("Over", "P1");
        as().body("{\"note\":\"fixed\"}").post("/api/v1/incidents/" + over + "/resolve").then().statusCode(200);
        declare("Minor", "P2");
        String raised = declare("Raised", "P3");
        Instant update = clock.advance(Duration.ofMinutes(14));
        as().body("{\"audience\":\"INTERNAL\",\"text\":\"Still digging.\"}")
                .post("/api/v1/incidents/" + updated + "/status-updates").then().statusCode(200);
        // raised to P1 without an update: its clock still runs from its declaration
        as().body("{\"severity\":\"P1\",\"reason\":\"more customers\"}").post("/api/v1/incidents/" + raised + "/severity")
                .then().statusCode(200);
        clock.release();
        await().atMost(Duration.ofSeconds(30)).until(() -> feedLag() == 0);

        // now: Quiet and Raised 40 minutes after their declaration (the second interval), Updated 26 after its
        // update (the first); three instances' runs at once find them due together and queue each reminder once
        UpdateDueReminders reminders = useCases.get(UpdateDueReminders.class);
        CompletableFuture.allOf(reminders.remindDue(), reminders.remindDue(), reminders.remindDue())
                .get(30, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(30)).until(() -> vendors.of("slack").size() >= 3
                && deliveries().stream().allMatch(d -> "DELIVERED".equals(d.get("status"))));
        // another run finds nothing more due
        assertThat(reminders.remindDue().get(30, TimeUnit.SECONDS)).isZero();

        assertThat(deliveries()).hasSize(3).allSatisfy(d -> assertThat(d.get("type")).isEqualTo("incident.update-due"));
        List<String> texts = texts();
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
