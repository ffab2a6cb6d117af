package io.firedrill.adapter.persistence.readmodel.metrics;

import static io.firedrill.adapter.persistence.readmodel.metrics.MetricSql.filters;
import static io.firedrill.adapter.persistence.readmodel.metrics.MetricSql.instant;
import static io.firedrill.adapter.persistence.readmodel.metrics.MetricSql.utc;

import io.firedrill.adapter.persistence.readmodel.metrics.Rollups.Column;
import io.firedrill.application.port.in.metrics.MetricFigures.ActionItemFigures;
import io.firedrill.application.port.in.metrics.MetricFigures.Recurrence;
import io.firedrill.application.port.in.metrics.MetricFigures.Summary;
import io.firedrill.application.port.out.IncidentMetrics.Query;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.metrics.DurationMetric.Definition;
import io.firedrill.domain.metrics.DurationMetric;
import io.firedrill.domain.metrics.Milestone;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What a summary reads: the period's days (on one snapshot with the list of its first recurrences) and the action
 * item figures; the figures themselves are {@link MetricArithmetic#summary}'s.
 */
final class Summaries {

    private static final String OPEN_ITEM = "a.status IN ('NOT_STARTED', 'IN_PROGRESS', 'BLOCKED')";

    private Summaries() {
    }

    static CompletableFuture<Summary> summary(Pool pool, Query query) {
        Map<Milestone, List<Column>> wanted = new EnumMap<>(Milestone.class);
        wanted.put(Milestone.DETECTED, Rollups.stored(Milestone.DETECTED));
        for (DurationMetric metric : DurationMetric.values()) {
            Definition definition = query.definitions().get(metric);
            wanted.put(definition.to(), List.of(Column.since(definition.from())));
        }
        CompletableFuture<ActionItemFigures> items = actionItems(pool, query);
        // Sent together on one connection (pipelined): the server runs the recurrence list while the rollups travel.
        CompletableFuture<Summary> figures = MetricSql.snapshot(pool, connection -> {
            Future<List<Rollups.Day>> days = Days.read(connection, query, wanted);
            Future<List<Recurrence>> listed = recurrences(connection, query);
            return days.compose(read -> listed.map(recurrences -> MetricArithmetic.summary(query, read, recurrences)));
        });
        return figures.thenCombine(items, (summary, actionItems) -> new Summary(summary.production(), summary.drills(),
                summary.recurrences(), actionItems, summary.targets()));
    }

    /** The first recurrences of the period, oldest first, with the incident each repeats and the keys they share. */
    private static Future<List<Recurrence>> recurrences(SqlConnection connection, Query query) {
        Tuple values = Tuple.of(query.tenant().value(), utc(query.from()), utc(query.to()),
                query.recurrenceWindow().toNanos() / 1e9);
        String filters = filters(query, values, "i.");
        values.addValue(query.recurrenceListLimit());
        // The first recurrences are found first, walking the period's repeating incidents in order, and only those
        // are joined to the incidents they repeat.
        String sql = "SELECT i.incident_id, i.number, i.detected_at, p.incident_id AS prev_id, p.number AS prev_number,"
                + " p.detected_at AS prev_detected_at,"
                + " ARRAY(SELECT k FROM unnest(p.grouping_keys) k WHERE k = ANY (i.grouping_keys) ORDER BY k) AS shared"
                + " FROM (SELECT i.incident_id, i.number, i.detected_at, i.previous_id, i.grouping_keys"
                + " FROM incident_metrics i WHERE i.tenant_id = $1 AND i.production"
                + " AND i.detected_at >= $2 AND i.detected_at < $3 AND i.previous_id IS NOT NULL"
                + " AND i.previous_detected_at >= i.detected_at - make_interval(secs => $4)"
                + filters + " ORDER BY i.detected_at, i.incident_id LIMIT $" + values.size() + ") i"
                + " JOIN incident_metrics p ON p.incident_id = i.previous_id ORDER BY i.detected_at, i.incident_id";
        return connection.preparedQuery(sql).execute(values).map(rows -> {
            List<Recurrence> recurrences = new ArrayList<>();
            for (Row row : rows) {
                recurrences.add(new Recurrence(new IncidentId(row.getUUID("incident_id")), row.getString("number"),
                        instant(row, "detected_at"), new IncidentId(row.getUUID("prev_id")), row.getString("prev_number"),
                        instant(row, "prev_detected_at"), Arrays.asList(row.getArrayOfStrings("shared"))));
            }
            return recurrences;
        });
    }

    private static CompletableFuture<ActionItemFigures> actionItems(Pool pool, Query query) {
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
}
