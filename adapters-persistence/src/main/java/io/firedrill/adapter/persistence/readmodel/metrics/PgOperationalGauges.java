package io.firedrill.adapter.persistence.readmodel.metrics;

import io.firedrill.application.port.out.OperationalGauges;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/** The monitoring figures in a few small queries on one connection, over indexed columns. */
@ApplicationScoped
public class PgOperationalGauges implements OperationalGauges {

    private static final String OPEN = "SELECT tenant_id, severity, count(*) AS n FROM incident_metrics"
            + " WHERE status IN ('DETECTED', 'MITIGATING') AND production GROUP BY tenant_id, severity";
    private static final String OVERDUE = "SELECT tenant_id, count(*) AS n FROM action_item_view"
            + " WHERE status IN ('NOT_STARTED', 'IN_PROGRESS', 'BLOCKED') AND due_date < $1 GROUP BY tenant_id";
    /**
     * The lag of one processor: the age of the first event of a type it handles after its least advanced
     * segment's position, found with one index seek per type on {@code (type_name, position)}.
     */
    private static final String LAG = "SELECT CASE WHEN t.readable IS NOT TRUE THEN NULL WHEN first.recorded_at IS NULL THEN 0"
            + " ELSE extract(epoch FROM clock_timestamp() - first.recorded_at)::float8 END AS lag"
            + " FROM (SELECT bool_and(token_type LIKE '%GlobalSequenceTrackingToken') AS readable,"
            + " min(CASE WHEN token_type LIKE '%GlobalSequenceTrackingToken' THEN (token ->> 'globalIndex')::bigint END)"
            + " AS position FROM token_store_entry WHERE processor_name = $1) t"
            + " LEFT JOIN LATERAL (SELECT e.recorded_at FROM event_store_event e WHERE e.position = (SELECT min(n.position)"
            + " FROM unnest($2::text[]) AS handled(name), LATERAL (SELECT position FROM event_store_event"
            + " WHERE type_name = handled.name AND position > t.position ORDER BY position LIMIT 1) n)) first ON true";

    /** Ended drill runs per tenant and result, those of them not reviewed, and those reviewed within 7 days of their end. */
    private static final String DRILLS = "SELECT tenant_id, status, count(*) AS n,"
            + " count(*) FILTER (WHERE reviewed_at IS NULL) AS awaiting,"
            + " count(*) FILTER (WHERE reviewed_at <= ended_at + interval '7 days') AS reviewed_in_time"
            + " FROM drill_run_view WHERE status <> 'RUNNING' GROUP BY tenant_id, status";

    private final Pool pool;

    @Inject
    public PgOperationalGauges(Pool pool) {
        this.pool = pool;
    }

    @Override
    public CompletableFuture<Snapshot> read(Instant now, Map<String, Set<String>> handledTypes) {
        Instant since = now.minus(HISTOGRAM_WINDOW);
        return pool.withConnection(connection -> connection.preparedQuery(OPEN).execute()
                        .compose(open -> connection.preparedQuery(OVERDUE)
                                .execute(Tuple.of(now.atZone(ZoneOffset.UTC).toLocalDate()))
                                .compose(overdue -> histogram(connection, "acknowledged_at", ACKNOWLEDGE_BUCKETS, since, now)
                                        .compose(acknowledge -> histogram(connection, "resolved_at", RESOLVE_BUCKETS, since, now)
                                                .compose(resolve -> lags(connection, handledTypes)
                                                        .compose(lag -> connection.preparedQuery(DRILLS).execute()
                                                                .map(drills -> snapshot(now, open, overdue, acknowledge,
                                                                        resolve, lag, drills))))))))
                .toCompletionStage().toCompletableFuture();
    }

    private static Future<List<Histogram>> histogram(io.vertx.sqlclient.SqlConnection connection, String reached,
                                                     double[] bounds, Instant since, Instant now) {
        StringBuilder sql = new StringBuilder("SELECT tenant_id, count(*) AS n, coalesce(sum(d), 0) AS s");
        for (int i = 0; i < bounds.length; i++) {
            sql.append(", count(*) FILTER (WHERE d <= ").append(bounds[i]).append(") AS b").append(i);
        }
        sql.append(" FROM (SELECT tenant_id, extract(epoch FROM ").append(reached).append(" - detected_at)::float8 AS d")
                .append(" FROM incident_metrics WHERE ").append(reached).append(" >= $1 AND ").append(reached)
                .append(" < $2 AND production) x GROUP BY tenant_id");
        return connection.preparedQuery(sql.toString())
                .execute(Tuple.of(since.atOffset(ZoneOffset.UTC), now.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    List<Histogram> histograms = new ArrayList<>();
                    for (Row row : rows) {
                        List<Long> cumulative = new ArrayList<>();
                        for (int i = 0; i < bounds.length; i++) {
                            cumulative.add(row.getLong("b" + i));
                        }
                        histograms.add(new Histogram(row.getString("tenant_id"), cumulative, row.getLong("n"),
                                row.getDouble("s")));
                    }
                    return histograms;
                });
    }

    private static Future<Map<String, Double>> lags(io.vertx.sqlclient.SqlConnection connection,
                                                    Map<String, Set<String>> handledTypes) {
        Map<String, Double> lags = new HashMap<>();
        Future<Void> chain = Future.succeededFuture();
        for (Map.Entry<String, Set<String>> processor : new TreeMap<>(handledTypes).entrySet()) {
            chain = chain.compose(ignored -> connection.preparedQuery(LAG)
                    .execute(Tuple.tuple().addValue(processor.getKey())
                            .addArrayOfString(processor.getValue().toArray(String[]::new)))
                    .map(rows -> {
                        Double seconds = rows.iterator().next().getDouble("lag");
                        if (seconds != null) {
                            lags.put(processor.getKey(), Math.max(0, seconds));
                        }
                        return null;
                    }));
        }
        return chain.map(ignored -> lags);
    }

    private static Snapshot snapshot(Instant now, io.vertx.sqlclient.RowSet<Row> open, io.vertx.sqlclient.RowSet<Row> overdue,
                                     List<Histogram> acknowledge, List<Histogram> resolve,
                                     Map<String, Double> lags, io.vertx.sqlclient.RowSet<Row> drills) {
        List<Open> opened = new ArrayList<>();
        open.forEach(row -> opened.add(new Open(row.getString("tenant_id"), row.getString("severity"), row.getLong("n"))));
        Map<String, Long> late = new HashMap<>();
        overdue.forEach(row -> late.put(row.getString("tenant_id"), row.getLong("n")));
        List<OperationalGauges.DrillRuns> runs = new ArrayList<>();
        Map<String, Long> awaiting = new HashMap<>();
        Map<String, Long> reviewedInTime = new HashMap<>();
        drills.forEach(row -> {
            runs.add(new OperationalGauges.DrillRuns(row.getString("tenant_id"), row.getString("status"), row.getLong("n")));
            awaiting.merge(row.getString("tenant_id"), row.getLong("awaiting"), Long::sum);
            reviewedInTime.merge(row.getString("tenant_id"), row.getLong("reviewed_in_time"), Long::sum);
        });
        return new Snapshot(now, opened, late, acknowledge, resolve, lags, runs, awaiting, reviewedInTime);
    }
}
