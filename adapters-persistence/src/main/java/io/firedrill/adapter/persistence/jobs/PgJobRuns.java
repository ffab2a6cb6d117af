package io.firedrill.adapter.persistence.jobs;

import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;

/**
 * Runs of jobs that happen once per period across every instance ({@code job_run}, V16). An instance claims a
 * period by inserting its row; a claim not finished and not renewed for {@code takeOverAfter} (its instance died
 * mid-run) may be taken by another. The jobs themselves are idempotent, so a run taken over does no harm by
 * repeating what the first one did.
 */
@ApplicationScoped
public class PgJobRuns {

    private static final String CLAIM = "INSERT INTO job_run (job, period_start, node) VALUES ($1, $2, $3)"
            + " ON CONFLICT (job, period_start) DO UPDATE SET node = EXCLUDED.node, claimed_at = clock_timestamp()"
            + " WHERE job_run.finished_at IS NULL AND job_run.claimed_at < clock_timestamp() - make_interval(secs => $4)"
            + " RETURNING job";

    private final Pool pool;

    @Inject
    public PgJobRuns(Pool pool) {
        this.pool = pool;
    }

    /** Whether this node now holds the run of {@code job} for the period starting at {@code periodStart}. */
    public CompletableFuture<Boolean> claim(String job, Instant periodStart, String node, Duration takeOverAfter) {
        return pool.preparedQuery(CLAIM)
                .execute(Tuple.of(job, periodStart.atOffset(ZoneOffset.UTC), node, takeOverAfter.toMillis() / 1000.0))
                .map(rows -> rows.size() == 1)
                .toCompletionStage().toCompletableFuture();
    }

    /** Records that the run finished, with what it did; renews nothing else. */
    public CompletableFuture<Void> finish(String job, Instant periodStart, String node, String outcome) {
        return pool.preparedQuery("UPDATE job_run SET finished_at = clock_timestamp(), outcome = left($4, 2000)"
                        + " WHERE job = $1 AND period_start = $2 AND node = $3")
                .execute(Tuple.of(job, periodStart.atOffset(ZoneOffset.UTC), node, outcome))
                .<Void>mapEmpty().toCompletionStage().toCompletableFuture();
    }
}
