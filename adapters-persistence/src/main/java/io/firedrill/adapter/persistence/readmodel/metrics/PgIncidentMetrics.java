package io.firedrill.adapter.persistence.readmodel.metrics;

import io.firedrill.adapter.persistence.readmodel.StateRows;
import io.firedrill.application.port.out.IncidentMetrics;
import io.firedrill.domain.incident.Incident;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.incident.Severity;
import io.firedrill.domain.metrics.DurationMetric;
import io.firedrill.domain.metrics.DurationMetric.Definition;
import io.firedrill.domain.metrics.MeasuredIncident;
import io.firedrill.domain.metrics.Milestone;
import io.firedrill.domain.shared.TenantId;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * The metrics read model in {@code incident_metrics} and the figures computed from it in SQL. Means are
 * arithmetic; medians and p90 are {@code percentile_cont} (linear interpolation between the two nearest
 * ranks), over seconds; buckets are UTC.
 */
@ApplicationScoped
public class PgIncidentMetrics implements IncidentMetrics {

    private static final String UPSERT = "INSERT INTO incident_metrics (incident_id, tenant_id, number, severity, status,"
            + " services, drill, detected_at, declared_at, acknowledged_at, mitigated_at, resolved_at, reviewed_at,"
            + " grouping_keys, state, last_position)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15::text::json, $16)"
            + " ON CONFLICT (incident_id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id, number = EXCLUDED.number,"
            + " severity = EXCLUDED.severity, status = EXCLUDED.status, services = EXCLUDED.services,"
            + " drill = EXCLUDED.drill, detected_at = EXCLUDED.detected_at, declared_at = EXCLUDED.declared_at,"
            + " acknowledged_at = EXCLUDED.acknowledged_at, mitigated_at = EXCLUDED.mitigated_at,"
            + " resolved_at = EXCLUDED.resolved_at, reviewed_at = EXCLUDED.reviewed_at,"
            + " grouping_keys = EXCLUDED.grouping_keys, state = EXCLUDED.state, last_position = EXCLUDED.last_position"
            + " WHERE incident_metrics.last_position < EXCLUDED.last_position";
    private static final String COUNTED = "NOT drill AND status <> 'DUPLICATE'";
    private static final String OPEN_ITEM = "a.status IN ('NOT_STARTED', 'IN_PROGRESS', 'BLOCKED')";

    private final Pool pool;
    private final StateRows<MeasuredIncident> states;

    @Inject
    public PgIncidentMetrics(Pool pool) {
        this.pool = pool;
        this.states = new StateRows<>(pool, "incident_metrics", "incident_id", MeasuredIncident.class,
                MeasuredIncident.EMPTY);
    }

    @Override
    public CompletableFuture<Void> apply(TenantId tenant, IncidentId id, long position,
                                         UnaryOperator<MeasuredIncident> change) {
        return states.apply(id.value(), position, change, (connection, measured, at) -> write(connection, tenant,
                measured, at));
    }

    private Future<Void> write(SqlConnection connection, TenantId tenant, MeasuredIncident measured, long position) {
        Incident incident = measured.incident();
        Tuple values = Tuple.tuple()
                .addValue(incident.id().value())
                .addValue(tenant.value())
                .addValue(incident.number().value())
                .addValue(incident.severity().name())
                .addValue(incident.status().name())
                .addArrayOfString(incident.services().toArray(String[]::new))
                .addValue(incident.drill())
                .addValue(utc(incident.detectedAt()))
                .addValue(utc(incident.declaredAt()))
                .addValue(utc(incident.acknowledgedAt()))
                .addValue(utc(incident.mitigatedAt()))
                .addValue(utc(incident.resolvedAt()))
                .addValue(utc(incident.reviewedAt()))
                .addArrayOfString(measured.groupingKeys().toArray(String[]::new))
                .addValue(states.json(measured))
                .addValue(position);
        return connection.preparedQuery(UPSERT).execute(values).mapEmpty();
    }

