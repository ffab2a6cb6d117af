package io.firedrill.bootstrap.health;

import io.firedrill.bootstrap.TestAuth;
import io.firedrill.bootstrap.events.SseClient;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.firedrill.adapter.persistence.pool.ConnectionWaitTimedOut;
import io.firedrill.adapter.persistence.pool.StatementDeadlineExceeded;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Deadlines and admission control (issue 21, items 3 and 4): a frozen database makes requests fail within their
 * deadline instead of hanging for the whole freeze, and an instance with its limit of requests in flight refuses
 * more at once instead of queueing them. Both answer 503 problem+json with {@code Retry-After}.
 */
@QuarkusTest
@TestProfile(DeadlinesAndAdmissionTest.Limits.class)
@WithTestResource(DatabaseProxyResource.class)
class DeadlinesAndAdmissionTest {

    private static final int LIMIT = 4;
    private static final int STREAMS = 2;
    private static final Duration STATEMENT_DEADLINE = Duration.ofSeconds(2);
    private static final Duration REQUEST_DEADLINE = Duration.ofSeconds(4);
    private static final Duration ACQUIRE_TIMEOUT = Duration.ofSeconds(5);
    /** Generous: the machine is shared; the property is "bounded by the deadline", not a latency figure. */
    private static final Duration MARGIN = Duration.ofSeconds(3);
    /** Without deadlines a request would wait for the whole freeze; the client gives up long after the bound. */
    private static final int CLIENT_TIMEOUT_MS = 20_000;

