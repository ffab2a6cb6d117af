package io.firedrill.adapter.persistence.jobs;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Deletes what Firedrill no longer needs, a chunk per statement (so that no statement runs long or holds many locks):
 * idempotency records past their retention (a key that old may be used afresh anyway), the state of alerts resolved
 * longer ago than their retention (an alert that fires again after that counts as new), and finished job runs older
 * than the longer of the two.
 */
@ApplicationScoped
public class PgPurges {

    /** Rows deleted per statement. */
    static final int CHUNK = 5000;

    private final Pool pool;

    @Inject
    public PgPurges(Pool pool) {
        this.pool = pool;
    }

    /** Deletes idempotency records claimed longer than {@code retention} ago; how many. */
    public CompletableFuture<Long> idempotencyRecords(Duration retention) {
        return chunks("DELETE FROM idempotency_record WHERE ctid = ANY(ARRAY(SELECT ctid FROM idempotency_record"
                + " WHERE claimed_at < clock_timestamp() - make_interval(secs => $1) LIMIT " + CHUNK + "))", retention, 0);
    }

    /** Deletes the state of alerts resolved (last changed) longer than {@code retention} ago; how many. */
    public CompletableFuture<Long> resolvedAlerts(Duration retention) {
        return chunks("DELETE FROM alert_state WHERE ctid = ANY(ARRAY(SELECT ctid FROM alert_state"
                + " WHERE status = 'RESOLVED' AND updated_at < clock_timestamp() - make_interval(secs => $1)"
                + " LIMIT " + CHUNK + "))", retention, 0);
    }

    /** Deletes finished job runs older than {@code retention}; how many. */
    public CompletableFuture<Long> jobRuns(Duration retention) {
        return chunks("DELETE FROM job_run WHERE ctid = ANY(ARRAY(SELECT ctid FROM job_run WHERE finished_at IS NOT NULL"
                + " AND finished_at < clock_timestamp() - make_interval(secs => $1) LIMIT " + CHUNK + "))", retention, 0);
    }

    private CompletableFuture<Long> chunks(String sql, Duration retention, long deletedSoFar) {
        return pool.preparedQuery(sql).execute(Tuple.of(retention.toMillis() / 1000.0))
                .compose(rows -> Future.succeededFuture((long) rows.rowCount()))
                .toCompletionStage().toCompletableFuture()
                .thenCompose(deleted -> deleted == CHUNK ? chunks(sql, retention, deletedSoFar + deleted)
                        : CompletableFuture.completedFuture(deletedSoFar + deleted));
    }
}