    @Override
    public CompletableFuture<Void> clear() {
        return pool.query("DELETE FROM incident_metrics").execute().<Void>mapEmpty()
                .toCompletionStage().toCompletableFuture();
    }

    @Override
    public CompletableFuture<Summary> summary(Query query) {
        CompletableFuture<Map<Boolean, Map<DurationMetric, Figures>>> durations = durations(query);
        CompletableFuture<Recurrences> recurrences = recurrences(query);
        CompletableFuture<ActionItemFigures> items = actionItems(query);
        CompletableFuture<TargetFigures> targets = targets(query);
        return durations.thenCompose(byDrill -> recurrences.thenCompose(recurring -> items.thenCombine(targets,
                (actionItems, met) -> new Summary(byDrill.get(false), byDrill.get(true), recurring, actionItems, met))));
    }

    /** Duration figures of production incidents ({@code false}) and drills ({@code true}). */
    private CompletableFuture<Map<Boolean, Map<DurationMetric, Figures>>> durations(Query query) {
        Tuple values = Tuple.of(query.tenant().value(), utc(query.from()), utc(query.to()));
        String filters = filters(query, values, "");
        StringBuilder inner = new StringBuilder("SELECT drill");
        StringBuilder outer = new StringBuilder("SELECT drill");
        List<String> reached = new ArrayList<>();
        for (DurationMetric metric : DurationMetric.values()) {
            Definition definition = query.definitions().get(metric);
            String to = column(definition.to());
            String from = column(definition.from());
            String k = metric.name().toLowerCase();
            inner.append(", (").append(to).append(" >= $2 AND ").append(to).append(" < $3 AND ").append(from)
                    .append(" IS NOT NULL) AS c_").append(k)
                    .append(", extract(epoch FROM ").append(to).append(" - ").append(from).append(")::float8 AS d_").append(k);
            outer.append(aggregates("d_" + k, "c_" + k, k));
            reached.add("(" + to + " >= $2 AND " + to + " < $3)");
        }
        inner.append(" FROM incident_metrics WHERE tenant_id = $1 AND status <> 'DUPLICATE'").append(filters)
                .append(" AND (").append(String.join(" OR ", reached)).append(')');
        String sql = outer + " FROM (" + inner + ") m GROUP BY drill";
        return pool.preparedQuery(sql).execute(values).map(rows -> {
            Map<Boolean, Map<DurationMetric, Figures>> byDrill = new HashMap<>();
            byDrill.put(false, none());
            byDrill.put(true, none());
            for (Row row : rows) {
                Map<DurationMetric, Figures> figures = new EnumMap<>(DurationMetric.class);
                for (DurationMetric metric : DurationMetric.values()) {
                    figures.put(metric, figures(row, metric.name().toLowerCase()));
                }
                byDrill.put(row.getBoolean("drill"), figures);
            }
            return byDrill;
        }).toCompletionStage().toCompletableFuture();
    }

