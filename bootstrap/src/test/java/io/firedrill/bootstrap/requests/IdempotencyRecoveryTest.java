package io.firedrill.bootstrap.requests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A request sent with an {@code Idempotency-Key} whose instance died, or whose answer could not be stored (the
 * database failed, or its claim was taken over), can be retried soon (issue 21 item 7), and the retry still never
 * applies the command twice.
 */
@QuarkusTest
class IdempotencyRecoveryTest {

    private static final String INCIDENTS = "/api/v1/incidents";
    private static final Duration PROMISED = Duration.ofSeconds(15);
    /** The event log's append lock ({@code PgEventLog.APPEND_LOCK}): holding it keeps a command from finishing. */
    private static final long APPEND_LOCK = 0x4649524544524946L;

    @Inject
    Pool pool;

    @Test
    void aClaimLeftByADeadInstanceIsTakenOverByARetryWithin15Seconds_andTheCommandAppliesOnce() {
        String tenant = tenant();
        Map<String, Object> declaration = Map.of("title", "Queue backlog", "severity", "P2", "services", List.of("queue"));
        // What a request looks like under its key: the fingerprint of the same request sent once under another key.
        String template = UUID.randomUUID().toString();
        as(tenant).header("Idempotency-Key", template).body(declaration).post(INCIDENTS).then().statusCode(201);
        // An instance claimed this key and died before it applied anything.
        String diedBeforeApplying = UUID.randomUUID().toString();
        sql("INSERT INTO idempotency_record (tenant_id, idempotency_key, request_hash)"
                + " SELECT tenant_id, $3, request_hash FROM idempotency_record WHERE tenant_id = $1 AND idempotency_key = $2",
                tenant, template, diedBeforeApplying);
        // Another applied its note and died before it stored the answer: its claim is as it left it.
        String incident = as(tenant).body(declaration).post(INCIDENTS).then().statusCode(201).extract().path("id");
        String diedAfterApplying = UUID.randomUUID().toString();
        as(tenant).header("Idempotency-Key", diedAfterApplying).body(Map.of("text", "only once"))
                .post(INCIDENTS + "/" + incident + "/notes").then().statusCode(200).body("version", equalTo(2));
        sql("UPDATE idempotency_record SET completed_at = NULL, status = NULL, content_type = NULL, headers = NULL,"
                + " body = NULL, claimed_at = clock_timestamp() WHERE tenant_id = $1 AND idempotency_key = $2",
                tenant, diedAfterApplying);
        long died = System.nanoTime();

        ExtractableResponse<Response> declared = await().atMost(PROMISED).pollInterval(Duration.ofMillis(250))
                .until(() -> as(tenant).header("Idempotency-Key", diedBeforeApplying).body(declaration).post(INCIDENTS)
                        .then().extract(), response -> response.statusCode() != 409);
        ExtractableResponse<Response> noted = await().atMost(PROMISED.minus(Duration.ofNanos(System.nanoTime() - died)))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> as(tenant).header("Idempotency-Key", diedAfterApplying).body(Map.of("text", "only once"))
                        .post(INCIDENTS + "/" + incident + "/notes").then().extract(), response -> response.statusCode() != 409);

