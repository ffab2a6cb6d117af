package io.firedrill.adapter.persistence.eventstore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firedrill.adapter.persistence.pool.PlanPerCall;
import io.firedrill.application.port.in.Unavailable;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Cursor;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The event log on PostgreSQL (docs/adr/0001-event-store-ordering.md).
 *
 * <p>Appends wait in a bounded queue for the writer, which takes whatever is waiting (up to a batch)
 * into one transaction: it takes the event-log advisory lock, checks each append's condition against
 * the stored events and the appends before it in the batch, inserts the accepted events and commits.
 * Because every append transaction, in every Firedrill instance, holds the lock from before its
 * first insert until its commit, positions follow commit order: a reader that has seen position
 * {@code p} has seen, or will never see, every position below {@code p}.
 *
 * <p>If a batch's transaction fails, its appends are retried one by one, so one bad append cannot
 * fail its neighbours. A transaction can fail after its commit took effect (the connection breaks before the
 * commit's answer arrives): an append whose events are all stored already is therefore a success, decided before
 * its condition (which its own events would otherwise break), and an append that fails alone is checked for that
 * too before its failure is reported.
 */
@ApplicationScoped
public class PgEventLog {

    /** The advisory lock key that serialises append transactions ("FIREDRIF" in ASCII). */
    static final long APPEND_LOCK = 0x4649524544524946L;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> METADATA = new TypeReference<>() {
    };
    /** What a reader of whole events needs; tags only matter to filters, which run in SQL. */
    private static final String EVENT_COLUMNS = "position, event_id, type_name, type_version, payload::text AS payload,"
            + " metadata::text AS metadata, event_timestamp, recorded_at";
    private static final String COLUMNS = "position, event_id, type_name, type_version, payload::text AS payload,"
            + " metadata::text AS metadata, tags::text AS tags, event_timestamp, recorded_at";

    private final Pool pool;
    private final int maxBatch;
    private final int maxQueue;
    private final int maxWriters;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger writing = new AtomicInteger();
    private final AppendWindow window = new AppendWindow(AppendWindow.MAX_KEYS);
    /** The highest head of the log this instance has read or appended at: how far behind a stream read starts. */
    private final AtomicLong seenHead = new AtomicLong(-1);
    private final LongAdder checkedByWriter = new LongAdder();
    private final LongAdder checkedByDatabase = new LongAdder();

    /** Most appends written in one transaction. */
    public static final String DEFAULT_APPEND_BATCH = "64";
    /** Most appends waiting for the writer; more are refused. */
    public static final String DEFAULT_APPEND_QUEUE = "4096";
    /**
     * Batches in flight at once. More than one lets the next batch wait for the lock in the server, but
     * batches commit one at a time under the lock anyway, and a second writer takes the first appends
     * that arrive instead of all that a commit sends back: measured on two cores, one writer wrote
     * larger batches and more appends per second at 8 and 32 clients (docs/benchmarks.md).
     */
    public static final String DEFAULT_APPEND_WRITERS = "1";

    @Inject
    public PgEventLog(Pool pool,
                      @ConfigProperty(name = "firedrill.event-store.append-batch", defaultValue = DEFAULT_APPEND_BATCH) int maxBatch,
                      @ConfigProperty(name = "firedrill.event-store.append-queue", defaultValue = DEFAULT_APPEND_QUEUE) int maxQueue,
                      @ConfigProperty(name = "firedrill.event-store.append-writers", defaultValue = DEFAULT_APPEND_WRITERS) int maxWriters) {
        if (maxBatch < 1 || maxQueue < 1 || maxWriters < 1) {
            throw new IllegalArgumentException("append batch, queue and writers must be at least 1");
        }
        this.pool = pool;
        this.maxBatch = maxBatch;
        this.maxQueue = maxQueue;
        this.maxWriters = maxWriters;
    }

    /**
     * Appends the request's events atomically.
     *
     * @return the consistency marker after the append: the highest position of its events (of the
     *     already stored ones for re-appended ids); fails with {@link AppendConflictException} when
     *     the condition does not hold, {@link EventLogOverloadedException} when the queue is full
     */
    public CompletableFuture<Long> append(AppendRequest request) {
        if (request.events().isEmpty()) {
            return CompletableFuture.completedFuture(request.condition().map(AppendRequest.Condition::marker).orElse(0L));
        }
        // The rows are encoded here, on the caller's thread, so the single writer only sends them.
        List<EncodedRow> rows = rows(request);
        if (queued.incrementAndGet() > maxQueue) {
            queued.decrementAndGet();
            return CompletableFuture.failedFuture(new EventLogOverloadedException(maxQueue));
        }
        Pending pending = new Pending(request, rows, new CompletableFuture<>());
        queue.add(pending);
        drain();
        return pending.result;
    }

    /**
     * Conditional appends whose conditions this writer decided from what it appended itself, sent as a plain insert
     * that the database confirms under the lock (see {@link AppendWindow}).
     */
    public long conditionsCheckedByWriter() {
        return checkedByWriter.sum();
    }

    /** Conditional appends whose conditions {@code event_store_append} checked against the stored events. */
    public long conditionsCheckedByDatabase() {
        return checkedByDatabase.sum();
    }

    /**
     * Up to {@code limit} events matching {@code filter} with positions in ({@code after}, {@code upTo}], in
     * position order, and how far the log was examined: when fewer than {@code limit} came back, no event at or
     * below {@link Batch#scannedTo} that matches is missing, nor will one appear later (positions follow commit
     * order, and the head is read in the same snapshot). A reader goes on from there, so a reader of rare event
     * types does not scan the same stretch of log again on every poll.
     */
    public CompletableFuture<Batch> read(EventFilter filter, long after, long upTo, int limit) {
        return read(null, filter, after, upTo, limit);
    }

    /**
     * {@link #read(EventFilter, long, long, int)} of one tenant's events (those whose metadata names it), found
     * through the index of tenant and position: a small tenant's reader does not walk the other tenants' events.
     */
    public CompletableFuture<Batch> readOfTenant(String tenant, EventFilter filter, long after, long upTo, int limit) {
        return read(Objects.requireNonNull(tenant, "tenant"), filter, after, upTo, limit);
    }

    private CompletableFuture<Batch> read(String tenant, EventFilter filter, long after, long upTo, int limit) {
        List<Object> parameters = new ArrayList<>(List.of(after, upTo));
        String condition = filterSql(filter, parameters);
        if (tenant != null) {
            parameters.add(tenant);
            condition = "tenant_id = $" + parameters.size() + " AND " + condition;
        }
        parameters.add(limit);
        String sql = "WITH head AS MATERIALIZED (SELECT least($2, coalesce(max(position), 0)) AS scanned"
                + " FROM event_store_event) SELECT head.scanned, e.* FROM head LEFT JOIN LATERAL (SELECT " + COLUMNS
                + " FROM event_store_event WHERE position > $1 AND position <= head.scanned AND " + condition
                + " ORDER BY position LIMIT $" + parameters.size() + ") e ON true ORDER BY e.position";
        return pool.preparedQuery(sql).execute(Tuple.from(parameters))
                .map(rows -> {
                    long scanned = rows.iterator().next().getLong("scanned");
                    return new Batch(toEvents(rows), Math.max(after, scanned));
                })
                .toCompletionStage().toCompletableFuture();
    }

    /**
     * Events read in one query.
     *
     * @param scannedTo the highest position the query examined (its upper bound, or the head of the log)
     */
    public record Batch(List<PersistedEvent> events, long scannedTo) {
    }

    /**
     * The head of the log and, when the tagged stream matching {@code filter} has at most {@code limit} events with
     * positions above {@code after}, all of them, in one statement and so in one snapshot. A longer stream comes back without events and
     * {@link StreamStart#complete} false: read it through {@link #openCursor} up to the head. Every alternative of
     * {@code filter} must name tags: the matching positions are collected through the tags index (at most
     * {@code limit + 1} of them are read) before the rows are fetched by position. The statement that collects them has
     * no {@code LIMIT}: the count reads at most {@code limit + 1} of them, and the rows are fetched only when that is
     * within the limit, each by its position. The statement is planned for its tags on every call ({@link PlanPerCall}):
     * a generic plan cannot tell an incident's tag from the tenant's, which every event carries, and walked the whole
     * log. The {@code OFFSET 0}s keep the subqueries from being merged into joins: the fetch stays behind the count's check
     * (evaluated once, before any row is fetched), and each row is fetched by its position, never by a join that a
     * plan made on stale statistics could hash over the whole log. Events carry no tags.
     */
    public CompletableFuture<StreamStart> readStream(EventFilter filter, long after, int limit) {
        if (filter.alternatives().stream().anyMatch(alternative -> alternative.tags().isEmpty())) {
            throw new IllegalArgumentException("a stream read needs tags in every alternative: " + filter);
        }
        // From the start, the statement names no position: its plan then never weighs walking the log in position order.
        // After a position close to the head (as far as this instance has seen it), the log is read from there, by a
        // statement whose cached plan walks it from the position; further back, the stream is found through its tags
        // and what is after the position kept, planned for the tags on every call.
        List<Object> parameters = after < 0 ? new ArrayList<>() : new ArrayList<>(List.of(after));
        boolean byTags = after < 0 || seenHead.get() - after > RECENT_POSITIONS;
        String matching = after < 0
                ? "SELECT position FROM event_store_event WHERE " + filterSql(filter, parameters)
                : byTags
                ? "SELECT t.position FROM (SELECT position FROM event_store_event WHERE " + filterSql(filter, parameters)
                        + " OFFSET 0) t WHERE t.position > $1"
                : "SELECT position FROM event_store_event WHERE position > $1 AND " + filterSql(filter, parameters);
        parameters.add(limit);
        String max = "$" + parameters.size();
        String sql = (byTags ? PlanPerCall.MARK : "")
                + "WITH head AS MATERIALIZED (SELECT coalesce(max(position), 0) AS head FROM event_store_event),"
                + " matching AS MATERIALIZED (" + matching + "),"
                + " matched AS MATERIALIZED (SELECT count(*) AS matched FROM (SELECT 1 FROM matching LIMIT " + max
                + " + 1) m)"
                + " SELECT head.head, matched.matched, e.* FROM head CROSS JOIN matched LEFT JOIN LATERAL (SELECT x.*"
                + " FROM matching m CROSS JOIN LATERAL (SELECT " + EVENT_COLUMNS + " FROM event_store_event"
                + " WHERE position = m.position OFFSET 0) x WHERE matched.matched <= " + max + " OFFSET 0) e ON true"
                + " ORDER BY e.position";
        return pool.preparedQuery(sql).execute(Tuple.from(parameters))
                .map(rows -> {
                    Row first = rows.iterator().next();
                    seen(first.getLong("head"));
                    return new StreamStart(first.getLong("head"), toEvents(rows), first.getLong("matched") <= limit);
                })
                .toCompletionStage().toCompletableFuture();
    }

    /**
     * How far behind the head a stream read's start may be for the read to walk the log from there (a state cached a
     * moment ago); further back, it finds the stream's events through the tags (a state cached before the log grew by
     * thousands of events: measured, 92 ms a read after 170,000, against 5.7 ms for the whole stream by its tags).
     */
    static final int RECENT_POSITIONS = 1_000;

    /** Notes that the log's head is at least {@code position} (read, or appended by this instance). */
    private void seen(long position) {
        seenHead.accumulateAndGet(position, Math::max);
    }

    /**
     * The start of a stream read: the head of the log and, if {@code complete}, every event of the stream after the
     * read's start up to it; otherwise no events.
     */
    public record StreamStart(long head, List<PersistedEvent> events, boolean complete) {
    }

    /**
     * Opens a forward-only cursor over the events matching {@code filter} with positions in
     * ({@code after}, {@code upTo}]: the query runs once and its rows are fetched in batches, so
     * reading a long stream costs one scan, not one per batch. Its events carry no tags (they served
     * the filter already). The cursor holds a pooled connection
     * and a read-only transaction until it is closed; close it as soon as it is no longer read.
     */
    public CompletableFuture<EventCursor> openCursor(EventFilter filter, long after, long upTo) {
        List<Object> parameters = new ArrayList<>(List.of(after, upTo));
        String condition = filterSql(filter, parameters);
        String sql = "SELECT " + EVENT_COLUMNS + " FROM event_store_event WHERE position > $1 AND position <= $2 AND "
                + condition + " ORDER BY position";
        return pool.getConnection().compose(connection -> connection.begin()
                        .compose(transaction -> connection.prepare(sql)
                                .map(statement -> new EventCursor(connection, transaction, statement.cursor(Tuple.from(parameters)))))
                        .onFailure(failure -> connection.close()))
                .toCompletionStage().toCompletableFuture();
    }

    /** Rows of one query, fetched a batch at a time; see {@link #openCursor}. */
    public static final class EventCursor {

        private final SqlConnection connection;
        private final Transaction transaction;
        private final Cursor cursor;
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile boolean read;

        private EventCursor(SqlConnection connection, Transaction transaction, Cursor cursor) {
            this.connection = connection;
            this.transaction = transaction;
            this.cursor = cursor;
        }

        /** The next at most {@code count} events; fewer (possibly none) at the end. */
        public CompletableFuture<List<PersistedEvent>> read(int count) {
            if (!hasMore()) {
                return CompletableFuture.completedFuture(List.of());
            }
            return cursor.read(count)
                    .map(rows -> {
                        read = true;
                        return toEvents(rows);
                    })
                    .toCompletionStage().toCompletableFuture();
        }

        /** Whether rows may remain. */
        public boolean hasMore() {
            // Vert.x knows whether rows remain only after a first read.
            return !closed.get() && (!read || cursor.hasMore());
        }

        /** Ends the read transaction and returns the connection to the pool; closing twice is harmless. */
        public void close() {
            if (closed.compareAndSet(false, true)) {
                cursor.close()
                        .eventually(() -> transaction.rollback())
                        .eventually(() -> connection.close());
            }
        }
    }

    /** The highest position stored, 0 for an empty log. */
    public CompletableFuture<Long> head() {
        return pool.query("SELECT coalesce(max(position), 0) AS head FROM event_store_event").execute()
                .map(rows -> rows.iterator().next().getLong("head"))
                .toCompletionStage().toCompletableFuture();
    }

    /** The highest position of an event created before {@code instant}, 0 if there is none. */
    public CompletableFuture<Long> positionBefore(Instant instant) {
        return pool.preparedQuery("SELECT coalesce(max(position), 0) AS position FROM event_store_event"
                        + " WHERE position < coalesce((SELECT min(position) FROM event_store_event"
                        + " WHERE event_timestamp >= $1), 9223372036854775807)")
                .execute(Tuple.of(OffsetDateTime.ofInstant(instant, ZoneOffset.UTC)))
                .map(rows -> rows.iterator().next().getLong("position"))
                .toCompletionStage().toCompletableFuture();
    }

    /**
     * Starts writers while appends wait and fewer than {@code maxWriters} batches are in flight. Two
     * batches in flight overlap one's round trip with the other's commit; their order is still decided
     * by the advisory lock, which each takes inside its transaction before inserting.
     */
    private void drain() {
        while (!queue.isEmpty()) {
            int writers = writing.get();
            if (writers >= maxWriters) {
                return;
            }
            if (!writing.compareAndSet(writers, writers + 1)) {
                continue;
            }
            List<Pending> batch = new ArrayList<>();
            Pending next;
            while (batch.size() < maxBatch && (next = queue.poll()) != null) {
                queued.decrementAndGet();
                batch.add(next);
            }
            if (batch.isEmpty()) {
                writing.decrementAndGet();
                continue;
            }
            writeBatch(batch).onComplete(ignored -> {
                writing.decrementAndGet();
                drain();
            });
        }
    }

    private Future<Void> writeBatch(List<Pending> batch) {
        return write(batch)
                .compose(outcomes -> {
                    Future<Void> settled = Future.succeededFuture();
                    for (int i = 0; i < batch.size(); i++) {
                        Pending pending = batch.get(i);
                        Outcome outcome = outcomes.get(i);
                        settled = outcome.failure() == null
                                ? settled.andThen(ignored -> outcome.completeInto(pending.result))
                                : settled.compose(ignored -> settleFailed(pending, outcome.failure()));
                    }
                    return settled;
                })
                .recover(failure -> {
                    // One by one isolates an append the database refuses; a database that does not answer in time, or
                    // a lock that is not granted, would only make every waiter of the batch wait once more, and each
                    // after the one before.
                    if (failure instanceof BrokenGuard) {
                        batch.forEach(pending -> pending.result.completeExceptionally(failure));
                        return Future.succeededFuture();
                    }
                    if (batch.size() == 1 || failure instanceof Unavailable) {
                        Future<Void> settled = Future.succeededFuture();
                        for (Pending pending : batch) {
                            settled = settled.compose(ignored -> settleFailed(pending, failure));
                        }
                        return settled;
                    }
                    Future<Void> oneByOne = Future.succeededFuture();
                    for (Pending pending : batch) {
                        oneByOne = oneByOne.compose(ignored -> writeBatch(List.of(pending)));
                    }
                    return oneByOne;
                });
    }

    /**
     * Reports an append's failure, unless its events are all stored: then the transaction committed before it failed
     * (its answer was lost), and the append succeeded. The check first takes the append lock in shared mode, so it waits
     * until a transaction still committing has ended and then sees its outcome. A deadline, a lock not granted or a
     * full queue ({@link Unavailable}) is reported as it is, without another statement that would wait in vain.
     */
    private Future<Void> settleFailed(Pending pending, Throwable failure) {
        if (failure instanceof Unavailable) {
            pending.result.completeExceptionally(failure);
            return Future.succeededFuture();
        }
        String[] ids = eventIds(pending.request);
        // Shared, the lock still stops every append while this transaction lasts: it may sit idle between its two
        // statements for 5 s at most, as any transaction that holds the append lock.
        return pool.withTransaction(connection -> connection.query("SELECT set_config('idle_in_transaction_session_timeout',"
                        + " '5s', true), pg_advisory_xact_lock_shared(" + APPEND_LOCK + ")")
                        .execute()
                        .compose(locked -> connection.preparedQuery("SELECT count(*) AS stored, max(position) AS marker"
                                + " FROM event_store_event WHERE event_id = ANY($1)").execute(Tuple.of(ids))))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    if (row.getLong("stored") == ids.length) {
                        pending.result.complete(row.getLong("marker"));
                    } else {
                        pending.result.completeExceptionally(failure);
                    }
                    return (Void) null;
                })
                .otherwise(checkFailed -> {
                    pending.result.completeExceptionally(failure);
                    return null;
                });
    }

    /** The request's distinct event ids. */
    private static String[] eventIds(AppendRequest request) {
        return request.events().stream().map(StoredEvent::eventId).distinct().toArray(String[]::new);
    }

    /**
     * A failure to take the append lock within the database's {@code lock_timeout} (SQLSTATE 55P03) as what it is:
     * nothing was written. Other failures are returned as they are.
     */
    private static Throwable lockNotGranted(Throwable failure) {
        return failure instanceof PgException pg && "55P03".equals(pg.getSqlState()) ? new EventLogLockTimeout(failure) : failure;
    }

    /**
     * Writes a batch as one statement. Without conditions, or with conditions that the writer's {@link AppendWindow}
     * decides (none breaks, none depends on an earlier append of the batch), that is one plain insert that takes the lock
     * itself, on the condition that the log's sequence still stands where the window ends; if another writer drew a
     * position since, nothing is written and the batch goes to {@code event_store_append}, which checks the conditions
     * against the stored events under the lock.
     */
    private Future<List<Outcome>> write(List<Pending> batch) {
        List<AppendRequest.Condition> conditions = batch.stream()
                .flatMap(pending -> pending.request.condition().stream()).toList();
        if (conditions.isEmpty()) {
            return writeLocked(batch, null).map(Optional::orElseThrow);
        }
        Dependencies dependencies = dependencies(batch);
        Optional<AppendWindow.Expected> expected = dependencies.from().isEmpty()
                ? window.expected(conditions) : Optional.empty();
        if (expected.isEmpty()) {
            checkedByDatabase.add(conditions.size());
            return writeChecked(batch, dependencies);
        }
        return writeLocked(batch, expected.get()).compose(written -> {
            if (written.isPresent()) {
                checkedByWriter.add(conditions.size());
                return Future.succeededFuture(written.get());
            }
            checkedByDatabase.add(conditions.size());
            return writeChecked(batch, dependencies);
        });
    }

    /**
     * Writes a batch as one statement in its own (implicit) transaction, which takes the lock in a {@code WITH} clause
     * that every inserted row is joined with, so before the first position is drawn, and releases it by its commit.
     * With {@code expected}, the rows are inserted only if the log's sequence stands there, on that server, once the
     * lock is held; empty when it did not (another writer appended), and nothing was written.
     */
    private Future<Optional<List<Outcome>>> writeLocked(List<Pending> batch, AppendWindow.Expected expected) {
        List<EncodedRow> rows = batch.stream().flatMap(pending -> pending.rows.stream()).toList();
        Tuple parameters = columns(rows)
                .addLong(expected == null ? null : expected.drawn())
                .addOffsetDateTime(expected == null ? null : OffsetDateTime.ofInstant(expected.serverStarted(), ZoneOffset.UTC));
        return pool.preparedQuery(LOCKED_INSERT).execute(parameters)
                .transform(insert -> {
                    if (insert.failed()) {
                        window.forget();
                        return Future.failedFuture(lockNotGranted(insert.cause()));
                    }
                    Row first = insert.result().iterator().next();
                    long drawn = first.getLong("drawn");
                    Instant serverStarted = first.getOffsetDateTime("server_started").toInstant();
                    Map<String, Long> positions = positions(insert.result());
                    if (expected != null && (drawn != expected.drawn() || !serverStarted.equals(expected.serverStarted()))) {
                        if (!positions.isEmpty()) {
                            window.forget();
                            return Future.failedFuture(new BrokenGuard("the event log inserted a batch although the"
                                    + " sequence stood at " + drawn + " instead of " + expected.drawn()));
                        }
                        window.drawnByOthers(serverStarted, drawn);
                        return Future.succeededFuture(Optional.empty());
                    }
                    // The statement's trigger drew one position, then each row one.
                    return committed(batch, positions).map(outcomes -> {
                        remember(batch, outcomes, serverStarted, drawn, 1 + rows.size());
                        return Optional.of(outcomes);
                    });
                });
    }

    /**
     * The database inserted a batch that its guard should have refused: its appends fail as they are, neither retried
     * one by one nor checked for their events, which would report an append whose condition broke as a success.
     */
    private static final class BrokenGuard extends IllegalStateException {
        BrokenGuard(String message) {
            super(message);
        }
    }

    /**
     * Tells the window what a committed batch stored: on which server, where the sequence stood before it, how many
     * positions it drew, and the appends that stored events. A batch with an append whose outcome is not known makes it
     * forget.
     */
    private void remember(List<Pending> batch, List<Outcome> outcomes, Instant serverStarted, long drawnBefore,
                          int draws) {
        List<AppendWindow.Appended> appended = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Outcome outcome = outcomes.get(i);
            if (outcome.failure() != null) {
                window.forget();
                return;
            }
            if (outcome.marker().isPresent()) {
                appended.add(new AppendWindow.Appended(batch.get(i).request.events(), outcome.marker().get()));
            }
        }
        window.committed(serverStarted, drawnBefore, draws, appended);
    }

    /** Which earlier appends of a batch have an event that a later append's condition matches, in pairs. */
    private record Dependencies(List<Integer> from, List<Integer> to) {
    }

    /**
     * Worked out here, before the lock is taken, instead of under it; numbered from 1, as {@code event_store_append}
     * numbers appends.
     */
    private static Dependencies dependencies(List<Pending> batch) {
        List<Integer> from = new ArrayList<>();
        List<Integer> to = new ArrayList<>();
        for (int later = 1; later < batch.size(); later++) {
            Optional<AppendRequest.Condition> condition = batch.get(later).request.condition();
            if (condition.isEmpty()) {
                continue;
            }
            for (int earlier = 0; earlier < later; earlier++) {
                if (batch.get(earlier).request.events().stream().anyMatch(condition.get().filter()::matches)) {
                    from.add(earlier + 1);
                    to.add(later + 1);
                }
            }
        }
        return new Dependencies(from, to);
    }

    /**
     * Writes a batch with conditions as one statement, its own transaction: {@code event_store_append_drawn} (V17, V18)
     * takes the lock, decides each append in order (stored already, conflicting with an event after its marker, stored
     * before the batch or appended earlier in it, or appended) and inserts the accepted ones with one insert. The lock
     * is held only while the database works, never across a round trip to this instance.
     */
    private Future<List<Outcome>> writeChecked(List<Pending> batch, Dependencies dependencies) {
        int appends = batch.size();
        Integer[] first = new Integer[appends];
        Integer[] count = new Integer[appends];
        Long[] markers = new Long[appends];
        String[] filters = new String[appends];
        List<EncodedRow> rows = new ArrayList<>();
        List<Integer> rowAppend = new ArrayList<>();
        for (int i = 0; i < appends; i++) {
            Pending pending = batch.get(i);
            first[i] = rows.size() + 1;
            for (int r = 0; r < pending.rows.size(); r++) {
                rowAppend.add(i + 1);
            }
            count[i] = pending.rows.size();
            markers[i] = pending.request.condition().map(AppendRequest.Condition::marker).orElse(null);
            filters[i] = pending.request.condition().map(c -> filterJson(c.filter())).orElse(null);
            rows.addAll(pending.rows);
        }
        Tuple parameters = columns(rows).addArrayOfInteger(rowAppend.toArray(Integer[]::new))
                .addArrayOfInteger(first).addArrayOfInteger(count)
                .addArrayOfLong(markers).addArrayOfString(filters)
                .addArrayOfInteger(dependencies.from().toArray(Integer[]::new))
                .addArrayOfInteger(dependencies.to().toArray(Integer[]::new));
        return pool.preparedQuery(CONDITIONAL_APPEND).execute(parameters)
                .transform(call -> {
                    if (call.failed()) {
                        window.forget();
                        return Future.failedFuture(lockNotGranted(call.cause()));
                    }
                    List<Outcome> outcomes = new ArrayList<>(appends);
                    long drawn = -1;
                    Instant serverStarted = null;
                    int fedRows = 0;
                    for (Row row : call.result()) {
                        int i = row.getInteger("append_index") - 1;
                        if (i != outcomes.size()) {
                            window.forget();
                            return Future.failedFuture(new IllegalStateException("event_store_append answered append "
                                    + (i + 1) + " out of order"));
                        }
                        drawn = row.getLong("drawn");
                        serverStarted = row.getOffsetDateTime("server_started").toInstant();
                        String outcome = row.getString("outcome");
                        outcomes.add(switch (outcome) {
                            case "CONFLICT" -> Outcome.conflict(batch.get(i).request.condition().orElseThrow().marker());
                            case "STORED", "APPENDED" -> Outcome.appended(row.getLong("marker"));
                            default -> Outcome.failed(new IllegalStateException("event_store_append answered " + outcome));
                        });
                        if (outcome.equals("APPENDED")) {
                            fedRows += count[i];
                            seen(row.getLong("marker"));
                        }
                    }
                    if (outcomes.size() != appends) {
                        window.forget();
                        return Future.failedFuture(new IllegalStateException("event_store_append answered "
                                + outcomes.size() + " of " + appends + " appends"));
                    }
                    // The insert, which runs only when an append is accepted, drew one position, then each of its rows one.
                    remember(batch, outcomes, serverStarted, drawn, fedRows == 0 ? 0 : 1 + fedRows);
                    return Future.succeededFuture(outcomes);
                });
    }

    private static final String CONDITIONAL_APPEND = "SELECT append_index, outcome, marker, drawn, server_started"
            + " FROM event_store_append_drawn("
            + "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)";

    /** A filter as {@code event_store_append} reads it: a JSON array of {@code {"tags": […], "types": […]}}. */
    private static String filterJson(EventFilter filter) {
        return json(filter.alternatives().stream()
                .map(alternative -> Map.of("tags", alternative.tags(), "types", alternative.types()))
                .toList());
    }

    /**
     * The outcomes of a batch whose transaction committed: never a failure of the batch, since its events are stored.
     * An append that re-sent stored ids and whose positions could not be read back is settled as a failed one (its
     * events are checked for; after a deadline it fails, and sent again it succeeds).
     */
    private Future<List<Outcome>> committed(List<Pending> batch, Map<String, Long> positions) {
        return positionsOfReappended(batch, positions)
                .<Throwable>map(read -> null)
                .otherwise(failure -> failure)
                .map(lookupFailure -> outcomes(batch, positions, lookupFailure));
    }

    private Map<String, Long> positions(RowSet<Row> inserted) {
        Map<String, Long> positions = new HashMap<>();
        for (RowSet<Row> rowSet = inserted; rowSet != null; rowSet = rowSet.next()) {
            for (Row row : rowSet) {
                if (row.getString("event_id") != null) {
                    positions.put(row.getString("event_id"), row.getLong("position"));
                    seen(row.getLong("position"));
                }
            }
        }
        return positions;
    }

    /**
     * One statement for all rows of a batch, the rows passed as one array per column: the server plans and runs it once
     * instead of once per event, and it is its own transaction. {@code ORDER BY n} feeds the rows to the insert in append
     * order, so positions follow that order. Positions are drawn by the insert from the rows the join hands it, and the
     * join hands over no row before it has fetched the row of {@code drawn}, which is read from the lock's row, so the
     * lock is held before the sequence is read and before the first position is drawn ({@code EventLogConcurrencyTest}
     * fails without it). {@code $8} and {@code $9}, when set, are where the sequence must stand and when the server must
     * have started for the rows to be inserted. It answers both as they were (one row, without an event, when nothing
     * was inserted) and the inserted rows' positions.
     */
    private static final String LOCKED_INSERT = "WITH locked AS MATERIALIZED (SELECT pg_advisory_xact_lock(" + APPEND_LOCK + ")),"
            + " drawn AS MATERIALIZED (SELECT coalesce(pg_sequence_last_value('event_store_event_position_seq'::regclass), 0)"
            + " AS drawn, pg_postmaster_start_time() AS server_started FROM locked),"
            + " added AS (INSERT INTO event_store_event"
            + " (event_id, type_name, type_version, payload, metadata, tags, event_timestamp)"
            + " SELECT e, t, v, p::jsonb, m::jsonb, g::jsonb, ts"
            + " FROM drawn, unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[])"
            + " WITH ORDINALITY AS r(e, t, v, p, m, g, ts, n)"
            + " WHERE $8::bigint IS NULL OR (drawn.drawn = $8::bigint AND drawn.server_started = $9::timestamptz) ORDER BY n"
            + " ON CONFLICT (event_id) DO NOTHING RETURNING event_id, position)"
            + " SELECT drawn.drawn, drawn.server_started, added.event_id, added.position FROM drawn LEFT JOIN added ON true";

    private static List<EncodedRow> rows(AppendRequest request) {
        List<EncodedRow> rows = new ArrayList<>(request.events().size());
        for (StoredEvent event : request.events()) {
            rows.add(new EncodedRow(event.eventId(), event.typeName(), event.typeVersion(), event.payloadJson(),
                    json(event.metadata()), tagsJson(event.tags()),
                    OffsetDateTime.ofInstant(event.timestamp(), ZoneOffset.UTC)));
        }
        return rows;
    }

    private static Tuple columns(List<EncodedRow> rows) {
        int n = rows.size();
        String[] ids = new String[n];
        String[] types = new String[n];
        String[] versions = new String[n];
        String[] payloads = new String[n];
        String[] metadata = new String[n];
        String[] tags = new String[n];
        OffsetDateTime[] timestamps = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            EncodedRow row = rows.get(i);
            ids[i] = row.eventId();
            types[i] = row.typeName();
            versions[i] = row.typeVersion();
            payloads[i] = row.payload();
            metadata[i] = row.metadata();
            tags[i] = row.tags();
            timestamps[i] = row.timestamp();
        }
        return Tuple.of(ids, types, versions, payloads, metadata, tags, timestamps);
    }

    /** An event encoded for the insert, on the appending thread. */
    private record EncodedRow(String eventId, String typeName, String typeVersion, String payload, String metadata,
                              String tags, OffsetDateTime timestamp) {
    }

    /** Re-appended ids were not inserted again: their marker is where they were stored before. */
    private Future<Void> positionsOfReappended(List<Pending> batch, Map<String, Long> positions) {
        Set<String> missing = new LinkedHashSet<>();
        for (Pending pending : batch) {
            pending.request.events().stream().map(StoredEvent::eventId)
                    .filter(id -> !positions.containsKey(id)).forEach(missing::add);
        }
        if (missing.isEmpty()) {
            return Future.succeededFuture();
        }
        return pool.preparedQuery("SELECT event_id, position FROM event_store_event WHERE event_id = ANY($1)")
                .execute(Tuple.of(missing.toArray(String[]::new)))
                .map(rows -> {
                    rows.forEach(row -> positions.put(row.getString("event_id"), row.getLong("position")));
                    return null;
                });
    }

    private static List<Outcome> outcomes(List<Pending> batch, Map<String, Long> positions, Throwable lookupFailure) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Pending pending : batch) {
            AppendRequest request = pending.request;
            if (request.events().stream().anyMatch(e -> !positions.containsKey(e.eventId()))) {
                outcomes.add(Outcome.failed(lookupFailure != null ? lookupFailure
                        : new IllegalStateException("re-appended events were not found in the event log")));
            } else {
                long marker = request.events().stream().mapToLong(e -> positions.get(e.eventId())).max().orElseThrow();
                outcomes.add(Outcome.appended(marker));
            }
        }
        return outcomes;
    }

    /** Appends the SQL condition for {@code filter} to a query whose parameters so far are {@code parameters}. */
    static String filterSql(EventFilter filter, List<Object> parameters) {
        if (filter.matchesEverything()) {
            return "TRUE";
        }
        List<String> alternatives = new ArrayList<>();
        for (EventFilter.Alternative alternative : filter.alternatives()) {
            List<String> parts = new ArrayList<>();
            if (!alternative.tags().isEmpty()) {
                parameters.add(tagsJson(alternative.tags()));
                parts.add("tags @> $" + parameters.size() + "::text::jsonb");
            }
            if (!alternative.types().isEmpty()) {
                parameters.add(alternative.types().toArray(String[]::new));
                parts.add("type_name = ANY($" + parameters.size() + ")");
            }
            alternatives.add("(" + String.join(" AND ", parts) + ")");
        }
        return "(" + String.join(" OR ", alternatives) + ")";
    }

    /** Tags as stored: a JSON array of {@code {"key": …, "value": …}} objects. */
    private static String tagsJson(Set<EventTag> tags) {
        return json(tags);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static List<PersistedEvent> toEvents(RowSet<Row> rows) {
        List<PersistedEvent> events = new ArrayList<>(rows.size());
        boolean withTags = rows.columnsNames().contains("tags");
        for (Row row : rows) {
            if (row.getValue("position") == null) {
                continue; // the head row of a read that found nothing
            }
            Map<String, String> metadata;
            try {
                metadata = JSON.readValue(row.getString("metadata"), METADATA);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable metadata of event at position " + row.getLong("position"), e);
            }
            Set<EventTag> tags = new LinkedHashSet<>();
            if (withTags) {
                new JsonArray(row.getString("tags")).forEach(t -> {
                    JsonObject tag = (JsonObject) t;
                    tags.add(new EventTag(tag.getString("key"), tag.getString("value")));
                });
            }
            StoredEvent event = new StoredEvent(row.getString("event_id"), row.getString("type_name"),
                    row.getString("type_version"), row.getString("payload"), metadata, tags,
                    row.getOffsetDateTime("event_timestamp").toInstant());
            events.add(new PersistedEvent(row.getLong("position"), event, row.getOffsetDateTime("recorded_at").toInstant()));
        }
        return events;
    }

    private record Pending(AppendRequest request, List<EncodedRow> rows, CompletableFuture<Long> result) {
    }

    private record Outcome(Optional<Long> marker, long conflictMarker, Throwable failure) {
        static Outcome appended(long marker) {
            return new Outcome(Optional.of(marker), -1, null);
        }

        static Outcome conflict(long marker) {
            return new Outcome(Optional.empty(), marker, null);
        }

        static Outcome failed(Throwable failure) {
            return new Outcome(Optional.empty(), -1, failure);
        }

        /** Completes an appended or conflicting append's result; a failed one is settled by {@code settleFailed}. */
        void completeInto(CompletableFuture<Long> result) {
            marker.ifPresentOrElse(result::complete,
                    () -> result.completeExceptionally(new AppendConflictException(conflictMarker)));
        }
    }
}
