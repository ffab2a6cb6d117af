package io.firedrill.bootstrap.metrics;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.firedrill.application.port.out.IncidentMetrics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Recurrences end to end: incidents opened by Alertmanager deliveries are recognised as repeats of an
 * earlier incident whose alerts had the same grouping key within the window, and only then.
 */
@QuarkusTest
class MetricsRecurrenceTest {

    @Inject
    IncidentMetrics views;

    private final String tenant = "recur-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void givenAlertIncidentsWithSharedAndDistinctKeys_whenSummarised_thenOnlyTheRepeatWithinTheWindowRecurs() {
        var integration = as().body("{\"name\":\"am\",\"kind\":\"ALERTMANAGER\",\"defaultService\":\"checkout\","
                        + "\"groupingKey\":\"{alertname}/{service}\"}")
                .post("/api/v1/integrations").then().statusCode(201).extract();
        String id = integration.path("id");
        String secret = integration.path("secret");

        // R1: HighErrorRate/checkout from 01-05, resolved; R2: the same key on 01-20 (a repeat of R1, 15 days
        // later); R3: another key on 01-21; R4: the first key again on 05-01, 101 days after R2 (outside 90 days).
        deliver(id, secret, "HighErrorRate", "a1", "firing", "2026-01-05T10:00:00Z", null);
        awaitIncidents(1);
        deliver(id, secret, "HighErrorRate", "a1", "resolved", "2026-01-05T10:00:00Z", "2026-01-05T11:00:00Z");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as().get("/api/v1/incidents").then()
                .body("items[0].status", equalTo("RECOVERED")));
        deliver(id, secret, "HighErrorRate", "a2", "firing", "2026-01-20T10:00:00Z", null);
        awaitIncidents(2);
        deliver(id, secret, "SlowCheckout", "b1", "firing", "2026-01-21T10:00:00Z", null);
        awaitIncidents(3);
        deliver(id, secret, "HighErrorRate", "a2", "resolved", "2026-01-20T10:00:00Z", "2026-01-20T12:00:00Z");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as().queryParam("status", "RECOVERED")
                .get("/api/v1/incidents").then().body("items", hasSize(2)));
        deliver(id, secret, "HighErrorRate", "a3", "firing", "2026-05-01T10:00:00Z", null);
        List<Map<String, Object>> incidents = awaitIncidents(4);
        String r1 = number(incidents, "2026-01-05T10:00:00Z");
        String r2 = number(incidents, "2026-01-20T10:00:00Z");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as()
                .get("/api/v1/metrics/summary?from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z").then().statusCode(200)
                .body("recurrenceRate.incidents", equalTo(4))
                .body("recurrenceRate.recurring", equalTo(1))
                .body("recurrenceRate.rate", equalTo(0.25f))
                .body("recurrenceRate.recurrences.number", contains(r2))
                .body("recurrenceRate.recurrences[0].repeatsNumber", equalTo(r1))
                .body("recurrenceRate.recurrences[0].detectedAt", equalTo("2026-01-20T10:00:00Z"))
                .body("recurrenceRate.recurrences[0].sharedGroupingKeys", contains(id + "/HighErrorRate/checkout")));
        // Per service: all four are checkout's, none payments'.
        as().get("/api/v1/metrics/summary?from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z&service=checkout").then()
                .statusCode(200).body("recurrenceRate.recurring", equalTo(1))
                .body("recurrenceRate.recurrences.number", contains(r2));
        as().get("/api/v1/metrics/summary?from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z&service=payments").then()
                .statusCode(200).body("recurrenceRate.incidents", equalTo(0))
                .body("recurrenceRate.recurrences", hasSize(0));
        // Only R2 is in this period; R1 before it still makes it a recurrence.
        as().get("/api/v1/metrics/summary?from=2026-01-15T00:00:00Z&to=2026-01-21T00:00:00Z").then().statusCode(200)
                .body("recurrenceRate.incidents", equalTo(1)).body("recurrenceRate.recurring", equalTo(1));

        // With every day rolled up, R1's detection is corrected to October: R2 is now 111 days after it, no
        // longer a recurrence. A change to an earlier incident reaches the later ones and their rolled-up days.
        refreshAllRollups();
        String r1Id = incidents.stream().filter(incident -> r1.equals(incident.get("number")))
                .map(incident -> (String) incident.get("id")).findFirst().orElseThrow();
        as().body("{\"milestone\":\"DETECTED\",\"correctedTo\":\"2025-10-01T10:00:00Z\","
                        + "\"reason\":\"the errors started with the October deploy\"}")
                .post("/api/v1/incidents/" + r1Id + "/corrections").then().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as()
                .get("/api/v1/metrics/summary?from=2025-09-01T00:00:00Z&to=2026-06-01T00:00:00Z").then().statusCode(200)
                .body("recurrenceRate.incidents", equalTo(4))
                .body("recurrenceRate.recurring", equalTo(0)));
        as().get("/api/v1/metrics/summary?from=2026-01-15T00:00:00Z&to=2026-01-21T00:00:00Z").then().statusCode(200)
                .body("recurrenceRate.incidents", equalTo(1)).body("recurrenceRate.recurring", equalTo(0));
    }

    private void refreshAllRollups() {
        while (views.refreshRollups(100).join() == 100) {
            // the next batch
        }
    }

    private RequestSpecification as() {
        return given().contentType(ContentType.JSON).header("X-Test-Actor", "ops").header("X-Test-Tenant", tenant);
    }

    private void deliver(String integration, String secret, String alertname, String fingerprint, String status,
                         String startsAt, String endsAt) {
        String alert = "{\"status\":\"" + status + "\",\"labels\":{\"alertname\":\"" + alertname + "\",\"service\":"
                + "\"checkout\",\"severity\":\"critical\"},\"annotations\":{\"summary\":\"" + alertname + "\"},"
                + "\"startsAt\":\"" + startsAt + "\",\"endsAt\":\"" + (endsAt == null ? "0001-01-01T00:00:00Z" : endsAt)
                + "\",\"fingerprint\":\"" + fingerprint + "\"}";
        String body = "{\"version\":\"4\",\"groupKey\":\"{}:{alertname=\\\"" + alertname + "\\\"}\",\"status\":\""
                + status + "\",\"receiver\":\"firedrill\",\"alerts\":[" + alert + "]}";
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + secret).body(body)
                .post("/api/v1/integrations/" + integration + "/alertmanager").then().statusCode(202);
    }

    private List<Map<String, Object>> awaitIncidents(int count) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as().queryParam("limit", 500).get("/api/v1/incidents")
                .then().statusCode(200).body("items", hasSize(count)));
        return as().queryParam("limit", 500).get("/api/v1/incidents").then().extract().path("items");
    }

    private static String number(List<Map<String, Object>> incidents, String detectedAt) {
        return incidents.stream().filter(incident -> detectedAt.equals(incident.get("detectedAt")))
                .map(incident -> (String) incident.get("number")).findFirst().orElseThrow();
    }
}
