package io.firedrill.bootstrap.eventstore;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.firedrill.adapter.persistence.eventstore.AppendConflictException;
import io.firedrill.adapter.persistence.eventstore.AppendRequest;
import io.firedrill.adapter.persistence.eventstore.EventFilter;
import io.firedrill.adapter.persistence.eventstore.EventTag;
import io.firedrill.adapter.persistence.eventstore.PgEventLog;
import io.firedrill.adapter.persistence.eventstore.StoredEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A writer that appends alone decides its batches' conditions from what it appended itself and sends them as one plain
 * insert; the database confirms under the append lock that no other writer drew a position since. Whatever another
 * writer did (another instance's append, a hand-written insert, a transaction that rolled back after drawing a
 * position), the condition is then checked against the stored events, and holds.
 */
@QuarkusTest
class WriterDecidedConditionsTest {

    /** The event log's advisory lock key ("FIREDRIF" in ASCII). */
    private static final long APPEND_LOCK = 0x4649524544524946L;

    /** The application's writer: here, another instance appending to the same log. */
    @Inject
    PgEventLog otherInstance;

    @Inject
    Pool pool;

    @Test
    void conditionsOnWhatTheWriterAppendedItselfAreDecidedByIt_andAStaleMarkerStillConflicts() throws Exception {
        PgEventLog writer = new PgEventLog(pool, 64, 4096, 1);
        EventTag subject = tag();
        long marker = decidedByTheWriter(writer, subject);

        StoredEvent next = event(subject);
        assertThat(writer.append(onSubject(next, subject, marker)).get(10, TimeUnit.SECONDS)).isEqualTo(positionOf(next));

        long byDatabase = writer.conditionsCheckedByDatabase();
        StoredEvent stale = event(subject);
        assertConflict(writer.append(onSubject(stale, subject, marker)), "the writer's own event is after the marker");
        assertThat(count(stale)).isZero();
        assertThat(writer.conditionsCheckedByDatabase()).as("the window finds the event after the marker: the database"
                + " checks, and answers the conflict").isEqualTo(byDatabase + 1);
    }

    @Test
    void anotherInstancesAppendBreaksTheCondition() throws Exception {
        PgEventLog writer = new PgEventLog(pool, 64, 4096, 1);
        EventTag subject = tag();
        long marker = decidedByTheWriter(writer, subject);

        StoredEvent theirs = event(subject);
        otherInstance.append(AppendRequest.unconditional(List.of(theirs))).get(10, TimeUnit.SECONDS);
        long byDatabase = writer.conditionsCheckedByDatabase();
        StoredEvent ours = event(subject);
        assertConflict(writer.append(onSubject(ours, subject, marker)), "another instance appended to the subject");
        assertThat(count(ours)).isZero();
        assertThat(writer.conditionsCheckedByDatabase()).as("the writer's window cannot know it: the database checked")
                .isEqualTo(byDatabase + 1);
    }

    @Test
    void aHandWrittenInsertBreaksTheCondition() throws Exception {
        PgEventLog writer = new PgEventLog(pool, 64, 4096, 1);
        EventTag subject = tag();
        long marker = decidedByTheWriter(writer, subject);

        insertByHand(subject, true);
        StoredEvent ours = event(subject);
        assertConflict(writer.append(onSubject(ours, subject, marker)), "an event was inserted by hand on the subject");
        assertThat(count(ours)).isZero();
    }

    @Test
    void aPositionDrawnByATransactionThatRolledBackSendsTheBatchToTheDatabase_thenTheWriterDecidesAgain() throws Exception {
        PgEventLog writer = new PgEventLog(pool, 64, 4096, 1);
        EventTag subject = tag();
        long marker = decidedByTheWriter(writer, subject);

        insertByHand(subject, false);
        long byDatabase = writer.conditionsCheckedByDatabase();
        StoredEvent ours = event(subject);
        long ourMarker = writer.append(onSubject(ours, subject, marker)).get(10, TimeUnit.SECONDS);
        assertThat(ourMarker).as("nothing was stored on the subject").isEqualTo(positionOf(ours));
        assertThat(writer.conditionsCheckedByDatabase()).isEqualTo(byDatabase + 1);

        decidedByTheWriter(writer, subject, ourMarker);
    }

