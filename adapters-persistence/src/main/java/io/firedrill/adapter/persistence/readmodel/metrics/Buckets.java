package io.firedrill.adapter.persistence.readmodel.metrics;

import io.firedrill.adapter.persistence.readmodel.ReadModelCommits;
import io.firedrill.adapter.persistence.readmodel.metrics.Rollups.Column;
import io.firedrill.application.port.in.metrics.MetricFigures.BucketSize;
import io.firedrill.application.port.in.metrics.MetricFigures.Figures;
import io.firedrill.application.port.out.IncidentMetrics.Query;
import io.firedrill.domain.metrics.Milestone;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The figures of whole trend buckets (weeks from Monday, months; UTC), computed ahead from their day rollups (see
 * the V9 migration) with the same {@link Samples} a query uses on days, so that a trend row is the same whether
 * read from its bucket or from its days. Recomputing a day marks its week and month; a bucket is recomputed once
 * none of its days is marked, and read only while neither it nor one of its days is marked.
 */
final class Buckets {

    /** Figures per stored column: count, mean, median, p90. */
    private static final int FIGURES = 4;
    private static final String MARK = "INSERT INTO incident_metric_bucket_dirty (tenant_id, milestone, size, start, version)"
            + " VALUES ($1, $2, 'WEEK', $3, 1), ($1, $2, 'MONTH', $4, 1) ON CONFLICT (tenant_id, milestone, size, start)"
            + " DO UPDATE SET version = incident_metric_bucket_dirty.version + 1";
    /** Marked buckets none of whose days is marked, oldest first. */
    private static final String DIRTY_FIRST = "SELECT b.tenant_id, b.milestone, b.size, b.start"
            + " FROM incident_metric_bucket_dirty b WHERE NOT EXISTS (SELECT 1 FROM incident_metric_dirty d"
            + " WHERE d.tenant_id = b.tenant_id AND d.milestone = b.milestone AND d.day >= b.start"
            + " AND d.day < b.start + CASE b.size WHEN 'WEEK' THEN interval '1 week' ELSE interval '1 month' END)"
            + " ORDER BY b.start, b.size, b.milestone, b.tenant_id LIMIT $1";
    private static final String DELETE = "DELETE FROM incident_metric_bucket WHERE tenant_id = $1 AND milestone = $2"
            + " AND size = $3 AND start = $4";
    private static final String INSERT = "INSERT INTO incident_metric_bucket (tenant_id, milestone, size, start, service,"
            + " severity, incidents, figures) SELECT $1, $2, $3, $4, t.service, t.severity, t.incidents, t.figures"
            + " FROM unnest($5::text[], $6::text[], $7::int[], $8::bytea[]) AS t(service, severity, incidents, figures)";
    /** The mark's version, read once the bucket is locked: only a refresh holding the lock removes a mark. */
    private static final String MARKED = "SELECT version FROM incident_metric_bucket_dirty WHERE tenant_id = $1"
            + " AND milestone = $2 AND size = $3 AND start = $4";
    private static final String UNMARK = "DELETE FROM incident_metric_bucket_dirty WHERE tenant_id = $1 AND milestone = $2"
            + " AND size = $3 AND start = $4 AND version = $5";
    private static final String MARKED_IN = "SELECT milestone, start FROM incident_metric_bucket_dirty"
            + " WHERE tenant_id = $1 AND size = $2 AND start >= $3 AND start <= $4";
    private static final String DAYS_MARKED_IN = "SELECT day FROM incident_metric_dirty WHERE tenant_id = $1"
            + " AND milestone = ANY ($2) AND day >= $3 AND day < $4";
    private static final String STORED_IN = "SELECT milestone, start, incidents, figures FROM incident_metric_bucket"
            + " WHERE tenant_id = $1 AND service = $2 AND severity = $3 AND size = $4 AND start >= $5 AND start <= $6"
            + " AND milestone = ANY ($7)";

    private Buckets() {
    }

    static LocalDate start(LocalDate day, BucketSize size) {
        return size == BucketSize.WEEK ? day.minusDays(day.getDayOfWeek().getValue() - 1L) : day.withDayOfMonth(1);
    }

