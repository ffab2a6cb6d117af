package io.firedrill.bootstrap;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The operational endpoints every deployment relies on, served by the real application. */
@QuarkusTest
class PlatformEndpointsTest {

    @Inject
    Pool pool;

    @Test
    void livenessIsUpWithoutTouchingTheDatabase() {
        given().get("/q/health/live").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.not(hasItem("database")));
    }

    @Test
    void readinessChecksTheDatabaseAndTheMessagingCore() {
        given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("database"))
                .body("checks.name", hasItem("axon"));
    }

    @Test
    void prometheusMetricsAreExported() {
        given().accept("text/plain").get("/q/metrics").then()
                .statusCode(200)
                .contentType(containsString("text/plain"))
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void openApiDescribesTheApi() {
        given().queryParam("format", "json").get("/q/openapi").then()
                .statusCode(200)
                .body("info.title", equalTo("Firedrill API"));
        given().get("/q/swagger-ui/").then()
                .statusCode(200)
                .contentType(containsString("text/html"));
    }

    @Test
    void unknownApiPathsAnswerWithProblemJson() {
        given().get("/api/v1/no-such-resource").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"))
                .body("type", equalTo("about:blank"));
    }

    @Test
    void runtimeSessionsCarryServerSideTimeouts() {
        Row row = pool.query("SELECT current_setting('statement_timeout') AS statement,"
                        + " current_setting('idle_in_transaction_session_timeout') AS idle,"
                        + " current_setting('application_name') AS app")
                .execute().await().atMost(Duration.ofSeconds(5)).iterator().next();
        assertThat(row.getString("statement")).isEqualTo("30s");
        assertThat(row.getString("idle")).isEqualTo("1min");
        assertThat(row.getString("app")).isEqualTo("firedrill");
    }

    @Test
    void flywayMigratedTheSchemaAtStartUp() {
        Row row = pool.query("SELECT count(*) FILTER (WHERE success) AS applied, count(*) FILTER (WHERE NOT success) AS failed"
                        + " FROM flyway_schema_history WHERE version IS NOT NULL")
                .execute().await().atMost(Duration.ofSeconds(5)).iterator().next();
        assertThat(row.getLong("applied")).isPositive();
        assertThat(row.getLong("failed")).isZero();
        Row table = pool.query("SELECT to_regclass('event_store_event') IS NOT NULL AS present")
                .execute().await().atMost(Duration.ofSeconds(5)).iterator().next();
        assertThat(table.getBoolean("present")).isTrue();
    }
}
