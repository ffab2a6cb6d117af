package io.firedrill.bootstrap.health;

import io.firedrill.bootstrap.TestAuth;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Readiness follows the database and never hangs with it; liveness ignores it (seed 004: a probe that
 * blocks on a dead database turns an outage into a 503 storm).
 */
@QuarkusTest
@WithTestResource(DatabaseProxyResource.class)
class DatabaseOutageTest {

    private static final Duration ANSWER_LIMIT = Duration.ofSeconds(1);
    /** Where Quarkus logs what a Vert.x handler throws. */
    private static final String UNCAUGHT_LOGGER = "io.quarkus.vertx.core.runtime.VertxCoreRecorder";

    @AfterEach
    void databaseIsBack() throws Exception {
        DatabaseProxyResource.proxy.stop();
        DatabaseProxyResource.proxy.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> ready().statusCode() == 200);
    }

    @Test
    void whenTheDatabaseStops_readinessIsDownFast_livenessStaysUp_andReadinessRecoversWithoutRestart() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> ready().statusCode() == 200);

        DatabaseProxyResource.proxy.stop();

        assertEveryAnswerIsDownAndFast(Duration.ofSeconds(3));

        DatabaseProxyResource.proxy.start();
        Instant back = Instant.now();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> ready().statusCode() == 200);
        assertThat(Duration.between(back, Instant.now())).isLessThan(Duration.ofSeconds(10));
        ready().then().body("status", equalTo("UP"));
    }

    @Test
    void whenTheDatabaseStops_commandsAndReadsAreAnswered503WithRetryAfterNever500() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> ready().statusCode() == 200);
        // minted while the database answers; checking them while it is away is part of what answers 503
        TestAuth.bearer("alice", "default");
        TestAuth.bearer("tester", "default");

        DatabaseProxyResource.proxy.stop();

        Instant end = Instant.now().plus(Duration.ofSeconds(3));
        int answers = 0;
        while (Instant.now().isBefore(end)) {
            given().contentType(ContentType.JSON).header("X-Test-Actor", "alice")
                    .body("{\"title\":\"Checkout errors\",\"severity\":\"P1\",\"services\":[\"checkout\"]}")
                    .post("/api/v1/incidents")
                    .then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", notNullValue()).body("code", equalTo("UNAVAILABLE"));
            given().get("/api/v1/incidents")
                    .then().statusCode(503).header("Retry-After", notNullValue());
            answers++;
        }
        assertThat(answers).isGreaterThan(3);
    }

    @Test
    void whenConnectsFail_theMainPoolLogsNoSpuriousResultAlreadyComplete_butOtherUncaughtErrorsAreStillLogged()
            throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> ready().statusCode() == 200);
        Logger vertx = Logger.getLogger(UNCAUGHT_LOGGER);
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        vertx.addHandler(capture);
        try {
            DatabaseProxyResource.proxy.stop();
            for (int i = 0; i < 5; i++) {
                given().get("/api/v1/incidents").then().statusCode(503);
            }
            // vertx-sql-client#1706: the acquire timer of each failed query fires once the acquire timeout has passed
            long acquireTimeout = ConfigProvider.getConfig().getValue("firedrill.db.pool.acquire-timeout-ms", Long.class);
            await().during(Duration.ofMillis(acquireTimeout + 1_500)).atMost(Duration.ofMillis(acquireTimeout + 5_000))
                    .until(() -> logged.stream().noneMatch(record -> record.getThrown() != null
                            && "Result is already complete".equals(record.getThrown().getMessage())));

            vertx.log(Level.SEVERE, "Uncaught exception received by Vert.x", new IllegalStateException("something else"));
            assertThat(logged).extracting(record -> record.getThrown().getMessage()).containsExactly("something else");
        } finally {
            vertx.removeHandler(capture);
        }
    }

    @Test
    void whenTheDatabaseHangs_readinessIsDownWithinItsTimeout() {
        await().atMost(Duration.ofSeconds(10)).until(() -> ready().statusCode() == 200);

        DatabaseProxyResource.proxy.hang();

        assertEveryAnswerIsDownAndFast(Duration.ofSeconds(3));
    }

    private static void assertEveryAnswerIsDownAndFast(Duration during) {
        Instant end = Instant.now().plus(during);
        int answers = 0;
        while (Instant.now().isBefore(end)) {
            long started = System.nanoTime();
            Response ready = ready();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(took).as("readiness answer time").isLessThan(ANSWER_LIMIT);
            ready.then().statusCode(503)
                    .body("status", equalTo("DOWN"))
                    .body("checks.name", hasItem("database"));

            started = System.nanoTime();
            Response live = given().get("/q/health/live");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("liveness answer time").isLessThan(ANSWER_LIMIT);
            live.then().statusCode(200).body("status", equalTo("UP"));
            answers++;
        }
        assertThat(answers).isGreaterThan(3);
    }

    private static Response ready() {
        return given().get("/q/health/ready");
    }
}