    static LocalDate next(LocalDate start, BucketSize size) {
        return size == BucketSize.WEEK ? start.plusWeeks(1) : start.plusMonths(1);
    }

    /** Marks the week and the month of {@code day}, whose rollup of {@code milestone} was just recomputed. */
    static Future<Void> mark(SqlConnection connection, String tenant, Milestone milestone, LocalDate day) {
        return connection.preparedQuery(MARK).execute(Tuple.of(tenant, milestone.name(),
                start(day, BucketSize.WEEK), start(day, BucketSize.MONTH))).mapEmpty();
    }

    /** Recomputes up to {@code limit} marked buckets none of whose days is marked; how many. */
    static Future<Integer> refresh(Pool pool, int limit) {
        return pool.preparedQuery(DIRTY_FIRST).execute(Tuple.of(limit)).compose(rows -> {
            Future<Integer> done = Future.succeededFuture(0);
            for (Row row : rows) {
                String tenant = row.getString("tenant_id");
                Milestone milestone = Milestone.valueOf(row.getString("milestone"));
                BucketSize size = BucketSize.valueOf(row.getString("size"));
                LocalDate start = row.getLocalDate("start");
                done = done.compose(count -> refresh(pool, tenant, milestone, size, start).map(count + 1));
            }
            return done;
        });
    }

    /**
     * Recomputes one bucket from its stored days, unless another instance did since it was listed; the mark goes
     * only if no day refresh marked it again meanwhile (its version is read under the bucket's lock, as for days).
     */
    private static Future<Void> refresh(Pool pool, String tenant, Milestone milestone, BucketSize size, LocalDate start) {
        List<Column> columns = columns(milestone);
        StringBuilder read = new StringBuilder("SELECT service, severity, incidents");
        columns.forEach(column -> read.append(", ").append(column.name));
        read.append(" FROM incident_metric_day WHERE tenant_id = $1 AND milestone = $2 AND day >= $3 AND day < $4")
                .append(" AND NOT drill");
        Tuple bucket = Tuple.of(tenant, milestone.name(), size.name(), start);
        return pool.withTransaction(connection -> connection.query(ReadModelCommits.WITHOUT_FLUSH).execute()
                .compose(set -> connection.preparedQuery(Rollups.LOCK)
                        .execute(Tuple.of(tenant + "/" + milestone + "/" + size + "/" + start)))
                .compose(locked -> connection.preparedQuery(MARKED).execute(bucket))
                .compose(marked -> {
                    if (marked.size() == 0) {
                        return Future.<Void>succeededFuture();
                    }
                    long version = marked.iterator().next().getLong(0);
                    return connection.preparedQuery(read.toString())
                            .execute(Tuple.of(tenant, milestone.name(), start, next(start, size)))
                            .compose(days -> connection.preparedQuery(DELETE).execute(bucket).compose(deleted -> connection
                                    .preparedQuery(INSERT).execute(computed(Tuple.of(tenant, milestone.name(), size.name(),
                                            start), days, columns.size()))))
                            .compose(inserted -> connection.preparedQuery(UNMARK)
                                    .execute(Tuple.of(tenant, milestone.name(), size.name(), start, version)))
                            .<Void>mapEmpty();
                }));
    }

    /** The columns whose figures a bucket keeps: a trend counts DETECTED incidents, and measures the others. */
    private static List<Column> columns(Milestone milestone) {
        return milestone == Milestone.DETECTED ? List.of() : Rollups.stored(milestone);
    }

