package io.firedrill.adapter.persistence.readmodel.metrics;

import io.firedrill.domain.metrics.Milestone;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import java.time.LocalDate;
import java.util.List;

/**
 * The SQL of the day rollups in {@code incident_metric_day} (see the V7 migration): which values each milestone
 * keeps, and the one query shape that computes them from incident rows, both to store a day and to read the
 * parts of a period that have no clean stored day (its partial first and last days, days marked dirty).
 * Every value is packed as a big-endian float8, NaN for none, in incident id order in every column.
 */
final class Rollups {

    /** A kept value: its column in {@code incident_metric_day} and how it is computed from an incident row. */
    enum Column {
        SINCE_DETECTED("since_detected", "extract(epoch FROM %s - m.detected_at)::float8"),
        SINCE_DECLARED("since_declared", "extract(epoch FROM %s - m.declared_at)::float8"),
        SINCE_RESOLVED("since_resolved", "extract(epoch FROM %s - m.resolved_at)::float8"),
        OFFSETS("offsets", "extract(epoch FROM (m.detected_at AT TIME ZONE 'UTC')::time)::float8"),
        RECURRENCE_GAPS("recurrence_gaps", "extract(epoch FROM m.detected_at - m.previous_detected_at)::float8"),
        ACKNOWLEDGED_AFTER("acknowledged_after", "extract(epoch FROM m.acknowledged_at - m.detected_at)::float8"),
        RESOLVED_AFTER("resolved_after", "extract(epoch FROM m.resolved_at - m.detected_at)::float8");

        final String name;
        private final String expression;

        Column(String name, String expression) {
            this.name = name;
            this.expression = expression;
        }

        String packed(String milestoneColumn) {
            return "string_agg(float8send(coalesce(" + expression.formatted(milestoneColumn)
                    + ", 'NaN'::float8)), ''::bytea ORDER BY m.incident_id)";
        }

        /** The column that holds {@code milestone − from}. */
        static Column since(Milestone from) {
            return switch (from) {
                case DETECTED -> SINCE_DETECTED;
                case DECLARED -> SINCE_DECLARED;
                case RESOLVED -> SINCE_RESOLVED;
                default -> throw new IllegalArgumentException("no rollup of durations since " + from);
            };
        }
    }

    /** The milestones with day rollups, in the order days are marked. */
    static final List<Milestone> MILESTONES = List.of(Milestone.DETECTED, Milestone.ACKNOWLEDGED, Milestone.MITIGATED,
            Milestone.RESOLVED, Milestone.REVIEWED);

    /** Most columns a read asks for per milestone (DETECTED's four). */
    static final int READ_COLUMNS = 4;

    private Rollups() {
    }

    /** The columns stored for a milestone. */
    static List<Column> stored(Milestone milestone) {
        return switch (milestone) {
            case DETECTED -> List.of(Column.OFFSETS, Column.RECURRENCE_GAPS, Column.ACKNOWLEDGED_AFTER,
                    Column.RESOLVED_AFTER);
            case ACKNOWLEDGED, MITIGATED, RESOLVED -> List.of(Column.SINCE_DETECTED, Column.SINCE_DECLARED);
            case REVIEWED -> List.of(Column.SINCE_RESOLVED);
            case DECLARED -> throw new IllegalArgumentException("no rollup by " + milestone);
        };
    }

    static String column(Milestone milestone) {
        return "m." + switch (milestone) {
            case DETECTED -> "detected_at";
            case DECLARED -> "declared_at";
            case ACKNOWLEDGED -> "acknowledged_at";
            case MITIGATED -> "mitigated_at";
            case RESOLVED -> "resolved_at";
            case REVIEWED -> "reviewed_at";
        };
    }

    /**
     * Rows of {@code day, drill, service, incidents, severities} and the given columns (named {@code aliases}) of
     * the incidents of tenant {@code $1} that reached {@code milestone} within {@code intervals} (SQL over the
     * milestone's column). {@code perService}: one row per service and one with service {@code ''} for all;
     * otherwise only the latter, restricted by {@code filter} (SQL, may be empty).
     */
    static String shape(Milestone milestone, List<Column> columns, List<String> aliases, boolean perService,
                        String intervals, String filter) {
        String at = column(milestone);
        StringBuilder sql = new StringBuilder("SELECT (").append(at).append(" AT TIME ZONE 'UTC')::date AS day, m.drill, ")
                .append(perService ? "s.service" : "''::text").append(" AS service, count(*)::int AS incidents,")
                .append(" string_agg(substr(m.severity, 2, 1), '' ORDER BY m.incident_id) AS severities");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(", ").append(columns.get(i).packed(at)).append(" AS ").append(aliases.get(i));
        }
        sql.append(" FROM incident_metrics m");
        if (perService) {
            sql.append(" CROSS JOIN LATERAL unnest(array_append(m.services, ''::text)) s(service)");
        }
        sql.append(" WHERE m.tenant_id = $1 AND m.status <> 'DUPLICATE'");
        if (milestone == Milestone.DETECTED) {
            sql.append(" AND NOT m.drill");
        } else if (milestone == Milestone.REVIEWED) {
            sql.append(" AND m.resolved_at IS NOT NULL");
        }
        sql.append(" AND (").append(intervals).append(')').append(filter).append(" GROUP BY 1, 2, 3");
        return sql.toString();
    }

    /** One row of a milestone's values on a day: stored or computed from incident rows. */
    record Day(Milestone milestone, LocalDate day, boolean drill, String severities, double[][] columns) {

        int size() {
            return severities.length();
        }

        /** The severity rank of the {@code i}th incident (0 = P0). */
        int severity(int i) {
            return severities.charAt(i) - '0';
        }

        /**
         * Reads a row of {@code milestone, day, drill, severities, c0 … c3} (in that order: read by position, which
         * matters at thousands of rows a query).
         */
        static Day read(Row row) {
            double[][] columns = new double[READ_COLUMNS][];
            for (int c = 0; c < READ_COLUMNS; c++) {
                Buffer packed = row.getBuffer(4 + c);
                if (packed != null) {
                    double[] values = new double[packed.length() / Double.BYTES];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = packed.getDouble(i * Double.BYTES);
                    }
                    columns[c] = values;
                }
            }
            return new Day(Milestone.valueOf(row.getString(0)), row.getLocalDate(1), row.getBoolean(2),
                    row.getString(3), columns);
        }
    }
}
