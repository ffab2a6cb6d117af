package io.firedrill.bootstrap.alert;

import static io.firedrill.bootstrap.alert.AlertApi.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firedrill.bootstrap.alert.AlertApi.Created;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * An alert storm: 50 Alertmanager deliveries of 200 alerts each, all at once, over 10 alert groups. Every
 * delivery is accepted, and grouping yields exactly one incident per group holding every alert once.
 */
@QuarkusTest
public class AlertStormTest {

    static final int REQUESTS = 50;
    static final int ALERTS = 200;
    static final int GROUPS = 10;

    @TestHTTPResource("/api/v1/integrations")
    URI integrations;

    private static final Logger LOG = Logger.getLogger(AlertStormTest.class);

    private final AlertApi api = new AlertApi();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** An Alertmanager v4 payload of {@code alerts} firing alerts named {@code alertname}, fingerprints storm-N. */
    public static String payload(String alertname, int alerts, int firstFingerprint) {
        StringBuilder json = new StringBuilder("{\"receiver\":\"firedrill\",\"status\":\"firing\",\"alerts\":[");
        for (int i = 0; i < alerts; i++) {
            json.append(i == 0 ? "" : ",")
                    .append("{\"status\":\"firing\",\"labels\":{\"alertname\":\"").append(alertname)
                    .append("\",\"instance\":\"node-").append(firstFingerprint + i).append("\",\"service\":\"svc-")
                    .append(alertname.toLowerCase(java.util.Locale.ROOT)).append("\",\"severity\":\"warning\"},")
                    .append("\"annotations\":{},\"startsAt\":\"2026-11-30T08:00:00Z\",")
                    .append("\"endsAt\":\"0001-01-01T00:00:00Z\",\"generatorURL\":\"http://prometheus.example/graph\",")
                    .append("\"fingerprint\":\"storm-").append(firstFingerprint + i).append("\"}");
        }
        return json.append("],\"groupLabels\":{\"alertname\":\"").append(alertname)
                .append("\"},\"commonLabels\":{},\"commonAnnotations\":{},\"externalURL\":\"http://alertmanager.example\",")
                .append("\"version\":\"4\",\"groupKey\":\"{}:{alertname=\\\"").append(alertname)
                .append("\\\"}\",\"truncatedAlerts\":0}").toString();
    }

    @Test
    void givenFiftyConcurrentDeliveriesOfTwoHundredAlerts_whenGrouped_thenTenIncidentsHoldEveryAlertOnce() throws Exception {
        Created am = api.alertmanager("");
        List<CompletableFuture<HttpResponse<String>>> deliveries = new ArrayList<>();
        List<Long> latencies = new ArrayList<>();
        for (int r = 0; r < REQUESTS; r++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(integrations + "/" + am.id() + "/alertmanager"))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + am.secret())
                    .POST(HttpRequest.BodyPublishers.ofString(payload("Storm" + (r % GROUPS), ALERTS, r * ALERTS)))
                    .build();
            long started = System.nanoTime();
            deliveries.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                synchronized (latencies) {
                    latencies.add((System.nanoTime() - started) / 1_000_000);
                }
            }));
        }
        for (CompletableFuture<HttpResponse<String>> delivery : deliveries) {
            HttpResponse<String> response = delivery.get(120, TimeUnit.SECONDS);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        }

        long answered = System.nanoTime();
        await().atMost(Duration.ofSeconds(180)).untilAsserted(() -> assertThat(api.incidents()).hasSize(GROUPS));
        List<Map<String, Object>> incidents = api.incidents();
        Map<String, Long> facts = new HashMap<>();
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (Map<String, Object> incident : incidents) {
                String id = (String) incident.get("id");
                facts.put(id, count(api.timeline(id), "AlertReceived"));
            }
            assertThat(facts.values()).containsOnly((long) REQUESTS / GROUPS * ALERTS);
        });
        assertThat(api.incidents()).hasSize(GROUPS);
        assertThat(incidents).extracting(incident -> incident.get("title"))
                .containsExactlyInAnyOrder(java.util.stream.IntStream.range(0, GROUPS).mapToObj(g -> "Storm" + g).toArray());
        latencies.sort(Long::compare);
        LOG.infof("alert storm: %d deliveries of %d alerts answered, p50 %d ms, max %d ms; grouped %d s later",
                REQUESTS, ALERTS, latencies.get(latencies.size() / 2), latencies.get(latencies.size() - 1),
                (System.nanoTime() - answered) / 1_000_000_000);
    }
}
