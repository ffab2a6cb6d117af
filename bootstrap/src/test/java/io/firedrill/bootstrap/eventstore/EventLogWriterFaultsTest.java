package io.firedrill.bootstrap.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.firedrill.adapter.persistence.eventstore.AppendRequest;
import io.firedrill.adapter.persistence.eventstore.EventFilter;
import io.firedrill.adapter.persistence.eventstore.EventLogLockTimeout;
import io.firedrill.adapter.persistence.eventstore.EventTag;
import io.firedrill.adapter.persistence.eventstore.PgEventLog;
import io.firedrill.adapter.persistence.eventstore.StoredEvent;
import io.firedrill.adapter.persistence.pool.StatementDeadlineExceeded;
import io.firedrill.application.port.in.Unavailable;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The event log's writer under faults of the database session: a commit whose answer is lost, a transaction that
 * writes to the log by hand, a lock held by someone else, a writer frozen inside its transaction.
 */
@QuarkusTest
class EventLogWriterFaultsTest {

    /** The event log's advisory lock key ("FIREDRIF" in ASCII), as the writer and the V13 trigger take it. */
    private static final long APPEND_LOCK = 0x4649524544524946L;
    /** The append lock in {@code pg_locks}: a bigint key is shown as its high and low 32 bits. */
    private static final String THE_APPEND_LOCK = "l.locktype = 'advisory' AND l.classid = " + (APPEND_LOCK >>> 32)
            + " AND l.objid = " + (APPEND_LOCK & 0xFFFFFFFFL) + " AND l.objsubid = 1";

    /**
     * How the writer sends a batch whose conditions the database checks (one statement, V17 and V18): always so for a
     * new writer, which has not yet seen where the log ends.
     */
    private static final String CONDITIONAL_APPEND = "SELECT append_index, outcome, marker, drawn, server_started FROM event_store_append_drawn(";

    @Inject
    PgEventLog log;

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Test
    void anAppendWhoseCommitTookEffectBeforeItsAnswerWasLostIsASuccess_aloneAndInABatch() throws Exception {
        long marker = log.head().get(10, TimeUnit.SECONDS);
        Promise<Void> firstBatch = Promise.promise();
        AtomicInteger batches = new AtomicInteger();
        Pool faulty = InterceptingPool.wrap(pool, Future::succeededFuture, (sql, run) -> {
            if (!sql.startsWith(CONDITIONAL_APPEND)) {
                return run.get();
            }
            int batch = batches.getAndIncrement();
            Future<Void> go = batch == 0 ? firstBatch.future() : Future.succeededFuture();
            return batch < 2
                    ? go.compose(ignored -> run.get())
                            .compose(committed -> Future.failedFuture(new IllegalStateException("connection reset after the commit")))
                    : run.get();
        });
        PgEventLog writer = new PgEventLog(faulty, 64, 4096, 1);

        // The first append is written alone, held back until the others wait; the three after it are written as one
        // batch. Both statements commit and then report a failure; each append is conditional on its own subject,
        // whose only new events are its own.
        List<StoredEvent> events = new ArrayList<>();
        List<CompletableFuture<Long>> results = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            EventTag subject = new EventTag("subject", UUID.randomUUID().toString());
            StoredEvent event = event(subject);
            events.add(event);
            results.add(writer.append(AppendRequest.conditional(List.of(event),
                    EventFilter.of(Set.of(), Set.of(subject)), marker)));
        }
        firstBatch.complete();

