package io.firedrill.bootstrap.requests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The claim of a request that is still running is kept alive however long it runs: a short lease (two seconds
 * here) is renewed, so concurrent duplicates are told the request is in progress and never run it a second time.
 */
@QuarkusTest
@TestProfile(IdempotencyLeaseRenewalTest.ShortLease.class)
class IdempotencyLeaseRenewalTest {

    /** The event log's append lock ({@code PgEventLog.APPEND_LOCK}): holding it keeps a command from finishing. */
    private static final long APPEND_LOCK = 0x4649524544524946L;
    private static final String INCIDENTS = "/api/v1/incidents";
    private static final Duration LEASE = Duration.ofSeconds(2);

    public static class ShortLease implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // The first request's append waits for the lock this test holds for two and a half leases (5 s): the
            // default 5 s statement deadline and 4 s lock timeout would answer it 503 before the lock is given back.
            return Map.of("firedrill.idempotency.lease", LEASE.toString(),
                    "firedrill.db.statement-deadline", "15s",
                    "quarkus.datasource.reactive.additional-properties.lock_timeout", "14s",
                    "firedrill.http.request-deadline", "20s");
        }
    }

    @Inject
    Pool pool;

    @Test
    void whileTheFirstRequestRunsLongerThanTheLease_duplicatesAreInProgress_thenGetItsAnswer_andItAppliesOnce() throws Exception {
        String tenant = "renew-" + UUID.randomUUID().toString().substring(0, 8);
        String key = UUID.randomUUID().toString();
        Map<String, Object> declaration = Map.of("title", "Slow disk", "severity", "P2", "services", List.of("storage"));
        ExecutorService clients = Executors.newCachedThreadPool();
        SqlConnection appendsBlocked = pool.getConnection().await().atMost(Duration.ofSeconds(10));
        List<CompletableFuture<ExtractableResponse<Response>>> duplicates = new ArrayList<>();
        CompletableFuture<ExtractableResponse<Response>> first;
        try {
            appendsBlocked.query("SELECT pg_advisory_lock(" + APPEND_LOCK + ")").execute().await().atMost(Duration.ofSeconds(10));
            first = CompletableFuture.supplyAsync(() -> as(tenant).header("Idempotency-Key", key).body(declaration)
                    .post(INCIDENTS).then().extract(), clients);
            await().atMost(Duration.ofSeconds(10)).until(() -> claimed(tenant, key));

            // Duplicates for two and a half leases while the first cannot finish.
            long until = System.nanoTime() + LEASE.multipliedBy(5).dividedBy(2).toNanos();
            while (System.nanoTime() < until) {
                duplicates.add(CompletableFuture.supplyAsync(() -> as(tenant).header("Idempotency-Key", key)
                        .body(declaration).post(INCIDENTS).then().extract(), clients));
                TimeUnit.MILLISECONDS.sleep(200);
            }
        } finally {
            appendsBlocked.query("SELECT pg_advisory_unlock(" + APPEND_LOCK + ")").execute().await().atMost(Duration.ofSeconds(10));
            appendsBlocked.closeAndAwait();
        }
        try {
            ExtractableResponse<Response> answer = first.get(30, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(201);
            for (CompletableFuture<ExtractableResponse<Response>> duplicate : duplicates) {
                ExtractableResponse<Response> response = duplicate.get(30, TimeUnit.SECONDS);
                assertThat(response.statusCode()).as("a duplicate while the first runs").isEqualTo(409);
                assertThat(response.<String>path("code")).isEqualTo("IDEMPOTENCY_KEY_IN_USE");
            }
            as(tenant).header("Idempotency-Key", key).body(declaration).post(INCIDENTS)
                    .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(answer.path("id")));
            assertThat(storedEvents(answer.path("id"))).as("declared once").isEqualTo(1);
        } finally {
            clients.shutdownNow();
        }
    }

    private boolean claimed(String tenant, String key) {
        return pool.preparedQuery("SELECT 1 FROM idempotency_record WHERE tenant_id = $1 AND idempotency_key = $2")
                .execute(Tuple.of(tenant, key)).await().atMost(Duration.ofSeconds(5)).size() == 1;
    }

    private static RequestSpecification as(String tenant) {
        return given().contentType(ContentType.JSON).header("X-Test-Actor", "alice").header("X-Test-Tenant", tenant);
    }

    private long storedEvents(String incidentId) {
        return pool.preparedQuery("SELECT count(*) AS n FROM event_store_event WHERE tags @> $1::text::jsonb")
                .execute(Tuple.of("[{\"key\":\"incidentId\",\"value\":\"" + incidentId + "\"}]"))
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong("n");
    }
}
