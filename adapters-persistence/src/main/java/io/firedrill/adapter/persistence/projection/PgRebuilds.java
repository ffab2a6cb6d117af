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

    /** Pages deleted or copied per statement of a swap (about 4 MB of table, not counting what is stored apart). */
    private static final long CHUNK_PAGES = 500;

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
     * caught up with the live read model ({@link #caughtUp}). Looks without locks first, so that a rebuild not caught
     * up yet never holds the live read model's batches.
     *
     * @return whether it did
     */
    public CompletableFuture<Boolean> swap(String processor, List<Table> tables) {
        String shadow = shadow(processor);
        return pool.withConnection(connection -> caughtUp(connection, processor, shadow, ""))
                .toCompletionStage().toCompletableFuture()
                .thenCompose(likely -> likely ? swapLocked(processor, shadow, tables) : CompletableFuture.completedFuture(false));
    }

    private CompletableFuture<Boolean> swapLocked(String processor, String shadow, List<Table> tables) {
        // The token rows first (waiting for in-flight batches), the rebuild's row last and briefly.
        return pool.withTransaction(connection -> caughtUp(connection, processor, shadow, " FOR UPDATE")
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

    /**
     * Compares both processors' positions (with {@code lock}, locking their token rows, live first as batches take
     * them): every rebuilt segment at or past the live segment of the same id (when both have the same segments),
     * else the least rebuilt position at or past the most advanced live one. So the swap hands the live read model a
     * state at least as far along as the one its checkpoints stand for (rows a runner wrote one at a time after its
     * last checkpoint may go back to that state; the runner then loses its claim and applies them again).
     */
    private static Future<Boolean> caughtUp(SqlConnection connection, String processor, String shadow, String lock) {
        return connection.preparedQuery("SELECT processor_name, segment, (token ->> 'globalIndex')::bigint AS position"
                        + " FROM token_store_entry WHERE processor_name IN ($1, $2)"
                        + " ORDER BY processor_name = $2, segment" + lock)
                .execute(Tuple.of(processor, shadow))
                .map(rows -> {
                    Map<Integer, Long> live = new HashMap<>();
                    Map<Integer, Long> rebuilt = new HashMap<>();
                    for (Row row : rows) {
                        long position = row.getLong("position") == null ? -1 : row.getLong("position");
                        (shadow.equals(row.getString("processor_name")) ? rebuilt : live)
                                .put(row.getInteger("segment"), position);
                    }
                    if (rebuilt.isEmpty()) {
                        return false;
                    }
                    if (rebuilt.keySet().equals(live.keySet())) {
                        return live.entrySet().stream().allMatch(segment -> rebuilt.get(segment.getKey()) >= segment.getValue());
                    }
                    long leastRebuilt = rebuilt.values().stream().mapToLong(Long::longValue).min().orElseThrow();
                    return live.values().stream().allMatch(position -> leastRebuilt >= position);
                });
    }

    /**
     * Replaces each table in the caller's transaction, a range of pages per statement: a rebuilt table's rows are
     * deleted and copied from its copy; a derived table with mark versions keeps its marks with raised versions (a job
     * that read a version before the swap cannot remove them; what they mark is recomputed); any other derived table
     * is emptied.
     */
    private static Future<Void> replace(SqlConnection connection, List<Table> tables) {
        Future<Void> done = Future.succeededFuture();
        for (Table table : tables) {
            done = done.compose(ignored -> table.version() == null ? Future.succeededFuture(0L)
                            : connection.query("SELECT coalesce(max(" + table.version() + "), 0) AS top FROM " + table.name())
                                    .execute().map(rows -> rows.iterator().next().getLong("top")))
                    .compose(top -> {
                        if (table.rebuilt()) {
                            return deleteAll(connection, table.name()).compose(ignored -> copy(connection, table, top));
                        }
                        if (table.version() != null) {
                            return connection.query("UPDATE " + table.name() + " SET " + table.version() + " = "
                                    + table.version() + " + " + (top + 1)).execute().mapEmpty();
                        }
                        return deleteAll(connection, table.name());
                    });
        }
        return done;
    }

    /** Deletes every row by page ranges, then whatever another transaction committed meanwhile. */
    private static Future<Void> deleteAll(SqlConnection connection, String table) {
        return pages(connection, table)
                .compose(pages -> byPages(connection, "DELETE FROM " + table, 0, pages))
                .compose(ignored -> connection.query("DELETE FROM " + table).execute())
                .mapEmpty();
    }

    private static Future<Long> pages(SqlConnection connection, String table) {
        return connection.query("SELECT pg_relation_size('" + table + "') / current_setting('block_size')::int AS pages")
                .execute().map(rows -> rows.iterator().next().getLong("pages"));
    }

    private static Future<Void> copy(SqlConnection connection, Table table, long versionsAbove) {
        String copy = RebuildTables.name(table.name(), RowBatches.Target.REBUILD);
        return connection.preparedQuery("SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position)"
                                + " AS columns FROM information_schema.columns WHERE table_schema = current_schema()"
                                + " AND table_name = $1 AND is_generated = 'NEVER'")
                        .execute(Tuple.of(table.name()))
                .compose(columns -> {
                    List<String> names = List.of(columns.iterator().next().getString("columns").split(", "));
                    String selected = String.join(", ", names.stream().map(name -> name.equals(table.version())
                            ? name + " + " + versionsAbove : name).toList());
                    // Nothing else writes the read model meanwhile: batches, one-event writes and retries of parked
                    // events all hold the token rows this transaction has locked.
                    return pages(connection, copy).compose(pages -> byPages(connection, "INSERT INTO " + table.name()
                            + " (" + String.join(", ", names) + ") SELECT " + selected + " FROM " + copy, 0, pages)
                            .map(ignored -> null));
                })
                .compose(ignored -> connection.query("DROP TABLE " + copy).execute())
                .mapEmpty();
    }

    /**
     * Runs {@code statement} (which ends with its table: {@code DELETE FROM t}, {@code INSERT … SELECT … FROM t}) over
     * the table's pages from {@code from} on, a range of pages per statement (a TID range scan).
     */
    private static Future<Void> byPages(SqlConnection connection, String statement, long from, long pages) {
        if (from >= pages) {
            return Future.succeededFuture();
        }
        return connection.query(statement + " WHERE ctid >= '(" + from + ",0)'::tid AND ctid < '(" + (from + CHUNK_PAGES)
                        + ",0)'::tid").execute()
                .compose(ignored -> byPages(connection, statement, from + CHUNK_PAGES, pages));
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
