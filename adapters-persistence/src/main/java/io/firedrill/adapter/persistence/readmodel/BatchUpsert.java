package io.firedrill.adapter.persistence.readmodel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firedrill.application.port.out.RowBatches;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.lang.reflect.Array;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One set-based statement that writes many rows of a read model table: each column travels as one array parameter,
 * {@code unnest} turns the arrays back into rows, and a row only replaces a stored one that is behind it
 * ({@code last_position}). One round trip and one statement per batch, whatever its size.
 *
 * @param <R> what a row is written from
 */
public final class BatchUpsert<R> {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A column: its name, its SQL type, the Java type of its values and how a row's value is read.
     * Types {@code json} (values are JSON text) and {@code text[]} (values are string collections) are converted.
     */
    public record Column<R>(String name, String sqlType, Class<?> javaType, Function<R, Object> value) {

        public static <R> Column<R> of(String name, String sqlType, Class<?> javaType, Function<R, Object> value) {
            return new Column<>(name, sqlType, javaType, value);
        }

        /** A {@code text[]} column, from a collection of strings per row. */
        public static <R> Column<R> strings(String name, Function<R, Collection<String>> value) {
            return new Column<>(name, "text[]", String.class, row -> {
                try {
                    return JSON.writeValueAsString(value.apply(row));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        String parameterType() {
            return switch (sqlType) {
                case "json", "text[]" -> "text[]";
                default -> sqlType + "[]";
            };
        }

        String selected() {
            return switch (sqlType) {
                case "json" -> name + "::json";
                case "text[]" -> "ARRAY(SELECT json_array_elements_text(" + name + "::json))";
                default -> name;
            };
        }
    }

    private final Map<RowBatches.Target, String> sql = new EnumMap<>(RowBatches.Target.class);
    private final List<Column<R>> columns;

    /**
     * @param table the table
     * @param key its primary key column (the first of {@code columns})
     * @param columns every column written; one is {@code last_position}
     */
    public BatchUpsert(String table, String key, List<Column<R>> columns) {
        this.columns = List.copyOf(columns);
        StringBuilder parameters = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            parameters.append(i == 0 ? "" : ", ").append('$').append(i + 1).append("::").append(columns.get(i).parameterType());
        }
        String names = columns.stream().map(Column::name).collect(Collectors.joining(", "));
        for (RowBatches.Target target : RowBatches.Target.values()) {
            sql.put(target, upsert(RebuildTables.name(table, target), key, names, parameters.toString()));
        }
    }

    private String upsert(String table, String key, String names, String parameters) {
        return "INSERT INTO " + table + " (" + names + ") SELECT "
                + columns.stream().map(Column::selected).collect(Collectors.joining(", "))
                + " FROM unnest(" + parameters + ") AS t(" + names + ")"
                + " ON CONFLICT (" + key + ") DO UPDATE SET "
                + columns.stream().filter(c -> !c.name().equals(key)).map(c -> c.name() + " = EXCLUDED." + c.name())
                        .collect(Collectors.joining(", "))
                + " WHERE " + table + ".last_position < EXCLUDED.last_position";
    }

    /** Writes {@code rows} into the {@code target} copy of the table on {@code connection}, in one statement. */
    public Future<Void> write(SqlConnection connection, List<R> rows, RowBatches.Target target) {
        if (rows.isEmpty()) {
            return Future.succeededFuture();
        }
        Tuple values = Tuple.tuple();
        for (Column<R> column : columns) {
            Object array = Array.newInstance(column.javaType(), rows.size());
            for (int i = 0; i < rows.size(); i++) {
                Array.set(array, i, column.value().apply(rows.get(i)));
            }
            values.addValue(array);
        }
        return connection.preparedQuery(sql.get(target)).execute(values).mapEmpty();
    }
}
