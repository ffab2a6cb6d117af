package io.firedrill.bootstrap.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firedrill.bootstrap.TestAuth;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Facts reach channels through the outbox, after the commands answered: in order per incident, once per message id;
 * a vendor's failure is retried with backoff until it passes; a refusal ends as a dead letter in the delivery log,
 * which a retry sends again once its cause is fixed.
 */
@QuarkusTest
class NotificationDeliveryTest {

    private static final String DELIVERIES = "/api/v1/notifications/deliveries";

    private final String tenant = "delivery-" + UUID.randomUUID().toString().substring(0, 8);
    private VendorServers vendors;

    @BeforeEach
    void start() throws Exception {
        TestAuth.tenant(tenant);
        vendors = new VendorServers();
    }

    @AfterEach
    void stop() {
        vendors.close();
    }

    private RequestSpecification as() {
        return given().contentType(ContentType.JSON).header(TestAuth.TENANT, tenant);
    }

    private String channel(String kind, String vendor, String secret) {
        return as().body("{\"name\":\"" + vendor + "\",\"kind\":\"" + kind + "\",\"url\":\"" + vendors.url(vendor) + "\""
                        + (secret == null ? "" : ",\"secret\":\"" + secret + "\"") + "}")
                .post("/api/v1/notification-channels").then().statusCode(201).extract().path("id");
    }

    private void route(String channel, String... types) {
        as().body("{\"name\":\"r\",\"channelId\":\"" + channel + "\",\"types\":[\"" + String.join("\",\"", types) + "\"]}")
                .post("/api/v1/notification-routes").then().statusCode(201);
    }

    private String declare(String title) {
        return as().body("{\"title\":\"" + title + "\",\"severity\":\"P1\",\"services\":[\"checkout\"]}")
                .post("/api/v1/incidents").then().statusCode(201).extract().path("id");
    }

    private List<Map<String, Object>> deliveries() {
        return as().get(DELIVERIES).then().statusCode(200).extract().path("items");
    }

