package io.firedrill.bootstrap.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firedrill.bootstrap.TestClock;
import io.firedrill.bootstrap.jobs.ActionItemReminderJob;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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

    private NotifyingTenant api;

    @Inject
    TestClock clock;

    @Inject
    ActionItemReminderJob reminders;

    @BeforeEach
    void start() throws Exception {
        api = new NotifyingTenant("subjects");
    }

    @AfterEach
    void stop() {
        clock.release();
        api.close();
    }

    @Test
    void anActionItemPastItsDueDate_isAnnouncedOnce() throws Exception {
        api.route(api.slack(false), "action-item.overdue");
        Instant created = Instant.now().minus(Duration.ofDays(3));
        clock.pin(created);
        String due = created.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1).toString();
        api.as().body("{\"title\":\"Add a canary stage\",\"owner\":\"bob\",\"dueDate\":\"" + due + "\",\"priority\":\"HIGH\","
                + "\"kind\":\"CORRECTIVE\"}").post("/api/v1/action-items").then().statusCode(201);

        // two days later the reminder job finds it overdue (once the item's read model has it); the fact is news
        // while the clock stands there; the job finds it once
        clock.pin(created.plus(Duration.ofDays(2)));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            reminders.run().get(60, TimeUnit.SECONDS);
            return api.vendors.of("slack").size() >= 1;
        });
        reminders.run().get(60, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(30)).until(api::allDelivered);

        assertThat(api.slackTexts()).singleElement().satisfies(text -> assertThat(text)
                .contains("Action item overdue: Add a canary stage").contains("due " + due).contains("Owner: bob"));
    }

    @Test
    void aDrillRunThatEnded_isAnnounced_onlyToAChannelThatAcceptsDrills() {
        String production = api.slack(false);
        var created = api.as().body("{\"name\":\"drills\",\"kind\":\"WEBHOOK\",\"url\":\"" + api.vendors.url("webhook")
                + "\",\"drills\":true}").post("/api/v1/notification-channels").then().statusCode(201).extract();
        api.vendors.webhookSecret = created.path("secret");
        String drills = created.path("id");
        api.as().body("{\"name\":\"prod\",\"channelId\":\"" + production + "\",\"types\":[\"drill-run.finished\"]}")
                .post("/api/v1/notification-routes").then().statusCode(201);
        api.as().body("{\"name\":\"drills\",\"channelId\":\"" + drills + "\",\"types\":[\"drill-run.finished\"],"
                + "\"traffic\":\"DRILLS\"}").post("/api/v1/notification-routes").then().statusCode(201);
        String plan = api.as().body("""
                {"name":"Payments failover","service":"payments","scenario":"s","hypothesis":"h","owner":"carol",
                 "severity":"P3","steps":[{"kind":"MANUAL","name":"m","manual":{"instructions":"do it"}}]}""")
                .post("/api/v1/drill-plans").then().statusCode(201).extract().path("id");
        String run = api.as().post("/api/v1/drill-plans/" + plan + "/runs").then().statusCode(201).extract().path("id");
        api.as().body("{\"reason\":\"the real payments are degraded\"}").post("/api/v1/drill-runs/" + run + "/abort")
                .then().statusCode(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> api.vendors.of("webhook").size() >= 1);
        assertThat(api.vendors.of("webhook")).singleElement().satisfies(received -> assertThat(received.body().toString())
                .contains("Payments failover").contains("ABORTED").contains("the real payments are degraded"));
        // the one message of the tenant is the drills channel's: none was queued for the production one
        await().atMost(Duration.ofSeconds(30)).until(api::allDelivered);
        assertThat(api.deliveries()).singleElement().satisfies(d -> assertThat(d.get("channelId")).isEqualTo(drills));
    }
}
