package io.firedrill.adapter.persistence.readmodel.metrics;

import io.firedrill.application.port.out.IncidentMetrics;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.metrics.MeasuredIncident;
import io.firedrill.domain.shared.TenantId;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.firedrill.adapter.persistence.readmodel.RebuildTables;
import io.firedrill.application.port.out.RowBatches;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * The metrics read model: one row per incident in {@code incident_metrics}, and day rollups of the values the
 * figures need in {@code incident_metric_day} (see the V7 migration), so that a year's figures read a few hundred
 * rollup rows instead of tens of thousands of incident rows. Figures stay exact: every value is kept; a day whose
 * rollup is behind its incident rows is marked dirty by the projection and read from the incident rows until
 * {@link #refreshRollups} recomputes it.
 *
 * <p>The parts: {@link IncidentRows} (the projection's writes and marks), {@link Days} and {@link Buckets} (the
 * day and trend bucket rollups: refreshing and reading them; their SQL in {@link Rollups}), {@link Summaries} and
 * {@link Trends} (what a question reads), {@link MetricArithmetic} and {@link Samples} (the figures computed from
 * what was read).
 */
@ApplicationScoped
public class PgIncidentMetrics implements IncidentMetrics, RebuildTables {

    private final Pool pool;
    private final IncidentRows rows;

    @Inject
    public PgIncidentMetrics(Pool pool) {
        this.pool = pool;
        this.rows = new IncidentRows(pool);
    }

    @Override
    public CompletableFuture<Void> apply(TenantId tenant, IncidentId id, long position,
                                         UnaryOperator<MeasuredIncident> change) {
        return rows.apply(tenant, id, position, change);
    }

    /**
     * The incident rows and their dirty marks are rebuilt; the day and bucket rollups are emptied when the rebuilt
     * rows replace the live ones (the bucket marks stay, their versions raised): every day with an incident is marked
     * dirty by the rebuild, so figures read the rows until the rollup job has recomputed the days (and then the
     * buckets) from them.
     */
    @Override
    public List<Table> tables() {
        return List.of(new Table("incident_metrics", true), new Table("incident_metric_dirty", true, "version"),
                new Table("incident_metric_day", false), new Table("incident_metric_bucket", false),
                new Table("incident_metric_bucket_dirty", false, "version"));
    }

    @Override
    public CompletableFuture<Void> advance(RowBatches.Checkpoint checkpoint, Set<UUID> subjects,
                                           Function<Map<UUID, RowBatches.Stored<MeasuredIncident>>, List<RowBatches.Change<MeasuredIncident>>> fold) {
        return rows.advance(checkpoint, subjects, fold);
    }

    @Override
    public CompletableFuture<Void> clear() {
        return pool.withTransaction(connection -> connection.query("DELETE FROM incident_metrics").execute()
                        .compose(done -> connection.query("DELETE FROM incident_metric_day").execute())
                        .compose(done -> connection.query("DELETE FROM incident_metric_dirty").execute())
                        .compose(done -> connection.query("DELETE FROM incident_metric_bucket").execute())
                        .compose(done -> connection.query("DELETE FROM incident_metric_bucket_dirty").execute()))
                .<Void>mapEmpty().toCompletionStage().toCompletableFuture();
    }

    @Override
    public CompletableFuture<Integer> refreshRollups(int limit) {
        return Days.refresh(pool, limit)
                .compose(days -> days == limit ? Future.succeededFuture(days)
                        : Buckets.refresh(pool, limit - days).map(buckets -> days + buckets))
                .toCompletionStage().toCompletableFuture();
    }

    @Override
    public CompletableFuture<Summary> summary(Query query) {
        return Summaries.summary(pool, query);
    }

    @Override
    public CompletableFuture<List<TrendRow>> trend(Query query, BucketSize size) {
        return Trends.trend(pool, query, size);
    }
}