    /**
     * {@code bucket} followed by the bucket rows computed from its day rows: arrays of services, severities,
     * incident counts and packed figures, one element per service and severity.
     */
    private static Tuple computed(Tuple bucket, RowSet<Row> days, int columns) {
        Map<List<String>, Samples[]> samples = new LinkedHashMap<>();
        Map<List<String>, Integer> incidents = new LinkedHashMap<>();
        for (Row day : days) {
            List<String> key = List.of(day.getString(0), day.getString(1));
            incidents.merge(key, day.getInteger(2), Integer::sum);
            Samples[] values = samples.computeIfAbsent(key, k -> {
                Samples[] fresh = new Samples[columns];
                for (int c = 0; c < columns; c++) {
                    fresh[c] = new Samples();
                }
                return fresh;
            });
            for (int c = 0; c < columns; c++) {
                Rollups.unpack(day.getBuffer(3 + c), values[c]);
            }
        }
        List<String> services = new ArrayList<>();
        List<String> severities = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        List<Buffer> figures = new ArrayList<>();
        samples.forEach((key, values) -> {
            services.add(key.get(0));
            severities.add(key.get(1));
            counts.add(incidents.get(key));
            Buffer packed = Buffer.buffer(columns * FIGURES * Double.BYTES);
            for (Samples column : values) {
                Figures f = column.figures();
                packed.appendDouble(f.count()).appendDouble(orNaN(f.meanSeconds())).appendDouble(orNaN(f.medianSeconds()))
                        .appendDouble(orNaN(f.p90Seconds()));
            }
            figures.add(packed);
        });
        return bucket.addArrayOfString(services.toArray(String[]::new))
                .addArrayOfString(severities.toArray(String[]::new))
                .addArrayOfInteger(counts.toArray(Integer[]::new))
                .addArrayOfBuffer(figures.toArray(Buffer[]::new));
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }

    /** A bucket's stored row for the query's service and severity. */
    record Stored(Milestone milestone, LocalDate start, int incidents, Buffer figures) {

        /** The figures of the {@code column}th stored column of the milestone's days. */
        Figures figures(Column column) {
            int at = Rollups.stored(milestone).indexOf(column) * FIGURES * Double.BYTES;
            long count = (long) figures.getDouble(at);
            return count == 0 ? Figures.NONE : new Figures(count, figures.getDouble(at + Double.BYTES),
                    figures.getDouble(at + 2 * Double.BYTES), figures.getDouble(at + 3 * Double.BYTES));
        }
    }

    /**
     * What is stored of the buckets from {@code first} to {@code last} (their starts) for the query's service and
     * severity, and which of them may be read: neither the bucket nor one of its days marked for a milestone.
     */
    record Read(Set<LocalDate> usable, List<Stored> rows) {
    }

    /** Reads the buckets from {@code first} to {@code last} (their starts) of {@code milestones}, in one round trip. */
    static Future<Read> read(SqlConnection connection, Query query, BucketSize size, LocalDate first, LocalDate last,
                             Set<Milestone> milestones) {
        String tenant = query.tenant().value();
        String[] names = milestones.stream().map(Milestone::name).toArray(String[]::new);
        Future<RowSet<Row>> marked = connection.preparedQuery(MARKED_IN).execute(Tuple.of(tenant, size.name(), first, last));
        Future<RowSet<Row>> daysMarked = connection.preparedQuery(DAYS_MARKED_IN)
                .execute(Tuple.of(tenant).addArrayOfString(names).addValue(first).addValue(next(last, size)));
        Future<RowSet<Row>> stored = connection.preparedQuery(STORED_IN).execute(Tuple.of(tenant,
                query.service() == null ? "" : query.service(), query.severity() == null ? "" : query.severity().name(),
                size.name(), first, last).addArrayOfString(names));
        return Future.all(marked, daysMarked, stored).map(done -> {
            Set<LocalDate> stale = new HashSet<>();
            for (Row row : marked.result()) {
                if (milestones.contains(Milestone.valueOf(row.getString(0)))) {
                    stale.add(row.getLocalDate(1));
                }
            }
            for (Row row : daysMarked.result()) {
                stale.add(start(row.getLocalDate(0), size));
            }
            Set<LocalDate> usable = new HashSet<>();
            for (LocalDate start = first; !start.isAfter(last); start = next(start, size)) {
                if (!stale.contains(start)) {
                    usable.add(start);
                }
            }
            List<Stored> rows = new ArrayList<>();
            for (Row row : stored.result()) {
                rows.add(new Stored(Milestone.valueOf(row.getString(0)), row.getLocalDate(1), row.getInteger(2),
                        row.getBuffer(3)));
            }
            return new Read(usable, rows);
        });
    }
}