    private CompletableFuture<Recurrences> recurrences(Query query) {
        Tuple values = Tuple.of(query.tenant().value(), utc(query.from()), utc(query.to()),
                (double) query.recurrenceWindow().toSeconds());
        String filters = filters(query, values, "");
        String period = "WITH period AS (SELECT incident_id, number, detected_at, grouping_keys FROM incident_metrics"
                + " WHERE tenant_id = $1 AND " + COUNTED + " AND detected_at >= $2 AND detected_at < $3" + filters + ")";
        String joined = " FROM period i LEFT JOIN LATERAL (SELECT p.incident_id, p.number, p.detected_at,"
                + " ARRAY(SELECT k FROM unnest(p.grouping_keys) k WHERE k = ANY (i.grouping_keys) ORDER BY k) AS shared"
                + " FROM incident_metrics p WHERE p.tenant_id = $1 AND NOT p.drill AND p.status <> 'DUPLICATE'"
                + " AND p.grouping_keys && i.grouping_keys"
                // Compared as expressions, so that the planner looks earlier incidents up by grouping key only: with
                // the detection index ANDed in, each lookup scanned the whole window (8x slower at 2,000 incidents,
                // and growing with the window's size).
                + " AND p.detected_at + interval '0 seconds' < i.detected_at"
                + " AND p.detected_at + interval '0 seconds' >= i.detected_at - make_interval(secs => $4)"
                + " ORDER BY p.detected_at DESC, p.incident_id DESC LIMIT 1) prev ON true";
        String counts = period + " SELECT count(*) AS incidents, count(prev.incident_id) AS recurring" + joined;
        Tuple listed = values.addValue(query.recurrenceListLimit());
        String list = period + " SELECT i.incident_id, i.number, i.detected_at, prev.incident_id AS prev_id,"
                + " prev.number AS prev_number, prev.detected_at AS prev_detected_at, prev.shared" + joined
                + " WHERE prev.incident_id IS NOT NULL ORDER BY i.detected_at, i.incident_id LIMIT $" + listed.size();
        return pool.withConnection(connection -> connection.preparedQuery(counts).execute(withoutLast(listed))
                        .compose(countRows -> connection.preparedQuery(list).execute(listed).map(listRows -> {
                            Row count = countRows.iterator().next();
                            List<Recurrence> recurrences = new ArrayList<>();
                            for (Row row : listRows) {
                                recurrences.add(new Recurrence(new IncidentId(row.getUUID("incident_id")),
                                        row.getString("number"), instant(row, "detected_at"),
                                        new IncidentId(row.getUUID("prev_id")), row.getString("prev_number"),
                                        instant(row, "prev_detected_at"),
                                        Arrays.asList(row.getArrayOfStrings("shared"))));
                            }
                            return new Recurrences(count.getLong("incidents"), count.getLong("recurring"), recurrences);
                        })))
                .toCompletionStage().toCompletableFuture();
    }

    private CompletableFuture<ActionItemFigures> actionItems(Query query) {
        Tuple values = Tuple.of(query.tenant().value(), utc(query.from()), utc(query.to()),
                query.now().atZone(ZoneOffset.UTC).toLocalDate());
        boolean joined = query.service() != null || query.severity() != null;
        String filters = filters(query, values, "m.");
        String sql = "SELECT count(*) AS total, count(*) FILTER (WHERE a.status = 'COMPLETED') AS completed,"
                + " count(*) FILTER (WHERE a.status = 'CANCELLED') AS cancelled,"
                + " count(*) FILTER (WHERE " + OPEN_ITEM + " AND a.due_date < $4) AS overdue,"
                + " percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM a.completed_at - a.created_at)::float8"
                + " / 86400) FILTER (WHERE a.status = 'COMPLETED') AS median_days"
                + " FROM action_item_view a" + (joined ? " JOIN incident_metrics m ON m.incident_id = a.incident_id" : "")
                + " WHERE a.tenant_id = $1 AND a.created_at >= $2 AND a.created_at < $3" + filters;
        return pool.preparedQuery(sql).execute(values).map(rows -> {
            Row row = rows.iterator().next();
            return new ActionItemFigures(row.getLong("total"), row.getLong("completed"), row.getLong("cancelled"),
                    row.getLong("overdue"), row.getDouble("median_days"));
        }).toCompletionStage().toCompletableFuture();
    }

