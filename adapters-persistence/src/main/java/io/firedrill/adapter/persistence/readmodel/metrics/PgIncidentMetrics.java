package io.firedrill.adapter.persistence.readmodel.metrics;

import io.firedrill.adapter.persistence.readmodel.ReadModelCommits;
import io.firedrill.adapter.persistence.readmodel.StateRows;
import io.firedrill.adapter.persistence.readmodel.metrics.Rollups.Column;
import io.firedrill.application.port.out.IncidentMetrics;
import io.firedrill.domain.incident.Incident;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.incident.IncidentStatus;
import io.firedrill.domain.incident.ResponseTargets;
import io.firedrill.domain.metrics.DurationMetric.Definition;
import io.firedrill.domain.metrics.DurationMetric;
import io.firedrill.domain.metrics.MeasuredIncident;
import io.firedrill.domain.metrics.Milestone;
import io.firedrill.domain.shared.Severity;
import io.firedrill.domain.shared.TenantId;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The metrics read model: one row per incident in {@code incident_metrics}, and day rollups of the values the
 * figures need in {@code incident_metric_day} (see the V7 migration), so that a year's figures read a few hundred
 * rollup rows instead of tens of thousands of incident rows. Figures stay exact: every value is kept; a day whose
 * rollup is behind its incident rows is marked dirty by the projection and read from the incident rows until
 * {@link #refreshRollups} recomputes it. Means are arithmetic; medians and p90 are {@code percentile_cont}'s
 * (linear interpolation between the two nearest ranks), over seconds; days and buckets are UTC.
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
    /** Recomputes the incident repeated by incident $1 and by the later incidents of tenant $2 sharing a key in $3. */
    private static final String REPEATS = "UPDATE incident_metrics i SET previous_id = c.prev_id,"
            + " previous_detected_at = c.prev_at FROM (SELECT a.incident_id, prev.incident_id AS prev_id,"
            + " prev.detected_at AS prev_at FROM incident_metrics a LEFT JOIN LATERAL (SELECT p.incident_id, p.detected_at"
            + " FROM incident_metrics p WHERE p.tenant_id = a.tenant_id AND NOT p.drill AND p.status <> 'DUPLICATE'"
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
    private static final String DIRTY_FIRST = "SELECT tenant_id, milestone, day FROM incident_metric_dirty"
            + " ORDER BY day, milestone, tenant_id LIMIT $1";
    private static final String DIRTY_IN = "SELECT milestone, day FROM incident_metric_dirty WHERE tenant_id = $1"
            + " AND day >= $2 AND day < $3";
    private static final String DELETE_DAY = "DELETE FROM incident_metric_day WHERE tenant_id = $1 AND milestone = $2"
            + " AND day = $3";
    /** The mark's version, read once the day is locked: only a refresh holding the lock removes a mark. */
    private static final String MARKED = "SELECT version FROM incident_metric_dirty WHERE tenant_id = $1"
            + " AND milestone = $2 AND day = $3";
    private static final String UNMARK = "DELETE FROM incident_metric_dirty WHERE tenant_id = $1 AND milestone = $2"
            + " AND day = $3 AND version = $4";
    private static final String SNAPSHOT = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";
    /**
     * A figure's queries are short and send many rows to one client: parallel workers only add their start-up and
     * a copy of every row through shared memory (measured on the 100,000-incident benchmark database: the partial
     * days of a 30-day summary 15 ms with two workers, 3.5 ms without; two years of stored days 25 ms, 11 ms).
     */
    private static final String SERIAL = "SET LOCAL max_parallel_workers_per_gather = 0";
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
    private Future<Void> rollupChanges(SqlConnection connection, TenantId tenant, MeasuredIncident before,
                                       MeasuredIncident after) {
        Contribution was = before == null ? null : Contribution.of(before);
        Contribution is = Contribution.of(after);
        if (is.equals(was) || is.detected() == null) {
            return Future.succeededFuture();
        }
        SortedSet<Mark> marks = new TreeSet<>(is.marks());
        if (was != null) {
            marks.addAll(was.marks());
        }
        if (was != null && !was.changesRecurrence(is)) {
            return mark(connection, tenant, marks);
        }
        Set<String> keys = new TreeSet<>(is.keys());
        Instant earliest = is.detected();
        if (was != null) {
            keys.addAll(was.keys());
            earliest = was.detected() == null || earliest.isBefore(was.detected()) ? earliest : was.detected();
        }
        Tuple values = Tuple.of(after.incident().id().value(), tenant.value()).addArrayOfString(keys.toArray(String[]::new))
                .addValue(utc(earliest));
        return connection.preparedQuery(REPEATS).execute(values).compose(rows -> {
            for (Row row : rows) {
                marks.add(new Mark(day(instant(row, "detected_at")), Milestone.DETECTED));
            }
            return mark(connection, tenant, marks);
        });
    }

    private Future<Void> mark(SqlConnection connection, TenantId tenant, SortedSet<Mark> marks) {
        Tuple values = Tuple.of(tenant.value())
                .addArrayOfString(marks.stream().map(mark -> mark.milestone().name()).toArray(String[]::new))
                .addArrayOfLocalDate(marks.stream().map(Mark::day).toArray(LocalDate[]::new));
        return connection.preparedQuery(MARK).execute(values).mapEmpty();
    }

    /** What the figures read of an incident row; a change of anything else leaves the rollups as they are. */
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

    /** A day of a milestone whose rollup must be recomputed; ordered, so that transactions lock marks alike. */
    private record Mark(LocalDate day, Milestone milestone) implements Comparable<Mark> {

        @Override
        public int compareTo(Mark other) {
            int byDay = day.compareTo(other.day);
            return byDay != 0 ? byDay : milestone.compareTo(other.milestone);
        }
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
        return pool.preparedQuery(DIRTY_FIRST).execute(Tuple.of(limit)).compose(rows -> {
            Future<Integer> done = Future.succeededFuture(0);
            for (Row row : rows) {
                String tenant = row.getString("tenant_id");
                Milestone milestone = Milestone.valueOf(row.getString("milestone"));
                LocalDate day = row.getLocalDate("day");
                done = done.compose(count -> refresh(tenant, milestone, day).map(count + 1));
            }
            return done;
        }).compose(days -> days == limit ? Future.succeededFuture(days)
                : Buckets.refresh(pool, limit - days).map(buckets -> days + buckets))
                .toCompletionStage().toCompletableFuture();
    }

    /**
     * Recomputes one day's rollup, unless another instance did since it was listed; the mark goes only if no change
     * marked the day again meanwhile. The mark's version is read under the day's lock, not when listed: a mark
     * removed and made again starts over at version 1, and an earlier read could match the new mark.
     */
    private Future<Void> refresh(String tenant, Milestone milestone, LocalDate day) {
        List<Column> columns = Rollups.stored(milestone);
        List<String> names = columns.stream().map(column -> column.name).toList();
        String at = Rollups.column(milestone);
        String insert = "INSERT INTO incident_metric_day (tenant_id, milestone, day, drill, service, severity, incidents,"
                + " severities, " + String.join(", ", names) + ") SELECT $1, $4, day, drill, service, severity, incidents,"
                + " severities, "
                + String.join(", ", names) + " FROM (" + Rollups.shape(milestone, columns, names, Rollups.Rows.STORED,
                at + " >= $2 AND " + at + " < $3", "") + ") s";
        OffsetDateTime start = day.atStartOfDay().atOffset(ZoneOffset.UTC);
        return pool.withTransaction(connection -> connection.query(ReadModelCommits.WITHOUT_FLUSH).execute()
                .compose(set -> connection.preparedQuery(Rollups.LOCK).execute(Tuple.of(tenant + "/" + milestone + "/" + day)))
                .compose(locked -> connection.preparedQuery(MARKED).execute(Tuple.of(tenant, milestone.name(), day)))
                .compose(marked -> {
                    if (marked.size() == 0) {
                        return Future.succeededFuture();
                    }
                    long version = marked.iterator().next().getLong(0);
                    return connection.preparedQuery(DELETE_DAY).execute(Tuple.of(tenant, milestone.name(), day))
                            .compose(deleted -> connection.preparedQuery(insert)
                                    .execute(Tuple.of(tenant, start, start.plusDays(1), milestone.name())))
                            .compose(inserted -> connection.preparedQuery(UNMARK)
                                    .execute(Tuple.of(tenant, milestone.name(), day, version)))
                            .compose(unmarked -> Buckets.mark(connection, tenant, milestone, day));
                }));
    }

    @Override
    public CompletableFuture<Summary> summary(Query query) {
        Map<Milestone, List<Column>> wanted = new EnumMap<>(Milestone.class);
        wanted.put(Milestone.DETECTED, Rollups.stored(Milestone.DETECTED));
        for (DurationMetric metric : DurationMetric.values()) {
            Definition definition = query.definitions().get(metric);
            wanted.put(definition.to(), List.of(Column.since(definition.from())));
        }
        CompletableFuture<ActionItemFigures> items = actionItems(query);
        // Sent together on one connection (pipelined): the server runs the recurrence list while the rollups travel.
        CompletableFuture<Summary> figures = snapshot(connection -> {
            Future<List<Rollups.Day>> days = days(connection, query, wanted);
            Future<List<Recurrence>> listed = recurrences(connection, query);
            return days.compose(read -> listed.map(recurrences -> summarize(query, read, recurrences)));
        });
        return figures.thenCombine(items, (summary, actionItems) -> new Summary(summary.production(), summary.drills(),
                summary.recurrences(), actionItems, summary.targets()));
    }

    private static Summary summarize(Query query, List<Rollups.Day> days, List<Recurrence> listed) {
        Map<DurationMetric, Samples> production = samples();
        Map<DurationMetric, Samples> drills = samples();
        double window = query.recurrenceWindow().toNanos() / 1e9;
        double now = query.now().getEpochSecond() + query.now().getNano() / 1e9;
        long incidents = 0;
        long recurring = 0;
        long[] targets = new long[6];
        double[] acknowledgeWithin = new double[SEVERITIES.length];
        double[] resolveWithin = new double[SEVERITIES.length];
        for (Severity severity : SEVERITIES) {
            ResponseTargets.Target target = query.targets().target(severity);
            acknowledgeWithin[severity.ordinal()] = target.acknowledge().toNanos() / 1e9;
            resolveWithin[severity.ordinal()] = target.resolve().toNanos() / 1e9;
        }
        // one allocation per figure: a year's values are tens of thousands
        int[][] sizes = new int[2][METRICS.length];
        for (Rollups.Day day : days) {
            if (day.milestone() != Milestone.DETECTED) {
                sizes[day.drill() ? 1 : 0][ending(day.milestone()).ordinal()] += day.columns()[0].length;
            }
        }
        for (DurationMetric metric : METRICS) {
            production.get(metric).reserve(sizes[0][metric.ordinal()]);
            drills.get(metric).reserve(sizes[1][metric.ordinal()]);
        }
        for (Rollups.Day day : days) {
            if (day.milestone() == Milestone.DETECTED) {
                double start = day.day().toEpochDay() * 86_400.0;
                double[] offsets = day.columns()[0];
                double[] gaps = day.columns()[1];
                incidents += day.incidents();
                for (int i = 0; i < day.incidents(); i++) {
                    if (gaps[i] <= window) {
                        recurring++;
                    }
                    int rank = day.severity(i);
                    double age = now - (start + offsets[i]);
                    count(targets, 0, day.columns()[2][i], age, acknowledgeWithin[rank]);
                    count(targets, 3, day.columns()[3][i], age, resolveWithin[rank]);
                }
            } else {
                DurationMetric metric = ending(day.milestone());
                add((day.drill() ? drills : production).get(metric), day);
            }
        }
        Recurrences recurrences = new Recurrences(incidents, recurring, listed);
        return new Summary(figures(production), figures(drills), recurrences, null,
                new TargetFigures(targets[0], targets[1], targets[2], targets[3], targets[4], targets[5]));
    }

    /**
     * Counts one incident against a target at {@code at}: met when it reached the milestone within the target,
     * missed when later or when not yet and the target has passed, pending otherwise. Times in seconds.
     */
    private static void count(long[] counts, int at, double reachedAfter, double age, double limit) {
        if (!Double.isNaN(reachedAfter)) {
            counts[at + (reachedAfter <= limit ? 0 : 1)]++;
        } else {
            counts[at + (age > limit ? 1 : 2)]++;
        }
    }

    private static void add(Samples samples, Rollups.Day day) {
        samples.addAll(day.columns()[0]);
    }

    private static final Severity[] SEVERITIES = Severity.values();

    private static final DurationMetric[] METRICS = DurationMetric.values();

    private static DurationMetric ending(Milestone milestone) {
        for (DurationMetric metric : METRICS) {
            if (metric.end() == milestone) {
                return metric;
            }
        }
        throw new IllegalArgumentException("no duration metric ends at " + milestone);
    }

    private static Map<DurationMetric, Samples> samples() {
        Map<DurationMetric, Samples> samples = new EnumMap<>(DurationMetric.class);
        for (DurationMetric metric : DurationMetric.values()) {
            samples.put(metric, new Samples());
        }
        return samples;
    }

    private static Map<DurationMetric, Figures> figures(Map<DurationMetric, Samples> samples) {
        Map<DurationMetric, Figures> figures = new EnumMap<>(DurationMetric.class);
        samples.forEach((metric, values) -> figures.put(metric, values.figures()));
        return figures;
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
                + " FROM incident_metrics i WHERE i.tenant_id = $1 AND NOT i.drill AND i.status <> 'DUPLICATE'"
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

    @Override
    public CompletableFuture<List<TrendRow>> trend(Query query, BucketSize size) {
        Map<Milestone, List<Column>> wanted = new EnumMap<>(Milestone.class);
        wanted.put(Milestone.DETECTED, List.of());
        for (DurationMetric metric : DurationMetric.values()) {
            Definition definition = query.definitions().get(metric);
            wanted.put(definition.to(), List.of(Column.since(definition.from())));
        }
        List<LocalDate> starts = new ArrayList<>();
        LocalDate last = day(query.to().minusNanos(1));
        for (LocalDate start = Buckets.start(day(query.from()), size); !start.isAfter(last);
             start = Buckets.next(start, size)) {
            starts.add(start);
        }
        // The buckets wholly inside the period may be read from their computed figures.
        int firstWhole = start(starts.getFirst()).isBefore(query.from()) ? 1 : 0;
        int endWhole = start(Buckets.next(starts.getLast(), size)).isAfter(query.to()) ? starts.size() - 1 : starts.size();
        return snapshot(connection -> {
            Future<Buckets.Read> stored = firstWhole < endWhole
                    ? Buckets.read(connection, query, size, starts.get(firstWhole), starts.get(endWhole - 1), wanted.keySet())
                    : Future.succeededFuture(new Buckets.Read(Set.of(), List.of()));
            return stored.compose(buckets -> {
                // The other buckets from their days, a period of consecutive buckets at a time.
                List<Future<List<Rollups.Day>>> reads = new ArrayList<>();
                for (int from = 0; from < starts.size(); ) {
                    if (buckets.usable().contains(starts.get(from))) {
                        from++;
                        continue;
                    }
                    int to = from;
                    while (to < starts.size() && !buckets.usable().contains(starts.get(to))) {
                        to++;
                    }
                    Instant periodFrom = latest(query.from(), start(starts.get(from)));
                    Instant periodTo = earliest(query.to(), start(Buckets.next(starts.get(to - 1), size)));
                    reads.add(days(connection, query.during(periodFrom, periodTo), wanted));
                    from = to;
                }
                return Future.all(reads).map(read -> trend(query, size, starts, buckets, reads));
            });
        });
    }

    private static List<TrendRow> trend(Query query, BucketSize size, List<LocalDate> starts, Buckets.Read buckets,
                                        List<Future<List<Rollups.Day>>> reads) {
        long[] incidents = new long[starts.size()];
        List<Map<DurationMetric, Samples>> samples = new ArrayList<>();
        starts.forEach(start -> samples.add(samples()));
        for (Future<List<Rollups.Day>> read : reads) {
            for (Rollups.Day day : read.result()) {
                if (day.drill()) {
                    continue;
                }
                int bucket = bucketIndex(starts.getFirst(), day.day(), size);
                if (day.milestone() == Milestone.DETECTED) {
                    incidents[bucket] += day.incidents();
                } else {
                    add(samples.get(bucket).get(ending(day.milestone())), day);
                }
            }
        }
        List<Map<DurationMetric, Figures>> computed = new ArrayList<>();
        for (LocalDate start : starts) {
            computed.add(buckets.usable().contains(start) ? noFigures() : null);
        }
        for (Buckets.Stored row : buckets.rows()) {
            int bucket = bucketIndex(starts.getFirst(), row.start(), size);
            if (computed.get(bucket) == null) {
                continue;
            }
            if (row.milestone() == Milestone.DETECTED) {
                incidents[bucket] += row.incidents();
            } else {
                DurationMetric metric = ending(row.milestone());
                computed.get(bucket).put(metric, row.figures(Column.since(query.definitions().get(metric).from())));
            }
        }
        List<TrendRow> trend = new ArrayList<>();
        for (int bucket = 0; bucket < starts.size(); bucket++) {
            Map<DurationMetric, Figures> figures = computed.get(bucket);
            trend.add(new TrendRow(starts.get(bucket), Buckets.next(starts.get(bucket), size), incidents[bucket],
                    figures != null ? figures : figures(samples.get(bucket))));
        }
        return trend;
    }

    private static Map<DurationMetric, Figures> noFigures() {
        Map<DurationMetric, Figures> figures = new EnumMap<>(DurationMetric.class);
        for (DurationMetric metric : METRICS) {
            figures.put(metric, Figures.NONE);
        }
        return figures;
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** The bucket of {@code day}, counted from the bucket that starts at {@code first}. */
    private static int bucketIndex(LocalDate first, LocalDate day, BucketSize size) {
        return size == BucketSize.WEEK ? (int) ((day.toEpochDay() - first.toEpochDay()) / 7)
                : (day.getYear() - first.getYear()) * 12 + day.getMonthValue() - first.getMonthValue();
    }

    /**
     * Runs {@code work} in a read-only transaction that sees one snapshot: rollups, marks and rows agree; without
     * parallel workers ({@link #SERIAL}). The settings are sent without waiting for their answers: a connection
     * runs its statements in the order sent, so they hold from the first query of {@code work}, and if one fails,
     * so does the whole.
     */
    private <T> CompletableFuture<T> snapshot(Function<SqlConnection, Future<T>> work) {
        return pool.withTransaction(connection -> {
                    Future<?> isolated = connection.query(SNAPSHOT).execute();
                    Future<?> serial = connection.query(SERIAL).execute();
                    Future<T> result = work.apply(connection);
                    return Future.join(isolated, serial, result).transform(settled -> isolated.failed()
                            ? Future.<T>failedFuture(isolated.cause())
                            : serial.failed() ? Future.<T>failedFuture(serial.cause()) : result);
                })
                .toCompletionStage().toCompletableFuture();
    }

    /**
     * The values of {@code wanted} columns per milestone for the query's period: whole days from their stored
     * rollup unless marked dirty; marked days and the partial first and last days computed from incident rows.
     */
    private static Future<List<Rollups.Day>> days(SqlConnection connection, Query query,
                                                  Map<Milestone, List<Column>> wanted) {
        LocalDate fromDay = day(query.from());
        LocalDate firstWhole = start(fromDay).equals(query.from()) ? fromDay : fromDay.plusDays(1);
        LocalDate endWhole = day(query.to());
        if (!firstWhole.isBefore(endWhole)) {
            Map<Milestone, List<Instant[]>> live = new EnumMap<>(Milestone.class);
            wanted.keySet().forEach(milestone -> live.put(milestone, List.<Instant[]>of(new Instant[] {query.from(), query.to()})));
            return live(connection, query, wanted, live);
        }
        // The marks and the stored days are asked for together; the live days once the marks are known.
        Future<RowSet<Row>> marked = connection.preparedQuery(DIRTY_IN)
                .execute(Tuple.of(query.tenant().value(), firstWhole, endWhole));
        List<String> branches = new ArrayList<>();
        for (Map.Entry<Milestone, List<Column>> entry : wanted.entrySet()) {
            branches.add("SELECT " + entry.getKey().ordinal() + " AS milestone, day, drill, severity, incidents, severities"
                    + read(entry.getValue().stream().map(column -> column.name).toList())
                    + " FROM incident_metric_day WHERE tenant_id = $1 AND service = $4 AND severity = $5 AND milestone = '"
                    + entry.getKey() + "' AND day >= $2 AND day < $3");
        }
        Future<RowSet<Row>> stored = connection.preparedQuery(String.join(" UNION ALL ", branches)).execute(Tuple.of(
                query.tenant().value(), firstWhole, endWhole, query.service() == null ? "" : query.service(),
                query.severity() == null ? "" : query.severity().name()));
        return marked.compose(dirtyRows -> {
            Map<Milestone, Set<LocalDate>> dirty = new EnumMap<>(Milestone.class);
            for (Row row : dirtyRows) {
                dirty.computeIfAbsent(Milestone.valueOf(row.getString("milestone")), m -> new TreeSet<>())
                        .add(row.getLocalDate("day"));
            }
            Map<Milestone, List<Instant[]>> live = new EnumMap<>(Milestone.class);
            for (Milestone milestone : wanted.keySet()) {
                List<Instant[]> intervals = new ArrayList<>();
                if (query.from().isBefore(start(firstWhole))) {
                    intervals.add(new Instant[] {query.from(), start(firstWhole)});
                }
                for (LocalDate day : dirty.getOrDefault(milestone, Set.of())) {
                    extend(intervals, start(day), start(day.plusDays(1)));
                }
                if (start(endWhole).isBefore(query.to())) {
                    extend(intervals, start(endWhole), query.to());
                }
                live.put(milestone, intervals);
            }
            Future<List<Rollups.Day>> computed = live(connection, query, wanted, live);
            return stored.compose(rows -> {
                List<Rollups.Day> days = new ArrayList<>();
                for (Row row : rows) {
                    Rollups.Day day = Rollups.Day.read(row);
                    if (!dirty.getOrDefault(day.milestone(), Set.of()).contains(day.day())) {
                        days.add(day);
                    }
                }
                return computed.map(fromRows -> {
                    days.addAll(fromRows);
                    return days;
                });
            });
        });
    }

    /** Adds {@code [from, to)} to ordered intervals, joined to the last one when they touch. */
    private static void extend(List<Instant[]> intervals, Instant from, Instant to) {
        if (!intervals.isEmpty() && intervals.getLast()[1].equals(from)) {
            intervals.getLast()[1] = to;
        } else {
            intervals.add(new Instant[] {from, to});
        }
    }

    /** The values of days computed from incident rows, over the given intervals of each milestone. */
    private static Future<List<Rollups.Day>> live(SqlConnection connection, Query query,
                                                  Map<Milestone, List<Column>> wanted,
                                                  Map<Milestone, List<Instant[]>> intervals) {
        Tuple values = Tuple.of(query.tenant().value());
        String filter = filters(query, values, "m.");
        List<String> branches = new ArrayList<>();
        for (Map.Entry<Milestone, List<Column>> entry : wanted.entrySet()) {
            Milestone milestone = entry.getKey();
            List<Instant[]> ranges = intervals.getOrDefault(milestone, List.of());
            if (ranges.isEmpty()) {
                continue;
            }
            String at = Rollups.column(milestone);
            List<String> conditions = new ArrayList<>();
            for (Instant[] range : ranges) {
                values.addValue(utc(range[0]));
                values.addValue(utc(range[1]));
                conditions.add("(" + at + " >= $" + (values.size() - 1) + " AND " + at + " < $" + values.size() + ")");
            }
            List<String> aliases = new ArrayList<>();
            for (int c = 0; c < entry.getValue().size(); c++) {
                aliases.add("c" + c);
            }
            branches.add("SELECT " + milestone.ordinal() + " AS milestone, day, drill, severity, incidents, severities"
                    + read(aliases)
                    + " FROM (" + Rollups.shape(milestone, entry.getValue(), aliases,
                    query.severity() == null ? Rollups.Rows.EVERY_SEVERITY : Rollups.Rows.PER_SEVERITY,
                    String.join(" OR ", conditions), filter) + ") s" + milestone.name().toLowerCase());
        }
        if (branches.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        return connection.preparedQuery(String.join(" UNION ALL ", branches)).execute(values).map(rows -> {
            List<Rollups.Day> days = new ArrayList<>();
            for (Row row : rows) {
                days.add(Rollups.Day.read(row));
            }
            return days;
        });
    }

    /** {@code , a AS c0, b AS c1, NULL::bytea AS c2, …}: the read columns, padded. */
    private static String read(List<String> columns) {
        StringBuilder sql = new StringBuilder();
        for (int c = 0; c < Rollups.READ_COLUMNS; c++) {
            sql.append(", ").append(c < columns.size() ? columns.get(c) : "NULL::bytea").append(" AS c").append(c);
        }
        return sql.toString();
    }

    private static LocalDate day(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
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

    /**
     * The service and severity filters on {@code prefix}'s columns, their values added to {@code values}. The
     * service is compared element by element, not with {@code @>}: the statements are prepared, and a generic plan
     * that intersects the services index with the period's (measured: 33 to 70 ms for the recurrences of a year
     * and one service) loses to walking the period in order and filtering (8 ms).
     */
    private static String filters(Query query, Tuple values, String prefix) {
        StringBuilder sql = new StringBuilder();
        if (query.service() != null) {
            values.addValue(query.service());
            sql.append(" AND $").append(values.size()).append(" = ANY (").append(prefix).append("services)");
        }
        if (query.severity() != null) {
            values.addValue(query.severity().name());
            sql.append(" AND ").append(prefix).append("severity = $").append(values.size());
        }
        return sql.toString();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Row row, String column) {
        return row.getOffsetDateTime(column).toInstant();
    }
}
