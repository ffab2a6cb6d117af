package io.firedrill.adapter.persistence.readmodel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firedrill.adapter.persistence.eventstore.StoredPayloadMapper;
import io.firedrill.adapter.persistence.tokenstore.Checkpoints;
import io.firedrill.application.port.out.RowBatches;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A read model table with one row per subject that holds the subject's folded state as JSON (written by the
 * stored-payload mapper) and the log position of the last event applied to it. Applying an event locks the
 * row, skips events at or below its position (redeliveries) and writes the next state in one transaction, which
 * commits without waiting for the log flush ({@link ReadModelCommits}).
 *
 * @param <S> the folded state
 */
public final class StateRows<S> {

    /** Writes the row of a state with its position (the JSON it stores comes from {@link #json}). */
    @FunctionalInterface
    public interface Writer<S> {
        Future<Void> write(SqlConnection connection, S state, long position);
    }

    /** Writes the row of a state, knowing the state it replaces ({@code null} when the subject had no row). */
    @FunctionalInterface
    public interface Transition<S> {
        Future<Void> write(SqlConnection connection, S before, S after, long position);
    }

    /** Writes the rows of a batch into the given copy of the table, knowing the states they replace. */
    @FunctionalInterface
    public interface Rows<S> {
        Future<Void> write(SqlConnection connection, List<RowBatches.Change<S>> rows, RowBatches.Target target);
    }

    /**
     * Where batches decode, fold and encode states (and build their write statements): off the event loops, which
     * must stay free for requests. Shared by every read model; daemon threads.
     */
    private static final ExecutorService FOLDS = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "read-model-fold");
        thread.setDaemon(true);
        return thread;
    });

    private final Pool pool;
    private final String select;
    private final Map<RowBatches.Target, String> selectMany = new EnumMap<>(RowBatches.Target.class);
    private final Class<S> type;
    private final S empty;
    private final ObjectMapper mapper = StoredPayloadMapper.create();

    /**
     * @param table the table, with columns {@code state} (JSON) and {@code last_position}
     * @param idColumn its UUID primary key
     * @param empty the state of a subject with no row yet
     */
    public StateRows(Pool pool, String table, String idColumn, Class<S> type, S empty) {
        this.pool = pool;
        this.select = "SELECT state::text AS state, last_position FROM " + table + " WHERE " + idColumn + " = $1 FOR UPDATE";
        // In key order, so that batches and single events lock rows alike and never deadlock one another.
        for (RowBatches.Target target : RowBatches.Target.values()) {
            selectMany.put(target, "SELECT " + idColumn + " AS id, state::text AS state, last_position FROM "
                    + RebuildTables.name(table, target) + " WHERE " + idColumn + " = ANY($1) ORDER BY " + idColumn
                    + " FOR UPDATE");
        }
        this.type = type;
        this.empty = empty;
    }

    /** Applies the event at {@code position} to the row of {@code id}, once. */
    public CompletableFuture<Void> apply(UUID id, long position, UnaryOperator<S> change, Writer<S> writer) {
        return applyTransition(id, position, change, (connection, before, after, at) -> writer.write(connection, after, at));
    }

    /** Applies the event at {@code position} to the row of {@code id}, once; the writer sees the state replaced. */
    public CompletableFuture<Void> applyTransition(UUID id, long position, UnaryOperator<S> change,
                                                  Transition<S> writer) {
        return pool.withTransaction(connection -> connection.query(ReadModelCommits.WITHOUT_FLUSH).execute()
                        .compose(set -> connection.preparedQuery(select).execute(Tuple.of(id)))
                        .compose(rows -> {
                            Row row = rows.size() == 0 ? null : rows.iterator().next();
                            if (row != null && row.getLong("last_position") >= position) {
                                return Future.succeededFuture();
                            }
                            S before = row == null ? null : read(row.getString("state"));
                            S next = change.apply(before == null ? empty : before);
                            return writer.write(connection, before, next, position);
                        }))
                .toCompletionStage().toCompletableFuture();
    }

    /**
     * Advances a batch ({@link RowBatches#advance}): in one transaction that commits without waiting for the log
     * flush, moves the checkpoint (fenced by the claim), locks and reads the subjects' rows, folds, and writes the
     * changed rows with {@code writer}.
     */
    public CompletableFuture<Void> advance(RowBatches.Checkpoint checkpoint, Set<UUID> subjects,
                                           Function<Map<UUID, RowBatches.Stored<S>>, List<RowBatches.Change<S>>> fold,
                                           Rows<S> writer) {
        return pool.withTransaction(connection -> connection.query(ReadModelCommits.WITHOUT_FLUSH).execute()
                        .compose(set -> Checkpoints.store(connection, checkpoint))
                        .compose(stored -> subjects.isEmpty() ? Future.succeededFuture(Map.<UUID, RowBatches.Stored<S>>of())
                                : connection.preparedQuery(selectMany.get(checkpoint.target())).execute(Tuple.tuple().addArrayOfUUID(subjects.toArray(UUID[]::new)))
                                        .compose(rows -> Future.fromCompletionStage(
                                                CompletableFuture.supplyAsync(() -> stored(rows), FOLDS))))
                        // Decoding, folding and encoding a batch's states is CPU work: never on an event loop.
                        .compose(stored -> Future.fromCompletionStage(CompletableFuture.supplyAsync(() -> fold.apply(stored),
                                FOLDS)))
                        .compose(rows -> rows.isEmpty() ? Future.<Void>succeededFuture()
                                : Future.fromCompletionStage(CompletableFuture.supplyAsync(
                                        () -> writer.write(connection, rows, checkpoint.target()), FOLDS))
                                        .compose(written -> written)))
                .toCompletionStage().toCompletableFuture();
    }

    private Map<UUID, RowBatches.Stored<S>> stored(RowSet<Row> rows) {
        Map<UUID, RowBatches.Stored<S>> stored = new HashMap<>(rows.size() * 2);
        for (Row row : rows) {
            stored.put(row.getUUID("id"), new RowBatches.Stored<>(read(row.getString("state")), row.getLong("last_position")));
        }
        return stored;
    }

    /** The state stored as {@code json}. */
    public S read(String json) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable " + type.getSimpleName() + " state in a read model", e);
        }
    }

    /** A state as stored. */
    public String json(S state) {
        try {
            return mapper.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(type.getSimpleName() + " state cannot be written as JSON", e);
        }
    }
}