        for (int i = 0; i < 4; i++) {
            long answered = results.get(i).get(30, TimeUnit.SECONDS);
            assertThat(answered).as("append %d answers where its event is stored", i).isEqualTo(positionOf(events.get(i)));
            assertThat(stored(events.get(i))).as("append %d stored once", i).isEqualTo(1);
        }
        assertThat(batches.get()).as("both answers were lost, then the three were written one by one").isEqualTo(5);
    }

    @Test
    void aTransactionInsertingIntoTheLogByHandHoldsTheAppendLockUntilItEnds() throws Exception {
        EventTag subject = new EventTag("subject", UUID.randomUUID().toString());
        SqlConnection manual = done(pool.getConnection());
        try {
            done(manual.query("BEGIN").execute());
            long manualPosition = done(manual.preparedQuery("INSERT INTO event_store_event"
                            + " (event_id, type_name, type_version, payload, metadata, tags, event_timestamp)"
                            + " VALUES ($1, 'test.Manual', '1', '{}'::jsonb, '{}'::jsonb, $2::text::jsonb, $3) RETURNING position")
                    .execute(Tuple.of(UUID.randomUUID().toString(), tagsJson(subject), OffsetDateTime.now(ZoneOffset.UTC))))
                    .iterator().next().getLong("position");

            CompletableFuture<Long> appended = log.append(AppendRequest.unconditional(List.of(event(subject))));
            await().atMost(Duration.ofSeconds(3)).until(() -> waitingForAdvisoryLock() > 0);
            assertThat(appended).as("the append waits for the hand-written transaction").isNotDone();

            done(manual.query("COMMIT").execute());
            assertThat(appended.get(10, TimeUnit.SECONDS)).isGreaterThan(manualPosition);
        } finally {
            manual.close();
        }
    }

    @Test
    void aLockWaitEndsInTheDatabaseBeforeTheStatementDeadline_andABatchIsRefusedWhole() throws Exception {
        SqlConnection holder = done(pool.getConnection());
        try {
            done(holder.query("BEGIN").execute());
            done(holder.query("SELECT pg_advisory_xact_lock(" + APPEND_LOCK + ")").execute());

            // Unconditional (one statement): refused by the database's lock_timeout, not by the client's deadline.
            CompletableFuture<Long> appended = log.append(AppendRequest.unconditional(
                    List.of(event(new EventTag("subject", UUID.randomUUID().toString())))));
            assertLockNotGranted(appended);

            // Conditional, the second and third in one batch: each batch is refused whole, nothing retried one by one.
            Promise<Void> firstBatch = Promise.promise();
            AtomicInteger lockAttempts = new AtomicInteger();
            PgEventLog writer = new PgEventLog(InterceptingPool.wrap(pool, Future::succeededFuture,
                    (sql, run) -> {
                        if (sql.startsWith(CONDITIONAL_APPEND)) {
                            return lockAttempts.getAndIncrement() == 0 ? firstBatch.future().compose(go -> run.get()) : run.get();
                        }
                        return run.get();
                    }), 64, 4096, 1);
            long marker = log.head().get(10, TimeUnit.SECONDS);
            List<CompletableFuture<Long>> conditional = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                EventTag subject = new EventTag("subject", UUID.randomUUID().toString());
                conditional.add(writer.append(AppendRequest.conditional(List.of(event(subject)),
                        EventFilter.of(Set.of(), Set.of(subject)), marker)));
            }
            firstBatch.complete();
            for (CompletableFuture<Long> append : conditional) {
                assertLockNotGranted(append);
            }
            assertThat(lockAttempts.get()).as("one lock attempt per batch").isEqualTo(2);
        } finally {
            done(holder.query("ROLLBACK").execute().eventually(() -> holder.close()));
        }
    }

    private static void assertLockNotGranted(CompletableFuture<Long> append) {
        assertThatThrownBy(() -> append.get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(EventLogLockTimeout.class).isInstanceOf(Unavailable.class)
                .cause().isInstanceOf(PgException.class)
                .satisfies(failure -> assertThat(((PgException) failure).getSqlState()).isEqualTo("55P03"));
    }

    @Test
    void aBatchThatCommittedAnswersItsAppends_whenReadingBackARepeatedEventFails() throws Exception {
        StoredEvent earlier = event(new EventTag("subject", UUID.randomUUID().toString()));
        long earlierPosition = log.append(AppendRequest.unconditional(List.of(earlier))).get(10, TimeUnit.SECONDS);
        Promise<Void> firstBatch = Promise.promise();
        AtomicInteger inserts = new AtomicInteger();
        AtomicInteger lookups = new AtomicInteger();
        PgEventLog writer = new PgEventLog(InterceptingPool.wrap(pool, Future::succeededFuture,
                (sql, run) -> {
                    if (sql.startsWith("WITH locked") && inserts.getAndIncrement() == 0) {
                        return firstBatch.future().compose(go -> run.get()); // the next two wait and go as one batch
                    }
                    if (sql.startsWith("SELECT event_id, position FROM event_store_event")) {
                        // after the batch committed: the first read-back of a repeated event's position runs out of
                        // time, a second fails otherwise (its append is then checked for)
                        return lookups.getAndIncrement() == 0
                                ? Future.failedFuture(new StatementDeadlineExceeded(Duration.ofSeconds(5)))
                                : Future.failedFuture(new IllegalStateException("connection reset while reading positions"));
                    }
                    return run.get();
                }), 64, 4096, 1);

        CompletableFuture<Long> first = writer.append(AppendRequest.unconditional(
                List.of(event(new EventTag("subject", UUID.randomUUID().toString())))));
        StoredEvent fresh = event(new EventTag("subject", UUID.randomUUID().toString()));
        CompletableFuture<Long> repeated = writer.append(AppendRequest.unconditional(List.of(earlier)));
        CompletableFuture<Long> added = writer.append(AppendRequest.unconditional(List.of(fresh)));
        firstBatch.complete();
        first.get(10, TimeUnit.SECONDS);

        assertThat(added.get(10, TimeUnit.SECONDS)).as("the new append of the committed batch").isEqualTo(positionOf(fresh));
        assertThatThrownBy(() -> repeated.get(10, TimeUnit.SECONDS)).as("the repeated one, after a deadline")
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(StatementDeadlineExceeded.class);
        assertThat(writer.append(AppendRequest.unconditional(List.of(earlier))).get(10, TimeUnit.SECONDS))
                .as("the repeated one sent again, its read-back failing otherwise").isEqualTo(earlierPosition);
        assertThat(stored(earlier)).isEqualTo(1);
        assertThat(stored(fresh)).isEqualTo(1);
    }

    @Test
    void aTransactionThatInsertsByHandAndThenSitsIdleLosesItsSessionAndTheLockAfterFiveSeconds() throws Exception {
        // Firedrill's own appends are single statements; a transaction written by hand that inserts into the log takes
        // the append lock through the V13 trigger, which also bounds how long the transaction may sit idle.
        SqlConnection manual = done(pool.getConnection());
        StoredEvent held = event(new EventTag("subject", UUID.randomUUID().toString()));
        try {
            done(manual.query("BEGIN").execute());
            done(manual.preparedQuery("INSERT INTO event_store_event"
                            + " (event_id, type_name, type_version, payload, metadata, tags, event_timestamp)"
                            + " VALUES ($1, 'test.Manual', '1', '{}'::jsonb, '{}'::jsonb, '[]'::jsonb, $2)")
                    .execute(Tuple.of(held.eventId(), OffsetDateTime.now(ZoneOffset.UTC))));
            await().atMost(Duration.ofSeconds(5)).until(() -> idleInTransactionHoldingTheLock() > 0);

            // Other appends are refused (lock wait timeout) until the database ends the idle session.
            StoredEvent other = event(new EventTag("subject", UUID.randomUUID().toString()));
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
                try {
                    return log.append(AppendRequest.unconditional(List.of(other))).get(10, TimeUnit.SECONDS) > 0;
                } catch (ExecutionException | TimeoutException refused) {
                    return false;
                }
            });
            assertThatThrownBy(() -> done(manual.query("COMMIT").execute())).as("the idle session is gone")
                    .isInstanceOf(ExecutionException.class);
        } finally {
            manual.close();
        }
        assertThat(stored(held)).as("its insert was rolled back").isZero();
    }

    private long idleInTransactionHoldingTheLock() throws Exception {
        return done(pool.query("SELECT count(*) AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                        + " WHERE " + THE_APPEND_LOCK + " AND l.granted AND a.state = 'idle in transaction'").execute())
                .iterator().next().getLong("n");
    }

    private long waitingForAdvisoryLock() throws Exception {
        return done(pool.query("SELECT count(*) AS n FROM pg_locks l WHERE " + THE_APPEND_LOCK + " AND NOT l.granted").execute())
                .iterator().next().getLong("n");
    }

    private long positionOf(StoredEvent event) throws Exception {
        return done(pool.preparedQuery("SELECT position FROM event_store_event WHERE event_id = $1")
                .execute(Tuple.of(event.eventId()))).iterator().next().getLong("position");
    }

    private long stored(StoredEvent event) throws Exception {
        Row row = done(pool.preparedQuery("SELECT count(*) AS n FROM event_store_event WHERE event_id = $1")
                .execute(Tuple.of(event.eventId()))).iterator().next();
        return row.getLong("n");
    }

    private static <T> T done(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static String tagsJson(EventTag tag) {
        return "[{\"key\":\"" + tag.key() + "\",\"value\":\"" + tag.value() + "\"}]";
    }

    private static StoredEvent event(EventTag subject) {
        return new StoredEvent(UUID.randomUUID().toString(), "test.WriterFault", "1", "{}",
                Map.of("tenant", "default", "actor", "user:test"), Set.of(subject), Instant.parse("2026-12-06T10:00:00Z"));
    }

}
