package io.firedrill.bootstrap.incident;

import io.firedrill.bootstrap.TestAuth;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firedrill.application.incident.IncidentSlice;
import io.firedrill.bootstrap.axon.AxonRuntime;
import io.firedrill.bootstrap.axon.EventProcessors;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The incident list read model after a burst of commands equals a fold of each incident's log, and so
 * does the read model rebuilt from the log.
 */
@QuarkusTest
class IncidentListProjectionTest {

    private static final int INCIDENTS = 100;
    private static final int COMMANDS = 1_000;

    @TestHTTPResource("/api/v1/incidents")
    URI incidents;

    @Inject
    AxonRuntime axon;

    @Inject
    EventProcessors processors;

    private final String tenant = "burst-" + UUID.randomUUID().toString().substring(0, 8);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Semaphore inFlight = new Semaphore(8);

    @Test
    void theListEqualsAFoldOfTheLogAfterABurstAndAfterARebuild() throws Exception {
        List<String> ids = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> declarations = new ArrayList<>();
        for (int i = 0; i < INCIDENTS; i++) {
            declarations.add(post("", "{\"title\":\"Burst " + i + "\",\"severity\":\"P" + (i % 4)
                    + "\",\"services\":[\"svc-" + (i % 7) + "\"]}"));
        }
        for (CompletableFuture<HttpResponse<String>> declaration : declarations) {
            HttpResponse<String> response = declaration.get(60, TimeUnit.SECONDS);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            String location = response.headers().firstValue("Location").orElseThrow();
            ids.add(location.substring(location.lastIndexOf('/') + 1));
        }

        Random random = new Random(42);
        List<CompletableFuture<HttpResponse<String>>> commands = new ArrayList<>();
        for (int i = 0; i < COMMANDS; i++) {
            String id = "/" + ids.get(random.nextInt(INCIDENTS));
            commands.add(switch (random.nextInt(7)) {
                case 0 -> post(id + "/acknowledge", "{}");
                case 1 -> post(id + "/mitigate", "{\"note\":\"n" + i + "\"}");
                case 2 -> post(id + "/resolve", "{}");
                case 3 -> post(id + "/reopen", "{\"reason\":\"r" + i + "\"}");
                case 4 -> post(id + "/severity", "{\"severity\":\"P" + random.nextInt(4) + "\",\"reason\":\"s" + i + "\"}");
                case 5 -> post(id + "/responders", "{\"name\":\"p" + random.nextInt(5) + "\",\"role\":\"RESPONDER\"}");
                default -> post(id + "/notes", "{\"text\":\"t" + i + "\"}");
            });
        }
        for (CompletableFuture<HttpResponse<String>> command : commands) {
            HttpResponse<String> response = command.get(120, TimeUnit.SECONDS);
            assertThat(response.statusCode()).as(response.body()).isIn(200, 409);
        }

        Map<String, Map<String, Object>> folded = new HashMap<>();
        for (String id : ids) {
            folded.put(id, withoutTargets(given().header("X-Test-Tenant", tenant).get(incidents + "/" + id)
                    .then().statusCode(200).extract().path("$")));
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(listed()).isEqualTo(folded));

        processors.rebuild(IncidentSlice.LIST_PROCESSOR).get(60, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(listed()).isEqualTo(folded));
    }

    private Map<String, Map<String, Object>> listed() {
        Map<String, Map<String, Object>> rows = new HashMap<>();
        List<Map<String, Object>> items = given().header("X-Test-Tenant", tenant).queryParam("limit", 500)
                .get(incidents).then().statusCode(200).extract().path("items");
        for (Map<String, Object> item : items) {
            rows.put((String) item.get("id"), withoutTargets(item));
        }
        return rows;
    }

    private CompletableFuture<HttpResponse<String>> post(String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(incidents + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", TestAuth.bearer("burst", tenant))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        inFlight.acquireUninterruptibly();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .whenComplete((response, failure) -> inFlight.release());
    }

    /** The target statuses depend on when they are evaluated; everything else must be equal. */
    private static Map<String, Object> withoutTargets(Map<String, Object> incident) {
        Map<String, Object> copy = new LinkedHashMap<>(incident);
        copy.remove("responseTargets");
        return copy;
    }
}
