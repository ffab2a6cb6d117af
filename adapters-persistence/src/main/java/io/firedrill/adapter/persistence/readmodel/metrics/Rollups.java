package io.firedrill.adapter.persistence.readmodel.metrics;

import io.firedrill.domain.metrics.Milestone;
import io.firedrill.domain.shared.Severity;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import java.time.LocalDate;
import java.util.List;

/**
 * The SQL of the day rollups in {@code incident_metric_day} (see the V7 and V8 migrations): which values each milestone
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

    /** Locks a rollup (a day, a bucket) named {@code $1} until the transaction ends, across instances. */
    static final String LOCK = "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))";

    private static final Milestone[] MILESTONE_BY_ORDINAL = Milestone.values();

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

    /** Which rows {@link #shape} makes. */
    enum Rows {
        /** What is stored: per service and for all services ({@code ''}), each per severity and for all ({@code ''}). */
        STORED,
        /** For all services, all severities in one row ({@code ''}). */
        EVERY_SEVERITY,
        /** For all services, per severity. */
        PER_SEVERITY
    }

    /**
     * Rows of {@code day, drill, service, severity, incidents, severities} and the given columns (named
     * {@code aliases}) of the incidents of tenant {@code $1} that reached {@code milestone} within
     * {@code intervals} (SQL over the milestone's column), restricted by {@code filter} (SQL, may be empty).
     * {@code severities} (a digit per incident, its severity's rank) only in DETECTED rows of every severity.
     */
    static String shape(Milestone milestone, List<Column> columns, List<String> aliases, Rows rows, String intervals,
                        String filter) {
        String at = column(milestone);
        String digits = "string_agg(substr(m.severity, 2, 1), '' ORDER BY m.incident_id)";
        String day = "(" + at + " AT TIME ZONE 'UTC')::date";
        StringBuilder sql = new StringBuilder("SELECT ").append(day).append(" AS day, m.drill, ")
                .append(rows == Rows.STORED ? "s.service" : "''::text").append(" AS service, ")
                .append(switch (rows) {
                    case STORED -> "CASE WHEN grouping(m.severity) = 1 THEN '' ELSE m.severity END";
                    case EVERY_SEVERITY -> "''::text";
                    case PER_SEVERITY -> "m.severity";
                }).append(" AS severity, count(*)::int AS incidents, ");
        if (milestone != Milestone.DETECTED || rows == Rows.PER_SEVERITY) {
            sql.append("NULL::text");
        } else if (rows == Rows.STORED) {
            sql.append("CASE WHEN grouping(m.severity) = 1 THEN ").append(digits).append(" END");
        } else {
            sql.append(digits);
        }
        sql.append(" AS severities");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(", ").append(columns.get(i).packed(at)).append(" AS ").append(aliases.get(i));
        }
        sql.append(" FROM incident_metrics m");
        if (rows == Rows.STORED) {
            sql.append(" CROSS JOIN LATERAL unnest(array_append(m.services, ''::text)) s(service)");
        }
        // DETECTED rows count production incidents only (incidents, recurrence gaps, targets); the other milestones'
        // rows every incident but duplicates, drills apart
        sql.append(" WHERE m.tenant_id = $1 AND ")
                .append(milestone == Milestone.DETECTED ? "m.production" : "m.status <> 'DUPLICATE'");
        if (milestone == Milestone.REVIEWED) {
            sql.append(" AND m.resolved_at IS NOT NULL");
        }
        sql.append(" AND (").append(intervals).append(')').append(filter).append(switch (rows) {
            case STORED -> " GROUP BY GROUPING SETS ((" + day + ", m.drill, s.service, m.severity), (" + day
                    + ", m.drill, s.service))";
            case EVERY_SEVERITY -> " GROUP BY 1, 2, 3";
            case PER_SEVERITY -> " GROUP BY 1, 2, 3, 4";
        });
        return sql.toString();
    }

    /** Adds the values packed in {@code packed} (none when {@code null}) to {@code samples}. */
    static void unpack(Buffer packed, Samples samples) {
        if (packed != null) {
            samples.addAll(values(packed));
        }
    }

    /** The big-endian float8 values packed in {@code packed}, decoded in bulk. */
    static double[] values(Buffer packed) {
        double[] values = new double[packed.length() / Double.BYTES];
        // a view of the decoded bytes, not a copy: a year's summary reads megabytes
        packed.getByteBuf().nioBuffer().asDoubleBuffer().get(values);
        return values;
    }

    /**
     * A milestone's values on a day, stored or computed from incident rows, of one severity or (severity
     * {@code null}) of all; then, for DETECTED, {@code severities} holds each incident's severity rank.
     */
    record Day(Milestone milestone, LocalDate day, boolean drill, Severity severity, int incidents, String severities,
               double[][] columns) {

        /** The severity rank of the {@code i}th incident (0 = P0). */
        int severity(int i) {
            return severity != null ? severity.ordinal() : severities.charAt(i) - '0';
        }

        /**
         * Reads a row of {@code milestone (its ordinal), day, drill, severity, incidents, severities, c0 … c3} (in that order:
         * read by position, which matters at thousands of rows a query).
         */
        static Day read(Row row) {
            double[][] columns = new double[READ_COLUMNS][];
            for (int c = 0; c < READ_COLUMNS; c++) {
                Buffer packed = row.getBuffer(6 + c);
                if (packed != null) {
                    columns[c] = values(packed);
                }
            }
            String severity = row.getString(3);
            return new Day(MILESTONE_BY_ORDINAL[row.getInteger(0)], row.getLocalDate(1), row.getBoolean(2),
                    severity.isEmpty() ? null : Severity.valueOf(severity), row.getInteger(4), row.getString(5),
                    columns);
        }
    }
}
