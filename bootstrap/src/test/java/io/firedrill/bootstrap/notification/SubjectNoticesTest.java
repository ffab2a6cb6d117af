package io.firedrill.bootstrap.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firedrill.bootstrap.TestAuth;
import io.firedrill.bootstrap.TestClock;
import io.firedrill.bootstrap.jobs.ActionItemReminderJob;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Notices about other things than incidents: an action item that passed its due date, and a drill run that ended
 * (drill traffic, so only to a channel that accepts drills).
 */
@QuarkusTest
class SubjectNoticesTest {

    private final String tenant = "subjects-" + UUID.randomUUID().toString().substring(0, 8);
    private VendorServers vendors;

    @Inject
    TestClock clock;

    @Inject
    ActionItemReminderJob reminders;

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

    private String slackChannel(boolean drills) {
        return as().body("{\"name\":\"team\",\"kind\":\"SLACK\",\"url\":\"" + vendors.url("slack") + "\",\"drills\":"
                + drills + "}").post("/api/v1/notification-channels").then().statusCode(201).extract().path("id");
    }

    private List<String> texts() {
        return vendors.of("slack").stream().map(r -> r.body().path("blocks").path(0).path("text").path("text").asText()
                + "\n" + r.body().path("blocks").path(1).path("text").path("text").asText()).toList();
    }

    @Test
    void anActionItemPastItsDueDate_isAnnouncedOnce() throws Exception {
        String slack = slackChannel(false);
        as().body("{\"name\":\"items\",\"channelId\":\"" + slack + "\",\"types\":[\"action-item.overdue\"]}")
                .post("/api/v1/notification-routes").then().statusCode(201);
        Instant created = Instant.now().minus(Duration.ofDays(3));
        clock.pin(created);
        String due = created.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1).toString();
        as().body("{\"title\":\"Add a canary stage\",\"owner\":\"bob\",\"dueDate\":\"" + due + "\",\"priority\":\"HIGH\","
                + "\"kind\":\"CORRECTIVE\"}").post("/api/v1/action-items").then().statusCode(201);

        // two days later the reminder job finds it overdue (once the item's read model has it); the fact is news
        // while the clock stands there; the job finds it once
        clock.pin(created.plus(Duration.ofDays(2)));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            reminders.run().get(60, TimeUnit.SECONDS);
            return vendors.of("slack").size() >= 1;
        });
        reminders.run().get(60, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(30)).until(() -> as().get("/api/v1/notifications/deliveries").then()
                .extract().<List<String>>path("items.status").stream().allMatch("DELIVERED"::equals));

        assertThat(texts()).singleElement().satisfies(text -> assertThat(text)
                .contains("Action item overdue: Add a canary stage").contains("due " + due).contains("Owner: bob"));
    }

    @Test
    void aDrillRunThatEnded_isAnnounced_onlyToAChannelThatAcceptsDrills() {
        String production = slackChannel(false);
        var created = as().body("{\"name\":\"drills\",\"kind\":\"WEBHOOK\",\"url\":\"" + vendors.url("webhook")
                + "\",\"drills\":true}").post("/api/v1/notification-channels").then().statusCode(201).extract();
        vendors.webhookSecret = created.path("secret");
        String drills = created.path("id");
        as().body("{\"name\":\"prod\",\"channelId\":\"" + production + "\",\"types\":[\"drill-run.finished\"]}")
                .post("/api/v1/notification-routes").then().statusCode(201);
        as().body("{\"name\":\"drills\",\"channelId\":\"" + drills + "\",\"types\":[\"drill-run.finished\"],"
                + "\"traffic\":\"DRILLS\"}").post("/api/v1/notification-routes").then().statusCode(201);
        String plan = as().body("""
                {"name":"Payments failover","service":"payments","scenario":"s","hypothesis":"h","owner":"carol",
                 "severity":"P3","steps":[{"kind":"MANUAL","name":"m","manual":{"instructions":"do it"}}]}""")
                .post("/api/v1/drill-plans").then().statusCode(201).extract().path("id");
        String run = as().post("/api/v1/drill-plans/" + plan + "/runs").then().statusCode(201).extract().path("id");
        as().body("{\"reason\":\"the real payments are degraded\"}").post("/api/v1/drill-runs/" + run + "/abort")
                .then().statusCode(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> vendors.of("webhook").size() >= 1);
        assertThat(vendors.of("webhook")).singleElement().satisfies(received -> assertThat(received.body().toString())
                .contains("Payments failover").contains("ABORTED").contains("the real payments are degraded"));
        assertThat(vendors.of("slack")).as("production traffic only").isEmpty();
    }
}
