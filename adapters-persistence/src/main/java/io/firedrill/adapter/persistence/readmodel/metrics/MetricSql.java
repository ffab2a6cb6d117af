package io.firedrill.adapter.persistence.readmodel.metrics;

import io.firedrill.application.port.out.IncidentMetrics.Query;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * What the statements of the metrics read model share: the read snapshot of a figure, the service and severity
 * filters, and instants and days in UTC.
 */
final class MetricSql {

    private static final String SNAPSHOT = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";
    /**
     * A figure's queries are short and send many rows to one client: parallel workers only add their start-up and
     * a copy of every row through shared memory (measured on the 100,000-incident benchmark database: the partial
     * days of a 30-day summary 15 ms with two workers, 3.5 ms without; two years of stored days 25 ms, 11 ms).
     */
    private static final String SERIAL = "SET LOCAL max_parallel_workers_per_gather = 0";

    private MetricSql() {
    }

    /**
     * Runs {@code work} in a read-only transaction that sees one snapshot: rollups, marks and rows agree; without
     * parallel workers ({@link #SERIAL}). The settings are sent without waiting for their answers: a connection
     * runs its statements in the order sent, so they hold from the first query of {@code work}, and if one fails,
     * so does the whole.
     */
    static <T> CompletableFuture<T> snapshot(Pool pool, Function<SqlConnection, Future<T>> work) {
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
     * The service and severity filters on {@code prefix}'s columns, their values added to {@code values}. The
     * service is compared element by element, not with {@code @>}: the statements are prepared, and a generic plan
     * that intersects the services index with the period's (measured: 33 to 70 ms for the recurrences of a year
     * and one service) loses to walking the period in order and filtering (8 ms).
     */
    static String filters(Query query, Tuple values, String prefix) {
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

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(Row row, String column) {
        return row.getOffsetDateTime(column).toInstant();
    }

    /** The UTC day of {@code instant}. */
    static LocalDate day(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** The start of the UTC day {@code day}. */
    static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
