package io.firedrill.adapter.persistence.projection;

import io.firedrill.adapter.persistence.readmodel.RebuildTables;
import io.firedrill.adapter.persistence.readmodel.RebuildTables.Table;
import io.firedrill.application.port.in.admin.RebuildRefused;
import io.firedrill.application.port.out.RowBatches;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Online rebuilds of read models ({@code projection_rebuild}, V15) and where every processor's segments stand.
 *
 * <p>A rebuild runs under its own processor name ({@link #shadow}) into copies of the read model's tables. The swap
 * ({@link #swap}) is one transaction: it locks the token rows of both the live read model and the rebuild (so an
 * in-flight batch of either finishes first and none starts), checks that the rebuild has caught up with the live read
 * model, replaces the live rows with the rebuilt ones (readers see the old rows until it commits), empties the
 * derived tables, hands the rebuild's checkpoints to the live processor with no owner (every node's live runner then
 * loses its claim at its next batch and claims again from the rebuilt position), forgets the live processor's parked
 * events (the rebuild applied every one of them; those an operator discarded stay discarded) and deletes the rebuild.
 */
@ApplicationScoped
public class PgRebuilds {

    /** The suffix of a rebuild's processor name. */
    public static final String SHADOW_SUFFIX = "~rebuild";

    private final Pool pool;

    @Inject
    public PgRebuilds(Pool pool) {
        this.pool = pool;
    }

    /** The processor name a rebuild of {@code processor} runs under. */
    public static String shadow(String processor) {
        return processor + SHADOW_SUFFIX;
    }

    /** A rebuild under way or failed. */
    public record Rebuild(String processor, Instant startedAt, Instant failedAt, String error) {

        public boolean running() {
            return failedAt == null;
        }
    }

    /** A processor's segment as its token row has it. */
    public record SegmentRow(String processor, int segment, Long position, String owner, Instant claimedAt) {
    }

    /**
     * Records a rebuild of {@code processor} (over a failed one) and creates empty copies of its rebuilt tables (and
     * forgets any checkpoints of an earlier rebuild); fails with {@link RebuildRefused} while one is under way.
     */
    public CompletableFuture<Void> start(String processor, List<Table> tables) {
        // Looked at without a lock first: a swap holds the row while it waits for in-flight batches, and a second
        // request must be refused at once, not wait for it.
        return pool.withTransaction(connection -> connection.preparedQuery("SELECT 1 FROM projection_rebuild"
                                + " WHERE processor = $1 AND failed_at IS NULL")
                        .execute(Tuple.of(processor))
                        .compose(running -> running.size() > 0 ? Future.failedFuture(RebuildRefused.running(processor))
                                : connection.preparedQuery("INSERT INTO projection_rebuild (processor)"
                                + " VALUES ($1) ON CONFLICT (processor) DO UPDATE SET started_at = clock_timestamp(),"
                                + " failed_at = NULL, error = NULL WHERE projection_rebuild.failed_at IS NOT NULL"
                                + " RETURNING processor")
                        .execute(Tuple.of(processor)))
                        .compose(rows -> rows.size() == 0 ? Future.failedFuture(RebuildRefused.running(processor))
                                : connection.preparedQuery("DELETE FROM token_store_entry WHERE processor_name = $1")
                                        .execute(Tuple.of(shadow(processor))))
                        // DROP TABLE IF EXISTS notices that a table is absent: not worth a warning in the log.
                        .compose(deleted -> connection.query("SET LOCAL client_min_messages = warning").execute())
                        .compose(quiet -> {
                            Future<Void> done = Future.succeededFuture();
                            for (Table table : tables) {
                                if (!table.rebuilt()) {
                                    continue;
                                }
                                String copy = RebuildTables.name(table.name(), RowBatches.Target.REBUILD);
                                done = done.compose(ignored -> connection.query("DROP TABLE IF EXISTS " + copy).execute())
                                        .compose(ignored -> connection.query("CREATE TABLE " + copy + " (LIKE "
                                                + table.name() + " INCLUDING ALL)").execute())
                                        .mapEmpty();
                            }
                            return done;
                        }))
                .toCompletionStage().toCompletableFuture();
    }

    /** Records that the rebuild of {@code processor} stopped on an event it cannot apply; the live read model stays. */
    public CompletableFuture<Void> fail(String processor, String error) {
        return pool.preparedQuery("UPDATE projection_rebuild SET failed_at = clock_timestamp(), error = left($2, 2000)"
                        + " WHERE processor = $1 AND failed_at IS NULL")
                .execute(Tuple.of(processor, error == null ? "" : error))
                .<Void>mapEmpty().toCompletionStage().toCompletableFuture();
    }

    /** Every rebuild under way or failed, by processor. */
    public CompletableFuture<Map<String, Rebuild>> rebuilds() {
        return pool.query("SELECT processor, started_at, failed_at, error FROM projection_rebuild").execute()
                .map(rows -> {
                    Map<String, Rebuild> rebuilds = new HashMap<>();
                    for (Row row : rows) {
                        rebuilds.put(row.getString("processor"), new Rebuild(row.getString("processor"),
                                instant(row.getOffsetDateTime("started_at")), instant(row.getOffsetDateTime("failed_at")),
                                row.getString("error")));
                    }
                    return rebuilds;
                })
                .toCompletionStage().toCompletableFuture();
    }

    /** Every processor's segments (rebuilds' included), and the head of the log, read in one snapshot. */
    public CompletableFuture<Segments> segments() {
        return pool.query("SELECT (SELECT coalesce(max(position), 0) FROM event_store_event) AS head, t.processor_name,"
                        + " t.segment, (t.token ->> 'globalIndex')::bigint AS position, t.owner, t.claimed_at"
                        + " FROM (SELECT 1) one LEFT JOIN token_store_entry t ON true ORDER BY t.processor_name, t.segment")
                .execute()
                .map(rows -> {
                    long head = 0;
                    List<SegmentRow> segments = new ArrayList<>();
                    for (Row row : rows) {
                        head = row.getLong("head");
                        if (row.getString("processor_name") != null) {
                            segments.add(new SegmentRow(row.getString("processor_name"), row.getInteger("segment"),
                                    row.getLong("position"), row.getString("owner"),
                                    instant(row.getOffsetDateTime("claimed_at"))));
                        }
                    }
                    return new Segments(head, segments);
                })
                .toCompletionStage().toCompletableFuture();
    }

    /** The head of the log and every segment. */
    public record Segments(long head, List<SegmentRow> rows) {
    }

    /**
     * Replaces the live read model of {@code processor} with its rebuilt copy, if the rebuild is under way and has
     * caught up with the live read model (every rebuilt segment at or past the least advanced live one).
     *
     * @return whether it did
     */
    public CompletableFuture<Boolean> swap(String processor, List<Table> tables) {
        String shadow = shadow(processor);
        // The token rows first (waiting for in-flight batches), the rebuild's row last and briefly.
        return pool.withTransaction(connection -> caughtUp(connection, processor, shadow)
                        .compose(caughtUp -> !caughtUp ? Future.succeededFuture(false)
                                : connection.preparedQuery("SELECT processor FROM projection_rebuild"
                                                + " WHERE processor = $1 AND failed_at IS NULL FOR UPDATE")
                                        .execute(Tuple.of(processor)).map(rebuild -> rebuild.size() > 0))
                        .compose(caughtUp -> !caughtUp ? Future.succeededFuture(false)
                                : replace(connection, tables)
                                        .compose(ignored -> connection.preparedQuery("DELETE FROM token_store_entry"
                                                + " WHERE processor_name = $1").execute(Tuple.of(processor)))
                                        .compose(ignored -> connection.preparedQuery("UPDATE token_store_entry"
                                                + " SET processor_name = $1, owner = NULL, claimed_at = NULL"
                                                + " WHERE processor_name = $2").execute(Tuple.of(processor, shadow)))
                                        .compose(ignored -> connection.preparedQuery("DELETE FROM projection_parked_event"
                                                + " WHERE processor = $1 AND discarded_at IS NULL").execute(Tuple.of(processor)))
                                        .compose(ignored -> connection.preparedQuery("DELETE FROM projection_rebuild"
                                                + " WHERE processor = $1").execute(Tuple.of(processor)))
                                        .map(ignored -> true)))
                .toCompletionStage().toCompletableFuture();
    }

    /** Locks both processors' token rows (live first, as batches take them) and compares their positions. */
    private static Future<Boolean> caughtUp(SqlConnection connection, String processor, String shadow) {
        return connection.preparedQuery("SELECT processor_name, (token ->> 'globalIndex')::bigint AS position"
                        + " FROM token_store_entry WHERE processor_name IN ($1, $2)"
                        + " ORDER BY processor_name = $2, segment FOR UPDATE")
                .execute(Tuple.of(processor, shadow))
                .map(rows -> {
                    long live = Long.MAX_VALUE;
                    long rebuilt = Long.MAX_VALUE;
                    boolean rebuiltAny = false;
                    for (Row row : rows) {
                        long position = row.getLong("position") == null ? -1 : row.getLong("position");
                        if (shadow.equals(row.getString("processor_name"))) {
                            rebuiltAny = true;
                            rebuilt = Math.min(rebuilt, position);
                        } else {
                            live = Math.min(live, position);
                        }
                    }
                    return rebuiltAny && (live == Long.MAX_VALUE || rebuilt >= live);
                });
    }

    private static Future<Void> replace(SqlConnection connection, List<Table> tables) {
        Future<Void> done = Future.succeededFuture();
        for (Table table : tables) {
            if (!table.rebuilt()) {
                done = done.compose(ignored -> connection.query("DELETE FROM " + table.name()).execute()).mapEmpty();
                continue;
            }
            String copy = RebuildTables.name(table.name(), RowBatches.Target.REBUILD);
            done = done.compose(ignored -> connection.preparedQuery("SELECT string_agg(quote_ident(column_name), ', '"
                                    + " ORDER BY ordinal_position) AS columns FROM information_schema.columns"
                                    + " WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER'")
                            .execute(Tuple.of(table.name())))
                    .compose(columns -> {
                        String names = columns.iterator().next().getString("columns");
                        return connection.query("DELETE FROM " + table.name()).execute()
                                .compose(ignored -> connection.query("INSERT INTO " + table.name() + " (" + names
                                        + ") SELECT " + names + " FROM " + copy).execute())
                                .compose(ignored -> connection.query("DROP TABLE " + copy).execute());
                    })
                    .mapEmpty();
        }
        return done;
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