    private CompletableFuture<TargetFigures> targets(Query query) {
        Tuple values = Tuple.of(query.tenant().value(), utc(query.from()), utc(query.to()), utc(query.now()));
        StringBuilder acknowledge = new StringBuilder("CASE severity");
        StringBuilder resolve = new StringBuilder("CASE severity");
        for (Severity severity : Severity.values()) {
            values.addValue((double) query.targets().target(severity).acknowledge().toSeconds());
            acknowledge.append(" WHEN '").append(severity.name()).append("' THEN make_interval(secs => $")
                    .append(values.size()).append(')');
            values.addValue((double) query.targets().target(severity).resolve().toSeconds());
            resolve.append(" WHEN '").append(severity.name()).append("' THEN make_interval(secs => $")
                    .append(values.size()).append(')');
        }
        String filters = filters(query, values, "");
        String sql = "SELECT " + target("acknowledged_at", "ack") + ", " + target("resolved_at", "res")
                + " FROM (SELECT detected_at, acknowledged_at, resolved_at, " + acknowledge + " END AS ack_target, "
                + resolve + " END AS res_target FROM incident_metrics WHERE tenant_id = $1 AND " + COUNTED
                + " AND detected_at >= $2 AND detected_at < $3" + filters + ") t";
        return pool.preparedQuery(sql).execute(values).map(rows -> {
            Row row = rows.iterator().next();
            return new TargetFigures(row.getLong("ack_met"), row.getLong("ack_missed"), row.getLong("ack_pending"),
                    row.getLong("res_met"), row.getLong("res_missed"), row.getLong("res_pending"));
        }).toCompletionStage().toCompletableFuture();
    }

    private static String target(String reached, String k) {
        String limit = k + "_target";
        return "count(*) FILTER (WHERE " + reached + " IS NOT NULL AND " + reached + " - detected_at <= " + limit
                + ") AS " + k + "_met, count(*) FILTER (WHERE (" + reached + " IS NOT NULL AND " + reached
                + " - detected_at > " + limit + ") OR (" + reached + " IS NULL AND $4 - detected_at > " + limit
                + ")) AS " + k + "_missed, count(*) FILTER (WHERE " + reached + " IS NULL AND $4 - detected_at <= "
                + limit + ") AS " + k + "_pending";
    }

    @Override
    public CompletableFuture<List<TrendRow>> trend(Query query, BucketSize size) {
        String unit = size == BucketSize.WEEK ? "week" : "month";
        Tuple values = Tuple.of(query.tenant().value(), utc(query.from()), utc(query.to()));
        String filters = filters(query, values, "");
        List<String> parts = new ArrayList<>();
        parts.add("SELECT date_trunc('" + unit + "', detected_at AT TIME ZONE 'UTC') AS bucket, 'incidents' AS metric,"
                + " count(*) AS n, NULL::float8 AS mean, NULL::float8 AS median, NULL::float8 AS p90"
                + " FROM incident_metrics WHERE tenant_id = $1 AND " + COUNTED + " AND detected_at >= $2"
                + " AND detected_at < $3" + filters + " GROUP BY 1");
        for (DurationMetric metric : DurationMetric.values()) {
            Definition definition = query.definitions().get(metric);
            String to = column(definition.to());
            String duration = "extract(epoch FROM " + to + " - " + column(definition.from()) + ")::float8";
            parts.add("SELECT date_trunc('" + unit + "', " + to + " AT TIME ZONE 'UTC'), '" + metric.name() + "',"
                    + " count(*), avg(" + duration + "), percentile_cont(0.5) WITHIN GROUP (ORDER BY " + duration + "),"
                    + " percentile_cont(0.9) WITHIN GROUP (ORDER BY " + duration + ")"
                    + " FROM incident_metrics WHERE tenant_id = $1 AND " + COUNTED + " AND " + to + " >= $2 AND " + to
                    + " < $3 AND " + column(definition.from()) + " IS NOT NULL" + filters + " GROUP BY 1");
        }
        String sql = String.join(" UNION ALL ", parts);
        return pool.preparedQuery(sql).execute(values).map(rows -> {
            Map<LocalDate, Long> incidents = new HashMap<>();
            Map<LocalDate, Map<DurationMetric, Figures>> figures = new HashMap<>();
            for (Row row : rows) {
                LocalDate bucket = row.getLocalDateTime("bucket").toLocalDate();
                String metric = row.getString("metric");
                if (metric.equals("incidents")) {
                    incidents.put(bucket, row.getLong("n"));
                } else {
                    figures.computeIfAbsent(bucket, b -> new EnumMap<>(DurationMetric.class)).put(
                            DurationMetric.valueOf(metric), new Figures(row.getLong("n"), row.getDouble("mean"),
                                    row.getDouble("median"), row.getDouble("p90")));
                }
            }
            List<TrendRow> trend = new ArrayList<>();
            LocalDate start = bucketStart(query.from().atZone(ZoneOffset.UTC).toLocalDate(), size);
            LocalDate last = query.to().minusNanos(1).atZone(ZoneOffset.UTC).toLocalDate();
            while (!start.isAfter(last)) {
                LocalDate end = size == BucketSize.WEEK ? start.plusWeeks(1) : start.plusMonths(1);
                Map<DurationMetric, Figures> row = none();
                row.putAll(figures.getOrDefault(start, Map.of()));
                trend.add(new TrendRow(start, end, incidents.getOrDefault(start, 0L), row));
                start = end;
            }
            return trend;
        }).toCompletionStage().toCompletableFuture();
    }

