package io.firedrill.bootstrap.requests;

import static org.assertj.core.api.Assertions.assertThat;

import io.firedrill.adapter.persistence.idempotency.PgIdempotencyRecords;
import io.firedrill.adapter.persistence.incident.PgIncidentNumbers;
import io.firedrill.adapter.persistence.pool.BoundedPgPoolCreator;
import io.firedrill.application.port.in.IdempotentRequests.Claim;
import io.firedrill.domain.shared.TenantId;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Incident numbers and idempotency claims commit without waiting for the write-ahead log's flush (the facts and the
 * stored answers that depend on them wait for theirs): each statement turns the wait off for its own transaction.
 * The setting belongs to that transaction only: the pooled connection goes back with {@code synchronous_commit} on,
 * so that no later append on it is ever left unflushed.
 */
@QuarkusTest
class RelaxedCommitsTest {

    @Inject
    Vertx vertx;

    @Inject
    BoundedPgPoolCreator creator;

    @Test
    void anIncidentNumberLeavesItsConnectionFlushingCommitsAsBefore() throws Exception {
        Pool one = onePool();
        try {
            TenantId tenant = new TenantId("relaxed-" + UUID.randomUUID());
            PgIncidentNumbers numbers = new PgIncidentNumbers(one);
            assertThat(numbers.next(tenant, 2026).get(10, TimeUnit.SECONDS).toString()).isEqualTo("INC-2026-0001");
            assertThat(numbers.next(tenant, 2026).get(10, TimeUnit.SECONDS).toString()).isEqualTo("INC-2026-0002");
            assertThat(synchronousCommit(one)).isEqualTo("on");
        } finally {
            one.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void anIdempotencyClaimLeavesItsConnectionFlushingCommitsAsBefore() throws Exception {
        Pool one = onePool();
        try {
            TenantId tenant = new TenantId("relaxed-" + UUID.randomUUID());
            PgIdempotencyRecords records = new PgIdempotencyRecords(one, Duration.ofHours(24));
            Claim claim = records.claim(tenant, "key-1", "fingerprint", Duration.ofSeconds(10)).get(10, TimeUnit.SECONDS);
            assertThat(claim).isInstanceOf(Claim.Acquired.class);
            assertThat(records.claim(tenant, "key-1", "fingerprint", Duration.ofSeconds(10)).get(10, TimeUnit.SECONDS))
                    .as("the key is held").isInstanceOf(Claim.InProgress.class);
            assertThat(synchronousCommit(one)).isEqualTo("on");
        } finally {
            one.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void bothStatementsTurnTheFlushWaitOffForTheirOwnTransaction() throws Exception {
        TenantId tenant = new TenantId("relaxed-" + UUID.randomUUID());
        assertThat(settingWithin(PgIncidentNumbers.NEXT, Tuple.of(tenant.value(), 2026))).isEqualTo("off");
        assertThat(settingWithin(PgIdempotencyRecords.CLAIM, Tuple.of(tenant.value(), "key-2", "fingerprint", 10.0,
                86_400.0, UUID.randomUUID()))).isEqualTo("off");
    }

    /** {@code synchronous_commit} inside a transaction right after {@code statement} ran in it (then rolled back). */
    private String settingWithin(String statement, Tuple values) throws Exception {
        Pool one = onePool();
        try {
            return one.withConnection(connection -> connection.begin().compose(transaction -> connection
                            .preparedQuery(statement).execute(values)
                            .compose(ignored -> connection.query("SHOW synchronous_commit").execute())
                            .map(rows -> rows.iterator().next().getString(0))
                            .eventually(() -> transaction.rollback())))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            one.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** One connection with the options of the application's pool, so that what a statement leaves on it shows. */
    private Pool onePool() {
        return PgBuilder.pool().with(new PoolOptions().setMaxSize(1)).connectingTo(creator.connectOptions())
                .using(vertx).build();
    }

    private static String synchronousCommit(Pool one) throws Exception {
        return one.query("SHOW synchronous_commit").execute()
                .map(rows -> rows.iterator().next().getString(0))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