    @Test
    void anIncidentsFacts_arriveInOrder_onceEach_andTheLogShowsThemDelivered() {
        String slack = channel("SLACK", "slack", null);
        route(slack, "incident.declared", "incident.acknowledged", "incident.mitigating",
                "incident.status-update.internal", "incident.resolved");

        String id = declare("Checkout down");
        as().body("{}").post("/api/v1/incidents/" + id + "/acknowledge").then().statusCode(200);
        as().body("{\"note\":\"rolled back\"}").post("/api/v1/incidents/" + id + "/mitigate").then().statusCode(200);
        as().body("{\"audience\":\"INTERNAL\",\"text\":\"Latency is falling.\"}")
                .post("/api/v1/incidents/" + id + "/status-updates").then().statusCode(200);
        as().body("{\"note\":\"fixed\"}").post("/api/v1/incidents/" + id + "/resolve").then().statusCode(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> vendors.of("slack").size() >= 5);
        List<String> titles = vendors.of("slack").stream()
                .map(r -> r.body().path("blocks").path(0).path("text").path("text").asText()).toList();
        assertThat(titles).hasSize(5);
        assertThat(titles.get(0)).contains("P1 declared: Checkout down");
        assertThat(titles.get(1)).contains("acknowledged");
        assertThat(titles.get(2)).contains("mitigation started");
        assertThat(titles.get(3)).contains("status update");
        assertThat(titles.get(4)).contains("recovered");
        assertThat(vendors.of("slack").get(3).body().toString()).contains("Latency is falling.");
        // Slack's limit, one message a second per webhook: five messages take more than three seconds
        List<java.time.Instant> arrivals = vendors.of("slack").stream().map(VendorServers.Received::at).toList();
        assertThat(Duration.between(arrivals.getFirst(), arrivals.getLast())).isGreaterThan(Duration.ofSeconds(3));

        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries().stream()
                .filter(d -> "DELIVERED".equals(d.get("status"))).count() == 5);
        List<Map<String, Object>> log = deliveries();
        assertThat(log).hasSize(5).allSatisfy(d -> {
            assertThat(d.get("attempts")).isEqualTo(1);
            assertThat((List<?>) d.get("history")).hasSize(1);
            assertThat(d.get("channelId")).isEqualTo(slack);
        });
        // the footer carries each message's id: one message each, none twice
        List<String> footers = vendors.of("slack").stream()
                .map(r -> r.body().path("blocks").path(2).path("elements").path(0).path("text").asText()).toList();
        assertThat(footers).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(log.stream().map(d -> "Firedrill · " + d.get("messageId")).toList());
    }

    @Test
    void aFactWaitsForTheEarlierOnesOfItsIncident_evenWhenTheyAreRetried() {
        String slack = channel("SLACK", "slack", null);
        route(slack, "incident.declared", "incident.acknowledged");
        vendors.failNext.set(2); // the declaration fails twice, then passes
        String id = declare("Ordered");
        as().body("{}").post("/api/v1/incidents/" + id + "/acknowledge").then().statusCode(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> vendors.of("slack").size() >= 2);
        List<String> titles = vendors.of("slack").stream()
                .map(r -> r.body().path("blocks").path(0).path("text").path("text").asText()).toList();
        assertThat(titles.get(0)).contains("declared: Ordered");
        assertThat(titles.get(1)).contains("acknowledged: Ordered");
        Map<String, Object> declared = deliveries().getLast();
        assertThat(declared.get("attempts")).isEqualTo(3);
        // a delivered message is not sent twice by hand
        as().post(DELIVERIES + "/" + declared.get("messageId") + "/retry").then().statusCode(409);
    }

    @Test
    void aFailingVendorIsRetried_withBackoff_untilItTakesTheMessage() {
        String slack = channel("SLACK", "slack", null);
        route(slack, "incident.declared");
        vendors.mode = VendorServers.Mode.SERVER_ERROR;
        declare("Retried");

        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries().stream()
                .anyMatch(d -> ((Integer) d.get("attempts")) >= 2));
        Map<String, Object> pending = deliveries().getFirst();
        assertThat(pending.get("status")).isEqualTo("PENDING");
        // the next attempt is scheduled after the message was queued
        assertThat(java.time.Instant.parse((String) pending.get("nextAttemptAt")))
                .isAfter(java.time.Instant.parse((String) pending.get("createdAt")));
        assertThat((List<Map<String, Object>>) pending.get("history")).allSatisfy(attempt -> {
            assertThat(attempt.get("status")).isEqualTo(500);
            assertThat(attempt.get("accepted")).isEqualTo(false);
        });
        assertThat(vendors.of("slack")).isEmpty();

        vendors.mode = VendorServers.Mode.NORMAL;
        await().atMost(Duration.ofSeconds(30)).until(() -> "DELIVERED".equals(deliveries().getFirst().get("status")));
        assertThat(vendors.of("slack")).hasSize(1);
    }

    @Test
    void aRefusalIsADeadLetter_andARetryAfterTheFixDeliversIt() {
        String feishu = channel("FEISHU", "feishu", "not-the-bots-secret");
        route(feishu, "incident.declared");
        declare("Refused");

        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries().stream().anyMatch(d -> "DEAD".equals(d.get("status"))));
        Map<String, Object> dead = deliveries().getFirst();
        assertThat((String) dead.get("deadReason")).contains("sign match fail");
        assertThat(dead.get("attempts")).isEqualTo(1);
        assertThat(((List<Map<String, Object>>) dead.get("history")).getFirst().get("vendorCode")).isEqualTo("19021");

        as().body("{\"secret\":\"" + VendorServers.FEISHU_SECRET + "\"}").patch("/api/v1/notification-channels/" + feishu)
                .then().statusCode(200);
        as().post(DELIVERIES + "/" + dead.get("messageId") + "/retry").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> "DELIVERED".equals(deliveries().getFirst().get("status")));
        assertThat(vendors.of("feishu")).hasSize(1);
        assertThat(deliveries().getFirst().get("attempts")).isEqualTo(2);

        as().post(DELIVERIES + "/fd-nothing/retry").then().statusCode(404);
        as().get(DELIVERIES + "?status=LOST").then().statusCode(400);
    }
}
