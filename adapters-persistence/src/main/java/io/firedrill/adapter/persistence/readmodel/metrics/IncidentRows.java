package io.firedrill.adapter.persistence.readmodel.metrics;

import static io.firedrill.adapter.persistence.readmodel.metrics.MetricSql.day;
import static io.firedrill.adapter.persistence.readmodel.metrics.MetricSql.instant;
import static io.firedrill.adapter.persistence.readmodel.metrics.MetricSql.utc;

import io.firedrill.adapter.persistence.readmodel.BatchUpsert;
import io.firedrill.adapter.persistence.readmodel.BatchUpsert.Column;
import io.firedrill.adapter.persistence.readmodel.RebuildTables;
import io.firedrill.adapter.persistence.readmodel.StateRows;
import io.firedrill.application.port.out.RowBatches;
import io.firedrill.domain.incident.Incident;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.incident.IncidentStatus;
import io.firedrill.domain.metrics.MeasuredIncident;
import io.firedrill.domain.metrics.Milestone;
import io.firedrill.domain.shared.TenantId;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The projection's writes: an incident event applied to the incident's row in {@code incident_metrics}, and in
 * the same transaction what is derived from rows (the incident each incident repeats, and the dirty marks of the
 * days whose rollups the change touches, for {@link Days#refresh}).
 */
final class IncidentRows {

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
    /** Recomputes the incident repeated by incident $1 and by the later incidents of tenant $2 sharing a key in $3. */
    private static final String REPEATS = "UPDATE incident_metrics i SET previous_id = c.prev_id,"
            + " previous_detected_at = c.prev_at FROM (SELECT a.incident_id, prev.incident_id AS prev_id,"
            + " prev.detected_at AS prev_at FROM incident_metrics a LEFT JOIN LATERAL (SELECT p.incident_id, p.detected_at"
            + " FROM incident_metrics p WHERE p.tenant_id = a.tenant_id AND p.production"
            + " AND p.grouping_keys && a.grouping_keys"
            // Compared and ordered as an expression, so that the planner looks earlier incidents up by grouping key
            // only rather than walking the detection index back until one shares a key (44 ms → 2.6 ms a lookup at
            // 20,000 incidents).
            + " AND p.detected_at + interval '0 seconds' < a.detected_at"
            + " ORDER BY p.detected_at + interval '0 seconds' DESC, p.incident_id DESC LIMIT 1) prev ON true"
            + " WHERE a.incident_id = $1 OR (a.tenant_id = $2 AND a.grouping_keys && $3 AND a.detected_at > $4)) c"
            + " WHERE i.incident_id = c.incident_id AND (i.previous_id IS DISTINCT FROM c.prev_id"
            + " OR i.previous_detected_at IS DISTINCT FROM c.prev_at) RETURNING i.detected_at";
    private static final String MARK = "INSERT INTO incident_metric_dirty (tenant_id, milestone, day, version)"
            + " SELECT $1, t.milestone, t.day, 1 FROM unnest($2::text[], $3::date[]) AS t(milestone, day)"
            + " ON CONFLICT (tenant_id, milestone, day) DO UPDATE SET version = incident_metric_dirty.version + 1";
    /** The marks of a batch, of any tenants (each at most once). */
    private static final String MARK_MANY = "INSERT INTO incident_metric_dirty (tenant_id, milestone, day, version)"
            + " SELECT t.tenant, t.milestone, t.day, 1 FROM unnest($1::text[], $2::text[], $3::date[])"
            + " AS t(tenant, milestone, day)"
            + " ON CONFLICT (tenant_id, milestone, day) DO UPDATE SET version = incident_metric_dirty.version + 1";

    private final StateRows<MeasuredIncident> states;
    private final BatchUpsert<RowBatches.Change<MeasuredIncident>> batch;

    IncidentRows(Pool pool) {
        this.states = new StateRows<>(pool, "incident_metrics", "incident_id", MeasuredIncident.class,
                MeasuredIncident.EMPTY);
        this.batch = new BatchUpsert<>("incident_metrics", "incident_id", List.of(
                Column.of("incident_id", "uuid", UUID.class, row -> row.id()),
                Column.of("tenant_id", "text", String.class, row -> row.tenant().value()),
                Column.of("number", "text", String.class, row -> incident(row).number().value()),
                Column.of("severity", "text", String.class, row -> incident(row).severity().name()),
                Column.of("status", "text", String.class, row -> incident(row).status().name()),
                Column.strings("services", row -> incident(row).services()),
                Column.of("drill", "boolean", Boolean.class, row -> incident(row).drill()),
                Column.of("detected_at", "timestamptz", OffsetDateTime.class, row -> utc(incident(row).detectedAt())),
                Column.of("declared_at", "timestamptz", OffsetDateTime.class, row -> utc(incident(row).declaredAt())),
                Column.of("acknowledged_at", "timestamptz", OffsetDateTime.class, row -> utc(incident(row).acknowledgedAt())),
                Column.of("mitigated_at", "timestamptz", OffsetDateTime.class, row -> utc(incident(row).mitigatedAt())),
                Column.of("resolved_at", "timestamptz", OffsetDateTime.class, row -> utc(incident(row).resolvedAt())),
                Column.of("reviewed_at", "timestamptz", OffsetDateTime.class, row -> utc(incident(row).reviewedAt())),
                Column.strings("grouping_keys", row -> row.after().groupingKeys()),
                Column.of("state", "json", String.class, row -> states.json(row.after())),
                Column.of("last_position", "bigint", Long.class, row -> row.position())));
    }

    private static Incident incident(RowBatches.Change<MeasuredIncident> row) {
        return row.after().incident();
    }

    /**
     * Advances a batch ({@link RowBatches#advance}): the changed rows in one statement, then what is derived from
     * them, as for a single event but once per incident (its state before the batch against its state after it),
     * and the dirty marks of the whole batch in one statement.
     */
    CompletableFuture<Void> advance(RowBatches.Checkpoint checkpoint, Set<UUID> subjects,
                                    Function<Map<UUID, RowBatches.Stored<MeasuredIncident>>, List<RowBatches.Change<MeasuredIncident>>> fold) {
        return states.advance(checkpoint, subjects, fold, (connection, rows, target) -> batch.write(connection, rows, target)
                .compose(written -> {
                    // Sent together: the connection pipelines them, one round trip for the lot.
                    SortedSet<TenantMark> marks = new TreeSet<>();
                    List<Future<Void>> repeats = new ArrayList<>();
                    for (RowBatches.Change<MeasuredIncident> row : rows) {
                        repeats.add(changes(connection, row.tenant(), row.before(), row.after(), target)
                                .map(found -> {
                                    found.forEach(mark -> marks.add(new TenantMark(row.tenant().value(), mark)));
                                    return null;
                                }));
                    }
                    return Future.all(repeats).compose(ignored -> markAll(connection, marks, target));
                }));
    }

    /** Applies the event at {@code position} to the incident's row, once (idempotent by position). */
    CompletableFuture<Void> apply(TenantId tenant, IncidentId id, long position, UnaryOperator<MeasuredIncident> change) {
        return states.applyTransition(id.value(), position, change, (connection, before, after, at) ->
                write(connection, tenant, after, at).compose(written -> rollupChanges(connection, tenant, before, after)));
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

    /**
     * Keeps what is derived from incident rows in step with a change of one row: the incident each incident repeats
     * (when grouping keys, detection or whether it counts changed: for this incident and the later ones sharing a
     * key), and the dirty marks of the days whose rollups the change touches.
     */
    private static Future<Void> rollupChanges(SqlConnection connection, TenantId tenant, MeasuredIncident before,
                                              MeasuredIncident after) {
        return changes(connection, tenant, before, after, RowBatches.Target.LIVE)
                .compose(marks -> marks.isEmpty() ? Future.succeededFuture() : mark(connection, tenant, marks));
    }

    /**
     * The dirty marks a change of one row makes, after recomputing the incident it repeats (and the later ones
     * sharing a key) when the change touches recurrence.
     */
    private static Future<SortedSet<Mark>> changes(SqlConnection connection, TenantId tenant, MeasuredIncident before,
                                                   MeasuredIncident after, RowBatches.Target target) {
        Contribution was = before == null ? null : Contribution.of(before);
        Contribution is = Contribution.of(after);
        if (is.equals(was) || is.detected() == null) {
            return Future.succeededFuture(new TreeSet<>());
        }
        SortedSet<Mark> marks = new TreeSet<>(is.marks());
        if (was != null) {
            marks.addAll(was.marks());
        }
        if (was != null && !was.changesRecurrence(is)) {
            return Future.succeededFuture(marks);
        }
        if (is.keys().isEmpty() && (was == null || was.keys().isEmpty())) {
            // It shares no grouping key with any incident, before or after the change: it repeats none (its previous
            // incident stays none) and none repeats it. Incidents declared by hand have no keys.
            return Future.succeededFuture(marks);
        }
        Set<String> keys = new TreeSet<>(is.keys());
        Instant earliest = is.detected();
        if (was != null) {
            keys.addAll(was.keys());
            earliest = was.detected() == null || earliest.isBefore(was.detected()) ? earliest : was.detected();
        }
        Tuple values = Tuple.of(after.incident().id().value(), tenant.value()).addArrayOfString(keys.toArray(String[]::new))
                .addValue(utc(earliest));
        return connection.preparedQuery(in(REPEATS, target)).execute(values).map(rows -> {
            for (Row row : rows) {
                marks.add(new Mark(day(instant(row, "detected_at")), Milestone.DETECTED));
            }
            return marks;
        });
    }

    /** A statement of the live tables, on the {@code target} copies. */
    private static String in(String sql, RowBatches.Target target) {
        return sql.replace("incident_metrics", RebuildTables.name("incident_metrics", target))
                .replace("incident_metric_dirty", RebuildTables.name("incident_metric_dirty", target));
    }

    private static Future<Void> markAll(SqlConnection connection, SortedSet<TenantMark> marks, RowBatches.Target target) {
        if (marks.isEmpty()) {
            return Future.succeededFuture();
        }
        Tuple values = Tuple.tuple()
                .addArrayOfString(marks.stream().map(TenantMark::tenant).toArray(String[]::new))
                .addArrayOfString(marks.stream().map(mark -> mark.mark().milestone().name()).toArray(String[]::new))
                .addArrayOfLocalDate(marks.stream().map(mark -> mark.mark().day()).toArray(LocalDate[]::new));
        return connection.preparedQuery(in(MARK_MANY, target)).execute(values).mapEmpty();
    }

    private static Future<Void> mark(SqlConnection connection, TenantId tenant, SortedSet<Mark> marks) {
        Tuple values = Tuple.of(tenant.value())
                .addArrayOfString(marks.stream().map(mark -> mark.milestone().name()).toArray(String[]::new))
                .addArrayOfLocalDate(marks.stream().map(Mark::day).toArray(LocalDate[]::new));
        return connection.preparedQuery(MARK).execute(values).mapEmpty();
    }

    /**
     * What the figures read of an incident row; a change of anything else leaves the rollups as they are.
     * {@code counted} (not a duplicate) and {@code drill} are the inputs of the row's generated {@code production}
     * column (V10); they are watched apart because a drill that is not a duplicate still counts, in drill figures.
     */
    private record Contribution(String severity, boolean counted, boolean drill, List<String> services, Instant detected,
                                Instant declared, Instant acknowledged, Instant mitigated, Instant resolved,
                                Instant reviewed, List<String> keys) {

        static Contribution of(MeasuredIncident measured) {
            Incident i = measured.incident();
            return new Contribution(i.severity() == null ? null : i.severity().name(),
                    i.status() != IncidentStatus.DUPLICATE, i.drill(), i.services(), i.detectedAt(), i.declaredAt(),
                    i.acknowledgedAt(), i.mitigatedAt(), i.resolvedAt(), i.reviewedAt(), measured.groupingKeys());
        }

        boolean changesRecurrence(Contribution next) {
            return counted != next.counted || drill != next.drill || !Objects.equals(detected, next.detected)
                    || !keys.equals(next.keys);
        }

        List<Mark> marks() {
            List<Mark> marks = new ArrayList<>();
            add(marks, detected, Milestone.DETECTED);
            add(marks, acknowledged, Milestone.ACKNOWLEDGED);
            add(marks, mitigated, Milestone.MITIGATED);
            add(marks, resolved, Milestone.RESOLVED);
            add(marks, reviewed, Milestone.REVIEWED);
            return marks;
        }

        private static void add(List<Mark> marks, Instant at, Milestone milestone) {
            if (at != null) {
                marks.add(new Mark(day(at), milestone));
            }
        }
    }

    /** A mark of a tenant; ordered by tenant, then as marks are. */
    private record TenantMark(String tenant, Mark mark) implements Comparable<TenantMark> {

        @Override
        public int compareTo(TenantMark other) {
            int byTenant = tenant.compareTo(other.tenant);
            return byTenant != 0 ? byTenant : mark.compareTo(other.mark);
        }
    }

    /** A day of a milestone whose rollup must be recomputed; ordered, so that transactions lock marks alike. */
    private record Mark(LocalDate day, Milestone milestone) implements Comparable<Mark> {

        @Override
        public int compareTo(Mark other) {
            int byDay = day.compareTo(other.day);
            return byDay != 0 ? byDay : milestone.compareTo(other.milestone);
        }
    }
}