    public static class Limits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "firedrill.db.statement-deadline", STATEMENT_DEADLINE.toMillis() + "ms",
                    "firedrill.http.request-deadline", REQUEST_DEADLINE.toMillis() + "ms",
                    "firedrill.http.max-in-flight", String.valueOf(LIMIT),
                    "firedrill.http.max-streams", String.valueOf(STREAMS));
        }
    }

    @TestHTTPResource("/")
    URL base;

    @Inject
    Pool pool;

    @Inject
    io.firedrill.adapter.persistence.eventstore.PgLogNotifications notifications;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Minted while the database answers: the requests below authenticate while it is frozen. */
    private final String authorization = TestAuth.bearer("alice", "default");
    private RestAssuredConfig previous;

    @BeforeEach
    void clientsGiveUpInsteadOfHanging() {
        previous = RestAssured.config;
        RestAssured.config = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.connection.timeout", 5_000)
                .setParam("http.socket.timeout", CLIENT_TIMEOUT_MS));
        await().atMost(Duration.ofSeconds(15)).until(() -> given().get("/q/health/ready").statusCode() == 200);
    }

    @AfterEach
    void databaseIsBack() {
        DatabaseProxyResource.proxy.thaw();
        RestAssured.config = previous;
        await().atMost(Duration.ofSeconds(15)).until(() -> given().get("/q/health/ready").statusCode() == 200);
    }

    @Test
    void whenTheDatabaseFreezes_commandsAndListsAnswer503WithinTheDeadline_andAfterTheThawEverythingWorks() {
        declare().then().statusCode(201);
        given().get("/api/v1/incidents").then().statusCode(200);

        DatabaseProxyResource.proxy.freeze();

        for (int round = 0; round < 2; round++) {
            assertUnavailableWithinTheDeadline(this::declare);
            assertUnavailableWithinTheDeadline(() -> given().get("/api/v1/incidents"));
        }

        DatabaseProxyResource.proxy.thaw();

        // Connections that hung were discarded, not lent again: after the thaw every request is served, more of them
        // than the pool has connections, so none of them meets a connection still waiting for the freeze.
        await().atMost(Duration.ofSeconds(15)).until(() -> declare().statusCode() == 201);
        for (int i = 0; i < 20; i++) {
            declare().then().statusCode(201);
            given().get("/api/v1/incidents").then().statusCode(200);
        }
    }

    @Test
    void everyStatementOnTheRuntimePoolHasTheDeadline_notOnlyThoseOfRequests() {
        try {
            pool.preparedQuery("SELECT 1").execute().await().atMost(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            throw new AssertionError("warm-up failed", e);
        }

        DatabaseProxyResource.proxy.freeze();

        // Either the statement's deadline ends it, or, when the event processors hold every connection in statements
        // of their own, the wait for a connection does: both are faults (503), both bounded.
        long started = System.nanoTime();
        assertThatThrownBy(() -> pool.withTransaction(connection -> connection.preparedQuery("SELECT 1").execute())
                .await().atMost(Duration.ofMillis(CLIENT_TIMEOUT_MS)))
                .isInstanceOfAny(StatementDeadlineExceeded.class, ConnectionWaitTimedOut.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(ACQUIRE_TIMEOUT.plus(STATEMENT_DEADLINE).plus(MARGIN));
        started = System.nanoTime();
        assertThatThrownBy(() -> pool.query("SELECT 1").execute().await().atMost(Duration.ofMillis(CLIENT_TIMEOUT_MS)))
                .isInstanceOfAny(StatementDeadlineExceeded.class, ConnectionWaitTimedOut.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(ACQUIRE_TIMEOUT.plus(STATEMENT_DEADLINE).plus(MARGIN));

        DatabaseProxyResource.proxy.thaw();

        // more statements than the pool has connections: none meets a connection that still waits for the freeze
        for (int i = 0; i < 40; i++) {
            try {
                pool.preparedQuery("SELECT 1").execute().await().atMost(STATEMENT_DEADLINE.plus(MARGIN));
            } catch (RuntimeException e) {
                throw new AssertionError("statement " + i + " after the thaw failed", e);
            }
        }
    }

    @Test
    void whenTheLimitOfRequestsIsInFlight_moreAreRefusedAtOnce_healthAnswers_andTheSlotsComeBack() throws Exception {
        double shedBefore = metric("firedrill_http_shed_requests_total");
        DatabaseProxyResource.proxy.freeze();

        List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
        for (int i = 0; i < LIMIT; i++) {
            slow.add(send(get("/api/v1/incidents")));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> metric("firedrill_http_in_flight_requests") == LIMIT);

        int extra = 3;
        for (int i = 0; i < extra; i++) {
            long started = System.nanoTime();
            Response refused = i % 2 == 0 ? given().get("/api/v1/incidents") : declare();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            refused.then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", notNullValue()).body("code", equalTo("UNAVAILABLE"))
                    .body("status", equalTo(503));
            // Refused without touching the frozen database, which would have taken the statement deadline.
            assertThat(took).as("time to refuse").isLessThan(Duration.ofSeconds(1));
        }
        assertThat(metric("firedrill_http_shed_requests_total")).isEqualTo(shedBefore + extra);

        long started = System.nanoTime();
        given().get("/q/health/live").then().statusCode(200);
        assertThat(given().get("/q/health/ready").statusCode()).isIn(200, 503);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));

        for (CompletableFuture<HttpResponse<String>> request : slow) {
            HttpResponse<String> answer = request.get(REQUEST_DEADLINE.plus(MARGIN).toMillis(), TimeUnit.MILLISECONDS);
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.headers().firstValue("Retry-After")).isPresent();
        }
        DatabaseProxyResource.proxy.thaw();

        assertCapacityIsFull();
    }

    @Test
    void openEventStreamsHoldNoRequestSlot_oneStreamBeyondTheirLimitIs503_andAClosedStreamFreesItsSlot() throws Exception {
        Map<String, String> viewer = Map.of("Authorization", authorization);
        int listening = notifications.listening();
        SseClient first = SseClient.open("/api/v1/events/stream", viewer);
        // the same stream with a trailing slash: still a stream's slot, not a request's
        try (SseClient second = SseClient.open("/api/v1/events/stream/", viewer)) {
            assertThat(first.status()).isEqualTo(200);
            assertThat(second.status()).isEqualTo(200);
            assertThat(metric("firedrill_http_open_streams")).isEqualTo(STREAMS);
            assertThat(metric("firedrill_http_in_flight_requests")).isZero();
            for (int i = 0; i < LIMIT + 1; i++) {
                given().get("/api/v1/incidents").then().statusCode(200);
            }
            try (SseClient third = SseClient.open("/api/v1/events/stream", viewer)) {
                assertThat(third.status()).isEqualTo(503);
                assertThat(third.header("Retry-After")).isEqualTo("5");
                assertThat(third.header("Content-Type")).startsWith("application/problem+json");
            }
            first.close();
            await().atMost(Duration.ofSeconds(5)).until(() -> metric("firedrill_http_open_streams") == STREAMS - 1);
            try (SseClient again = SseClient.open("/api/v1/events/stream", viewer)) {
                assertThat(again.status()).isEqualTo(200);
            }
        } finally {
            first.close();
        }
        // a stream whose client went away listens no more
        await().atMost(Duration.ofSeconds(5)).until(() -> metric("firedrill_http_open_streams") == 0
                && notifications.listening() == listening);
    }

    @Test
    void anOpenEventStreamOutlivesADatabaseFreeze_andDeliversWhatIsAppendedAfterTheThaw() throws Exception {
        try (SseClient stream = SseClient.open("/api/v1/events/stream", Map.of("Authorization", authorization))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> stream.lastEventId() != null);
            DatabaseProxyResource.proxy.freeze();
            // the stream's polls (every second with the tests' keep-alive of 2 s) fail meanwhile; keep-alives go on
            String before = stream.lastEventId();
            await().atMost(Duration.ofSeconds(10)).until(() -> stream.raw().stream()
                    .filter(line -> line.startsWith(":keep-alive")).count() >= 2);
            assertThat(stream.poll(Duration.ZERO)).as("the stream is still open, with nothing to send").isNull();
            assertThat(stream.lastEventId()).isEqualTo(before);
            DatabaseProxyResource.proxy.thaw();
            await().atMost(Duration.ofSeconds(15)).until(() -> declare().statusCode() == 201);
            SseClient.Event declared = stream.next(Duration.ofSeconds(30));
            assertThat(declared.name()).isEqualTo("incident.IncidentDeclared");
        }
    }

    @Test
    void slotsOfAbortedAndRefusedRequestsAreReleased() throws Exception {
        DatabaseProxyResource.proxy.freeze();
        for (int i = 0; i < 3 * LIMIT; i++) {
            // the client goes away while its request waits for the database
            try (Socket socket = new Socket(base.getHost(), base.getPort())) {
                OutputStream out = socket.getOutputStream();
                out.write(("GET /api/v1/incidents HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + authorization
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (i < LIMIT) {
                    await().atMost(Duration.ofSeconds(5))
                            .until(() -> metric("firedrill_http_in_flight_requests") >= 1);
                }
            }
        }
        DatabaseProxyResource.proxy.thaw();
        await().atMost(STATEMENT_DEADLINE.plus(MARGIN).plus(MARGIN))
                .until(() -> metric("firedrill_http_in_flight_requests") == 0);
        for (int i = 0; i < 3 * LIMIT; i++) {
            // refused by validation, before and after the resource
            given().contentType(ContentType.JSON).header("X-Test-Actor", "alice").body("{\"title\":")
                    .post("/api/v1/incidents").then().statusCode(400);
            given().get("/api/v1/incidents/00000000-0000-0000-0000-000000000000").then().statusCode(404);
        }

        assertCapacityIsFull();
    }

    /** Every slot is free again: the gauge is back at zero, and the limit's worth of requests is served at once. */
    private void assertCapacityIsFull() throws Exception {
        await().atMost(REQUEST_DEADLINE.plus(MARGIN).plus(MARGIN))
                .until(() -> metric("firedrill_http_in_flight_requests") == 0);
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < LIMIT; i++) {
            all.add(send(get("/api/v1/incidents")));
        }
        for (CompletableFuture<HttpResponse<String>> request : all) {
            assertThat(request.get(CLIENT_TIMEOUT_MS, TimeUnit.MILLISECONDS).statusCode()).isEqualTo(200);
        }
    }

    private static void assertUnavailableWithinTheDeadline(java.util.function.Supplier<Response> request) {
        long started = System.nanoTime();
        Response response = request.get();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        response.then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", notNullValue()).body("code", equalTo("UNAVAILABLE"));
        assertThat(took).as("time to answer").isLessThan(REQUEST_DEADLINE.plus(MARGIN));
    }

    private Response declare() {
        return given().contentType(ContentType.JSON).header("X-Test-Actor", "alice")
                .body("{\"title\":\"Checkout errors\",\"severity\":\"P1\",\"services\":[\"checkout\"]}")
                .post("/api/v1/incidents");
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(base.toString()).resolve(path)).timeout(Duration.ofMillis(CLIENT_TIMEOUT_MS))
                .header("Authorization", authorization).GET().build();
    }

    private CompletableFuture<HttpResponse<String>> send(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private static double metric(String name) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(text);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }
}
