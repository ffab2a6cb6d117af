package io.firedrill.adapter.persistence.readmodel.metrics;

import static io.firedrill.adapter.persistence.readmodel.metrics.MetricSql.day;
import static io.firedrill.adapter.persistence.readmodel.metrics.MetricSql.filters;
import static io.firedrill.adapter.persistence.readmodel.metrics.MetricSql.start;
import static io.firedrill.adapter.persistence.readmodel.metrics.MetricSql.utc;

import io.firedrill.adapter.persistence.readmodel.ReadModelCommits;
import io.firedrill.adapter.persistence.readmodel.metrics.Rollups.Column;
import io.firedrill.application.port.out.IncidentMetrics.Query;
import io.firedrill.domain.metrics.Milestone;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The day rollups in {@code incident_metric_day} (their SQL is {@link Rollups}'): recomputing the days the
 * projection marked dirty, and reading the days of a period, whole clean days from their rollup and the rest
 * (partial first and last days, marked days) computed from the incident rows.
 */
final class Days {

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

    private Days() {
    }

    /** Recomputes up to {@code limit} marked days, the oldest first, marking their weeks and months; how many. */
    static Future<Integer> refresh(Pool pool, int limit) {
        return pool.preparedQuery(DIRTY_FIRST).execute(Tuple.of(limit)).compose(rows -> {
            Future<Integer> done = Future.succeededFuture(0);
            for (Row row : rows) {
                String tenant = row.getString("tenant_id");
                Milestone milestone = Milestone.valueOf(row.getString("milestone"));
                LocalDate day = row.getLocalDate("day");
                done = done.compose(count -> refresh(pool, tenant, milestone, day).map(count + 1));
            }
            return done;
        });
    }

    /**
     * Recomputes one day's rollup, unless another instance did since it was listed; the mark goes only if no change
     * marked the day again meanwhile. The mark's version is read under the day's lock, not when listed: a mark
     * removed and made again starts over at version 1, and an earlier read could match the new mark.
     */
    private static Future<Void> refresh(Pool pool, String tenant, Milestone milestone, LocalDate day) {
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

    /**
     * The values of {@code wanted} columns per milestone for the query's period: whole days from their stored
     * rollup unless marked dirty; marked days and the partial first and last days computed from incident rows.
     */
    static Future<List<Rollups.Day>> read(SqlConnection connection, Query query, Map<Milestone, List<Column>> wanted) {
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
                    + padded(entry.getValue().stream().map(column -> column.name).toList())
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
                    + padded(aliases)
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
    private static String padded(List<String> columns) {
        StringBuilder sql = new StringBuilder();
        for (int c = 0; c < Rollups.READ_COLUMNS; c++) {
            sql.append(", ").append(c < columns.size() ? columns.get(c) : "NULL::bytea").append(" AS c").append(c);
        }
        return sql.toString();
    }
}