        assertThat(declared.statusCode()).isEqualTo(201);
        assertThat(storedEvents(declared.path("id"))).as("the declaration, once").isEqualTo(1);
        assertThat(noted.statusCode()).isEqualTo(200);
        assertThat(noted.<Integer>path("version")).isEqualTo(2);
        assertThat(storedEvents(incident)).as("declared and one note").isEqualTo(2);
        // and the answers are remembered again
        as(tenant).header("Idempotency-Key", diedBeforeApplying).body(declaration).post(INCIDENTS)
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(declared.path("id")));
    }

    @Test
    void aRequestWhoseAnswerCannotBeStoredReleasesItsKey_theImmediateRetryRunsAgainAndAppliesNothingTwice() {
        String tenant = tenant();
        String incident = as(tenant).body(Map.of("title", "Cache misses", "severity", "P3", "services", List.of("cache")))
                .post(INCIDENTS).then().statusCode(201).extract().path("id");
        String key = UUID.randomUUID().toString();
        // A database blip just after the note was appended: the session that stores the answer is terminated.
        sql("CREATE OR REPLACE FUNCTION test_blip() RETURNS trigger LANGUAGE plpgsql AS"
                + " $$ BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); PERFORM pg_sleep(5); RETURN NEW; END $$");
        sql("CREATE TRIGGER test_blip BEFORE UPDATE ON idempotency_record FOR EACH ROW"
                + " WHEN (NEW.idempotency_key = '" + key + "' AND NEW.completed_at IS NOT NULL) EXECUTE FUNCTION test_blip()");
        try {
            as(tenant).header("Idempotency-Key", key).body(Map.of("text", "only once"))
                    .post(INCIDENTS + "/" + incident + "/notes")
                    .then().statusCode(503).contentType("application/problem+json").header("Retry-After", notNullValue())
                    .body("code", equalTo("UNAVAILABLE"));
        } finally {
            sql("DROP TRIGGER test_blip ON idempotency_record");
            sql("DROP FUNCTION test_blip()");
        }
        assertThat(storedEvents(incident)).as("the note was appended before the blip").isEqualTo(2);

        as(tenant).header("Idempotency-Key", key).body(Map.of("text", "only once"))
                .post(INCIDENTS + "/" + incident + "/notes")
                .then().statusCode(200).body("version", equalTo(2));
        assertThat(storedEvents(incident)).as("declared and one note").isEqualTo(2);
        as(tenant).header("Idempotency-Key", key).body(Map.of("text", "only once"))
                .post(INCIDENTS + "/" + incident + "/notes")
                .then().statusCode(200).header("Idempotent-Replayed", "true").body("version", equalTo(2));
    }

    @Test
    void aRequestWhoseClaimWasTakenOverWhileItRan_answers503_andTheRetryGetsTheAnswerThatWasStored() throws Exception {
        String tenant = tenant();
        String incident = as(tenant).body(Map.of("title", "Lock contention", "severity", "P3", "services", List.of("db")))
                .post(INCIDENTS).then().statusCode(201).extract().path("id");
        String key = UUID.randomUUID().toString();
        Map<String, Object> note = Map.of("text", "only once");
        ExecutorService clients = Executors.newCachedThreadPool();
        CompletableFuture<ExtractableResponse<Response>> first;
        CompletableFuture<ExtractableResponse<Response>> duplicate;
        SqlConnection appendsBlocked = pool.getConnection().await().atMost(Duration.ofSeconds(10));
        try {
            appendsBlocked.query("SELECT pg_advisory_lock(" + APPEND_LOCK + ")").execute().await().atMost(Duration.ofSeconds(10));
            first = CompletableFuture.supplyAsync(() -> as(tenant).header("Idempotency-Key", key).body(note)
                    .post(INCIDENTS + "/" + incident + "/notes").then().extract(), clients);
            await().atMost(Duration.ofSeconds(10)).until(() -> claimId(tenant, key) != null);
            // The first request's claim ran out while it waited (its renewals lost), and a duplicate took the key over.
            UUID ranOut = UUID.randomUUID();
            sql("UPDATE idempotency_record SET claim_id = $3, claimed_at = clock_timestamp() - interval '1 hour'"
                    + " WHERE tenant_id = $1 AND idempotency_key = $2", tenant, key, ranOut);
            duplicate = CompletableFuture.supplyAsync(() -> as(tenant).header("Idempotency-Key", key).body(note)
                    .post(INCIDENTS + "/" + incident + "/notes").then().extract(), clients);
            await().atMost(Duration.ofSeconds(10)).until(() -> !ranOut.equals(claimId(tenant, key)));
        } finally {
            appendsBlocked.query("SELECT pg_advisory_unlock(" + APPEND_LOCK + ")").execute().await().atMost(Duration.ofSeconds(10));
            appendsBlocked.closeAndAwait();
        }
        try {
            ExtractableResponse<Response> lost = first.get(30, TimeUnit.SECONDS);
            assertThat(lost.statusCode()).as("the answer could not be stored under the key").isEqualTo(503);
            assertThat(lost.contentType()).startsWith("application/problem+json");
            assertThat(lost.header("Retry-After")).isEqualTo("1");
            assertThat(lost.<String>path("code")).isEqualTo("UNAVAILABLE");
            ExtractableResponse<Response> stored = duplicate.get(30, TimeUnit.SECONDS);
            assertThat(stored.statusCode()).isEqualTo(200);
            assertThat(stored.<Integer>path("version")).isEqualTo(2);
        } finally {
            clients.shutdownNow();
        }
        assertThat(storedEvents(incident)).as("declared and one note").isEqualTo(2);
        as(tenant).header("Idempotency-Key", key).body(note).post(INCIDENTS + "/" + incident + "/notes")
                .then().statusCode(200).header("Idempotent-Replayed", "true").body("version", equalTo(2));
    }

    private UUID claimId(String tenant, String key) {
        RowSet<Row> rows = pool.preparedQuery("SELECT claim_id FROM idempotency_record WHERE tenant_id = $1 AND idempotency_key = $2")
                .execute(Tuple.of(tenant, key)).await().atMost(Duration.ofSeconds(5));
        return rows.size() == 0 ? null : rows.iterator().next().getUUID("claim_id");
    }

    private static String tenant() {
        return "idem-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static RequestSpecification as(String tenant) {
        return given().contentType(ContentType.JSON).header("X-Test-Actor", "alice").header("X-Test-Tenant", tenant);
    }

    private void sql(String statement, Object... values) {
        pool.preparedQuery(statement).execute(Tuple.from(values)).await().atMost(Duration.ofSeconds(10));
    }

    private long storedEvents(String incidentId) {
        return pool.preparedQuery("SELECT count(*) AS n FROM event_store_event WHERE tags @> $1::text::jsonb")
                .execute(Tuple.of("[{\"key\":\"incidentId\",\"value\":\"" + incidentId + "\"}]"))
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong("n");
    }
}