    @Test
    void theInstancesWriterReportsWhoCheckedItsConditions() throws Exception {
        EventTag subject = tag();
        double byWriter = checked("writer");
        long marker = otherInstance.append(AppendRequest.unconditional(List.of(event(subject)))).get(10, TimeUnit.SECONDS);
        for (int attempt = 0; attempt < 20 && checked("writer") == byWriter; attempt++) {
            marker = otherInstance.append(onSubject(event(subject), subject, marker)).get(10, TimeUnit.SECONDS);
        }
        assertThat(checked("writer")).as("the application's writer, appending alone, decides").isGreaterThan(byWriter);

        // Another writer appends: the application's writer's next condition is checked by the database.
        new PgEventLog(pool, 64, 4096, 1).append(AppendRequest.unconditional(List.of(event(tag())))).get(10, TimeUnit.SECONDS);
        double byDatabase = checked("database");
        otherInstance.append(onSubject(event(subject), subject, marker)).get(10, TimeUnit.SECONDS);
        assertThat(checked("database")).isGreaterThan(byDatabase);
    }

    private static double checked(String by) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher line = Pattern.compile("(?m)^firedrill_event_store_conditions_checked_total\\{by=\"" + by
                + "\"[^}]*\\} ([0-9.eE+-]+)$").matcher(text);
        assertThat(line.find()).as("the %s series is exported", by).isTrue();
        return Double.parseDouble(line.group(1));
    }

    @Test
    void theSequenceIsReadOnlyOnceTheLockIsHeld_soAnAppendCommittedWhileTheWriterWaitsBreaksTheCondition() throws Exception {
        PgEventLog writer = new PgEventLog(pool, 64, 4096, 1);
        EventTag subject = tag();
        long marker = decidedByTheWriter(writer, subject);

        SqlConnection other = done(pool.getConnection());
        try {
            done(other.query("BEGIN").execute());
            // Holds the lock, and has drawn nothing yet.
            done(other.query("SELECT pg_advisory_xact_lock(" + APPEND_LOCK + ")").execute());
            StoredEvent ours = event(subject);
            CompletableFuture<Long> waiting = writer.append(onSubject(ours, subject, marker));
            await().atMost(Duration.ofSeconds(5)).until(() -> waitingForTheAppendLock() > 0);

            insertOn(other, subject);
            done(other.query("COMMIT").execute());
            assertConflict(waiting, "the other transaction's event on the subject committed while the writer waited");
            assertThat(count(ours)).isZero();
        } finally {
            other.close();
        }
    }

    @Test
    void aStatementThatWritesToTheLogWithoutDrawingPositionsForItsRowsStillSendsConditionsToTheDatabase() throws Exception {
        PgEventLog writer = new PgEventLog(pool, 64, 4096, 1);
        EventTag subject = tag();
        long marker = decidedByTheWriter(writer, subject);

        // An update (of no row at all) and an insert that sets its position itself draw no position for their rows;
        // the log's trigger draws one for the statement.
        done(pool.query("UPDATE event_store_event SET tags = tags WHERE false").execute());
        long byDatabase = writer.conditionsCheckedByDatabase();
        marker = writer.append(onSubject(event(subject), subject, marker)).get(10, TimeUnit.SECONDS);
        assertThat(writer.conditionsCheckedByDatabase()).as("after an update").isEqualTo(byDatabase + 1);

        marker = decidedByTheWriter(writer, subject, marker);
        done(pool.preparedQuery("INSERT INTO event_store_event"
                        + " (position, event_id, type_name, type_version, payload, metadata, tags, event_timestamp)"
                        + " OVERRIDING SYSTEM VALUE"
                        + " VALUES (-1 - (random() * 1e12)::bigint, $1, 'test.Manual', '1', '{}', '{}', '[]', now())")
                .execute(Tuple.of(UUID.randomUUID().toString())));
        byDatabase = writer.conditionsCheckedByDatabase();
        writer.append(onSubject(event(subject), subject, marker)).get(10, TimeUnit.SECONDS);
        assertThat(writer.conditionsCheckedByDatabase()).as("after an insert with its own position").isEqualTo(byDatabase + 1);
    }

    /** Appends on {@code subject} until the writer decided a condition itself; answers the subject's last marker. */
    private static long decidedByTheWriter(PgEventLog writer, EventTag subject) throws Exception {
        long marker = writer.append(AppendRequest.unconditional(List.of(event(subject)))).get(10, TimeUnit.SECONDS);
        return decidedByTheWriter(writer, subject, marker);
    }

    /**
     * Appends on {@code subject}, each conditioned on the one before, until one was decided by the writer: the first
     * batches only show it where the log ends, and the application may append meanwhile.
     */
    private static long decidedByTheWriter(PgEventLog writer, EventTag subject, long marker) throws Exception {
        long byWriter = writer.conditionsCheckedByWriter();
        for (int attempt = 0; attempt < 20 && writer.conditionsCheckedByWriter() == byWriter; attempt++) {
            marker = writer.append(onSubject(event(subject), subject, marker)).get(10, TimeUnit.SECONDS);
        }
        assertThat(writer.conditionsCheckedByWriter()).as("a writer appending alone decides its conditions")
                .isGreaterThan(byWriter);
        return marker;
    }

    /** An event on {@code subject} inserted by hand, as an operator would; committed or rolled back. */
    private void insertByHand(EventTag subject, boolean commit) throws Exception {
        SqlConnection connection = done(pool.getConnection());
        try {
            done(connection.query("BEGIN").execute());
            insertOn(connection, subject);
            done(connection.query(commit ? "COMMIT" : "ROLLBACK").execute());
        } finally {
            connection.close();
        }
    }

    private static void insertOn(SqlConnection connection, EventTag subject) throws Exception {
        done(connection.preparedQuery("INSERT INTO event_store_event"
                        + " (event_id, type_name, type_version, payload, metadata, tags, event_timestamp)"
                        + " VALUES ($1, 'test.Manual', '1', '{}'::jsonb, '{}'::jsonb, $2::text::jsonb, $3)")
                .execute(Tuple.of(UUID.randomUUID().toString(),
                        "[{\"key\": \"" + subject.key() + "\", \"value\": \"" + subject.value() + "\"}]",
                        OffsetDateTime.now(ZoneOffset.UTC))));
    }

    private long waitingForTheAppendLock() throws Exception {
        return done(pool.query("SELECT count(*) AS n FROM pg_locks l WHERE l.locktype = 'advisory'"
                + " AND l.classid = " + (APPEND_LOCK >>> 32) + " AND l.objid = " + (APPEND_LOCK & 0xFFFFFFFFL)
                + " AND l.objsubid = 1 AND NOT l.granted").execute()).iterator().next().getLong("n");
    }

    private static AppendRequest onSubject(StoredEvent event, EventTag subject, long marker) {
        return AppendRequest.conditional(List.of(event), EventFilter.of(Set.of(), Set.of(subject)), marker);
    }

    private static void assertConflict(CompletableFuture<Long> append, String why) {
        assertThatThrownBy(() -> append.get(10, TimeUnit.SECONDS)).as(why)
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(AppendConflictException.class);
    }

    private long positionOf(StoredEvent event) throws Exception {
        return done(pool.preparedQuery("SELECT position FROM event_store_event WHERE event_id = $1")
                .execute(Tuple.of(event.eventId()))).iterator().next().getLong("position");
    }

    private long count(StoredEvent event) throws Exception {
        return done(pool.preparedQuery("SELECT count(*) AS n FROM event_store_event WHERE event_id = $1")
                .execute(Tuple.of(event.eventId()))).iterator().next().getLong("n");
    }

    private static <T> T done(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static EventTag tag() {
        return new EventTag("subject", UUID.randomUUID().toString());
    }

    private static StoredEvent event(EventTag subject) {
        return new StoredEvent(UUID.randomUUID().toString(), "test.Noted", "1", "{}",
                Map.of("tenant", "default", "actor", "user:test"), Set.of(subject), Instant.parse("2026-12-07T01:00:00Z"));
    }
}