    private static LocalDate bucketStart(LocalDate day, BucketSize size) {
        return size == BucketSize.WEEK ? day.minusDays(day.getDayOfWeek().getValue() - 1L) : day.withDayOfMonth(1);
    }

    private static String aggregates(String duration, String counted, String k) {
        return ", count(*) FILTER (WHERE " + counted + ") AS n_" + k
                + ", avg(" + duration + ") FILTER (WHERE " + counted + ") AS mean_" + k
                + ", percentile_cont(0.5) WITHIN GROUP (ORDER BY " + duration + ") FILTER (WHERE " + counted
                + ") AS median_" + k
                + ", percentile_cont(0.9) WITHIN GROUP (ORDER BY " + duration + ") FILTER (WHERE " + counted
                + ") AS p90_" + k;
    }

    private static Figures figures(Row row, String k) {
        long count = row.getLong("n_" + k);
        return count == 0 ? Figures.NONE : new Figures(count, row.getDouble("mean_" + k), row.getDouble("median_" + k),
                row.getDouble("p90_" + k));
    }

    private static Map<DurationMetric, Figures> none() {
        Map<DurationMetric, Figures> figures = new EnumMap<>(DurationMetric.class);
        for (DurationMetric metric : DurationMetric.values()) {
            figures.put(metric, Figures.NONE);
        }
        return figures;
    }

    /** The service and severity filters on {@code prefix}'s columns, their values added to {@code values}. */
    private static String filters(Query query, Tuple values, String prefix) {
        StringBuilder sql = new StringBuilder();
        if (query.service() != null) {
            values.addArrayOfString(new String[] {query.service()});
            sql.append(" AND ").append(prefix).append("services @> $").append(values.size());
        }
        if (query.severity() != null) {
            values.addValue(query.severity().name());
            sql.append(" AND ").append(prefix).append("severity = $").append(values.size());
        }
        return sql.toString();
    }

    private static String column(Milestone milestone) {
        return switch (milestone) {
            case DETECTED -> "detected_at";
            case DECLARED -> "declared_at";
            case ACKNOWLEDGED -> "acknowledged_at";
            case MITIGATED -> "mitigated_at";
            case RESOLVED -> "resolved_at";
            case REVIEWED -> "reviewed_at";
        };
    }

    private static Tuple withoutLast(Tuple tuple) {
        Tuple copy = Tuple.tuple();
        for (int i = 0; i < tuple.size() - 1; i++) {
            copy.addValue(tuple.getValue(i));
        }
        return copy;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Row row, String column) {
        return row.getOffsetDateTime(column).toInstant();
    }
}
