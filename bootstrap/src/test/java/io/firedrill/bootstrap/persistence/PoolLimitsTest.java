package io.firedrill.bootstrap.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The runtime pool refuses work it cannot do soon instead of queueing it without bound. */
@QuarkusTest
@TestProfile(PoolLimitsTest.TinyPool.class)
class PoolLimitsTest {

    public static class TinyPool implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.reactive.max-size", "1",
                    "firedrill.db.pool.wait-queue", "1",
                    "firedrill.db.pool.acquire-timeout-ms", "300",
                    // the one connection is the test's: no projection may poll the event log meanwhile, and no
                    // instance may look for due notifications
                    "firedrill.projections.enabled", "false",
                    "firedrill.notifications.deliver", "false");
        }
    }

    @Inject
    Pool pool;

    @Test
    void whenThePoolAndItsQueueAreFull_furtherRequestsFailPromptly() throws Exception {
        // The pool's first connection is opened now; on a busy machine that may take longer than the 300 ms acquire
        // timeout under test, which would fail this precondition, not the behaviour tested below.
        SqlConnection held = await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> pool.getConnection().await().atMost(Duration.ofSeconds(5)), connection -> connection != null);
        try {
            long started = System.nanoTime();
            CompletableFuture<SqlConnection> waiting = pool.getConnection().subscribeAsCompletionStage();

            assertThatThrownBy(() -> pool.getConnection().await().atMost(Duration.ofSeconds(5)))
                    .hasMessageContaining("wait queue");
            assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS))
                    .hasMessageContaining("Timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        } finally {
            held.closeAndAwait();
        }
    }
}
