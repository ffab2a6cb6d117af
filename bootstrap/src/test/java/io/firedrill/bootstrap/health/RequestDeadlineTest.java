package io.firedrill.bootstrap.health;

import io.firedrill.bootstrap.TestAuth;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The request deadline bounds a request whatever it waits for, here a statement whose own deadline is far longer:
 * the client gets 503 problem+json with {@code Retry-After} in time, and a command's retry with the same
 * {@code Idempotency-Key} after the database is back gives one incident, never two.
 */
@QuarkusTest
@TestProfile(RequestDeadlineTest.ShortRequests.class)
@WithTestResource(DatabaseProxyResource.class)
class RequestDeadlineTest {

    private static final Duration REQUEST_DEADLINE = Duration.ofMillis(1500);
    private static final Duration MARGIN = Duration.ofSeconds(3);

    public static class ShortRequests implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "firedrill.db.statement-deadline", "30s",
                    "firedrill.http.request-deadline", REQUEST_DEADLINE.toMillis() + "ms",
                    // a channel's test send must fit within the request deadline (checked at start)
                    "firedrill.notifications.send-timeout", "500ms");
        }
    }

    private RestAssuredConfig previous;

    @BeforeEach
    void clientsGiveUpInsteadOfHanging() {
        previous = RestAssured.config;
        RestAssured.config = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.connection.timeout", 5_000)
                .setParam("http.socket.timeout", 20_000));
        await().atMost(Duration.ofSeconds(15)).until(() -> given().get("/q/health/ready").statusCode() == 200);
    }

    @AfterEach
    void databaseIsBack() {
        DatabaseProxyResource.proxy.thaw();
        RestAssured.config = previous;
    }

    @Test
    void aRequestThatOutlivesItsDeadlineIsAnswered503_andARetryWithItsKeyAppliesItOnce() {
        String key = UUID.randomUUID().toString();
        String title = "Deadline " + key;
        given().get("/api/v1/incidents").then().statusCode(200);
        TestAuth.bearer("alice", "default"); // minted while the database answers

        DatabaseProxyResource.proxy.freeze();

        assertUnavailableInTime(() -> given().get("/api/v1/incidents"));
        assertUnavailableInTime(() -> declare(key, title));

        DatabaseProxyResource.proxy.thaw();

        // The first attempt may still be running, or may have appended after its 503: retrying with the same key
        // ends with the one incident, whichever happened.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> declare(key, title).statusCode() == 201);
        await().atMost(Duration.ofSeconds(15)).until(() -> given().queryParam("limit", 500).get("/api/v1/incidents")
                .then().statusCode(200).extract().<List<String>>path("items.title").contains(title));
        assertThat(given().queryParam("limit", 500).get("/api/v1/incidents")
                .then().statusCode(200).extract().<List<String>>path("items.title"))
                .filteredOn(title::equals).hasSize(1);
    }

    private static void assertUnavailableInTime(java.util.function.Supplier<Response> request) {
        long started = System.nanoTime();
        Response response = request.get();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        response.then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", notNullValue()).body("code", equalTo("UNAVAILABLE"));
        assertThat(took).as("time to answer").isLessThan(REQUEST_DEADLINE.plus(MARGIN));
    }

    private static Response declare(String key, String title) {
        return given().contentType(ContentType.JSON).header("X-Test-Actor", "alice").header("Idempotency-Key", key)
                .body("{\"title\":\"" + title + "\",\"severity\":\"P1\",\"services\":[\"checkout\"]}")
                .post("/api/v1/incidents");
    }
}
