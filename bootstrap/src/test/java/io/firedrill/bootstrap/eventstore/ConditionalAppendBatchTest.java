package io.firedrill.bootstrap.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firedrill.adapter.persistence.eventstore.AppendConflictException;
import io.firedrill.adapter.persistence.eventstore.AppendRequest;
import io.firedrill.adapter.persistence.eventstore.EventFilter;
import io.firedrill.adapter.persistence.eventstore.EventTag;
import io.firedrill.adapter.persistence.eventstore.PgEventLog;
import io.firedrill.adapter.persistence.eventstore.StoredEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Appends with conditions written together in one batch: each is decided in order against the events stored before
 * the batch and the events of the appends accepted before it, and the whole batch is one statement, so the writer
 * holds the append lock only while the database works, never across a round trip to the application.
 */
@QuarkusTest
class ConditionalAppendBatchTest {

    @Inject
    PgEventLog log;

    @Inject
    Pool pool;

    @Test
    void eachAppendOfABatchIsDecidedInOrder_inOneStatement() throws Exception {
        EventTag incident = tag("incident");
        EventTag other = tag("incident");
        StoredEvent before = event("test.Declared", incident);
        long marker = log.append(AppendRequest.unconditional(List.of(before))).get(10, TimeUnit.SECONDS);
        long stale = marker - 1;

        HeldWriter held = heldWriter();
        PgEventLog writer = held.writer();

        // Held back so that the appends after it wait and are written as one batch.
        CompletableFuture<Long> opening = writer.append(AppendRequest.conditional(List.of(event("test.Opening", tag("x"))),
                EventFilter.of(Set.of(), Set.of(tag("x"))), marker));

        StoredEvent first = event("test.Noted", incident);
        StoredEvent second = event("test.Noted", incident);
        StoredEvent onOther = event("test.Noted", other);
        StoredEvent afterFirstByType = event("test.Noted", tag("y"));
        StoredEvent stillFine = event("test.Noted", tag("z"));
        StoredEvent eitherMatches = event("test.Noted", tag("w"));
        StoredEvent staleButFree = event("test.Noted", tag("v"));
        StoredEvent staleOnIncident = event("test.Noted", incident);
        CompletableFuture<Long> firstResult = writer.append(AppendRequest.conditional(List.of(first),
                EventFilter.of(Set.of(), Set.of(incident)), marker));
        CompletableFuture<Long> secondResult = writer.append(AppendRequest.conditional(List.of(second),
                EventFilter.of(Set.of(), Set.of(incident)), marker));
        CompletableFuture<Long> otherResult = writer.append(AppendRequest.conditional(List.of(onOther),
                EventFilter.of(Set.of(), Set.of(other)), marker));
        CompletableFuture<Long> byType = writer.append(AppendRequest.conditional(List.of(afterFirstByType),
                EventFilter.of(Set.of("test.Noted"), Set.of()), marker));
        CompletableFuture<Long> typeAndTag = writer.append(AppendRequest.conditional(List.of(stillFine),
                EventFilter.of(Set.of("test.Declared"), Set.of(incident)), marker));
        CompletableFuture<Long> either = writer.append(AppendRequest.conditional(List.of(eitherMatches),
                new EventFilter(List.of(new EventFilter.Alternative(Set.of(), Set.of(tag("nothing"))),
                        new EventFilter.Alternative(Set.of(), Set.of(other)))), marker));
        CompletableFuture<Long> everything = writer.append(AppendRequest.conditional(List.of(staleButFree),
                EventFilter.ALL, marker));
        CompletableFuture<Long> staleMarker = writer.append(AppendRequest.conditional(List.of(staleOnIncident),
                EventFilter.of(Set.of(), Set.of(incident)), stale));
        // The first append sent again while it is on its way (its events are stored by then, in the same batch).
        CompletableFuture<Long> resent = writer.append(AppendRequest.conditional(List.of(first),
                EventFilter.of(Set.of(), Set.of(incident)), stale));
        held.release();
        opening.get(10, TimeUnit.SECONDS);

        assertThat(firstResult.get(10, TimeUnit.SECONDS)).as("nothing of its incident after its marker").isEqualTo(positionOf(first));
        assertConflict(secondResult, "the first append of the batch is on its incident");
        assertThat(otherResult.get(10, TimeUnit.SECONDS)).as("another incident").isEqualTo(positionOf(onOther));
        assertConflict(byType, "an earlier append of the batch has the type it names");
        assertThat(typeAndTag.get(10, TimeUnit.SECONDS)).as("the incident's new events are not of the type it names")
                .isEqualTo(positionOf(stillFine));
        assertConflict(either, "its second alternative matches an earlier append of the batch");
        assertConflict(everything, "everything after the marker matches");
        assertConflict(staleMarker, "the incident's event at the marker is after the stale marker");
        assertThat(resent.get(10, TimeUnit.SECONDS)).as("its events are stored: a success, decided before its condition")
                .isEqualTo(positionOf(first));
        for (StoredEvent refused : List.of(second, afterFirstByType, eitherMatches, staleButFree, staleOnIncident)) {
            assertThat(count(refused)).as("a refused append stores nothing").isZero();
        }
        assertThat(positionOf(first)).as("positions follow the order of the batch").isLessThan(positionOf(onOther));
        assertThat(positionOf(onOther)).isLessThan(positionOf(stillFine));

        assertThat(held.statements()).as("the held append, then the batch of nine: one statement each")
                .hasSize(2).allMatch(sql -> sql.startsWith("SELECT append_index, outcome, marker, drawn, server_started FROM event_store_append_drawn("));
    }

    @Test
    void conditionsWithMarkersFarBehindTheHeadAreCheckedToo_besideRecentOnes() throws Exception {
        EventTag quiet = tag("incident");
        EventTag touched = tag("incident");
        EventTag recent = tag("incident");
        long old = log.append(AppendRequest.unconditional(List.of(event("test.Declared", quiet), event("test.Declared", touched))))
                .get(10, TimeUnit.SECONDS);
        StoredEvent laterOnTouched = event("test.Noted", touched);
        log.append(AppendRequest.unconditional(List.of(laterOnTouched))).get(10, TimeUnit.SECONDS);
        // More than the 1,000 positions the writer reads in one go: these two conditions are checked alone.
        List<StoredEvent> others = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            others.add(event("test.Other", tag("other")));
        }
        long head = log.append(AppendRequest.unconditional(others)).get(10, TimeUnit.SECONDS);

        HeldWriter held = heldWriter();
        PgEventLog writer = held.writer();
        CompletableFuture<Long> opening = writer.append(AppendRequest.unconditional(List.of(event("test.Opening", tag("x")))));
        StoredEvent onQuiet = event("test.Noted", quiet);
        StoredEvent onTouched = event("test.Noted", touched);
        StoredEvent onRecent = event("test.Noted", recent);
        StoredEvent onTouchedTypes = event("test.Noted", touched);
        CompletableFuture<Long> quietResult = writer.append(AppendRequest.conditional(List.of(onQuiet),
                EventFilter.of(Set.of(), Set.of(quiet)), old));
        CompletableFuture<Long> touchedResult = writer.append(AppendRequest.conditional(List.of(onTouched),
                EventFilter.of(Set.of(), Set.of(touched)), old));
        CompletableFuture<Long> recentResult = writer.append(AppendRequest.conditional(List.of(onRecent),
                EventFilter.of(Set.of(), Set.of(recent)), head));
        CompletableFuture<Long> otherTypes = writer.append(AppendRequest.conditional(List.of(onTouchedTypes),
                EventFilter.of(Set.of("test.Declared"), Set.of(touched)), old));
        held.release();
        opening.get(10, TimeUnit.SECONDS);

        assertThat(quietResult.get(10, TimeUnit.SECONDS)).as("nothing on its incident since its old marker")
                .isEqualTo(positionOf(onQuiet));
        assertConflict(touchedResult, "its incident has an event after its old marker, far behind the head");
        assertThat(recentResult.get(10, TimeUnit.SECONDS)).as("a recent marker beside them").isEqualTo(positionOf(onRecent));
        assertThat(otherTypes.get(10, TimeUnit.SECONDS)).as("the event since is not of the type it names")
                .isEqualTo(positionOf(onTouchedTypes));
        assertThat(count(onTouched)).isZero();
        assertThat(held.statements()).as("the held append, then the batch of four").hasSize(2);
    }

    @Test
    void anAppendSentAgainIsStored_evenWhenAnEarlierAppendOfItsBatchMatchesItsCondition() throws Exception {
        EventTag own = tag("incident");
        EventTag watched = tag("incident");
        // Its event is stored, then it is sent again (its answer was lost) behind an append that its condition watches.
        StoredEvent stored = event("test.Noted", own);
        long storedAt = log.append(AppendRequest.unconditional(List.of(stored))).get(10, TimeUnit.SECONDS);

        HeldWriter held = heldWriter();
        PgEventLog writer = held.writer();
        CompletableFuture<Long> opening = writer.append(AppendRequest.unconditional(List.of(event("test.Opening", tag("x")))));
        StoredEvent onWatched = event("test.Noted", watched);
        CompletableFuture<Long> watchedResult = writer.append(AppendRequest.conditional(List.of(onWatched),
                EventFilter.of(Set.of(), Set.of(watched)), storedAt));
        CompletableFuture<Long> sentAgain = writer.append(AppendRequest.conditional(List.of(stored),
                EventFilter.of(Set.of(), Set.of(watched)), storedAt));
        CompletableFuture<Long> allConflict = writer.append(AppendRequest.conditional(List.of(event("test.Noted", watched)),
                EventFilter.of(Set.of(), Set.of(watched)), storedAt));
        held.release();
        opening.get(10, TimeUnit.SECONDS);

        assertThat(watchedResult.get(10, TimeUnit.SECONDS)).isEqualTo(positionOf(onWatched));
        assertThat(sentAgain.get(10, TimeUnit.SECONDS)).as("its event is stored: a success at its position")
                .isEqualTo(storedAt);
        assertConflict(allConflict, "the first append of the batch is on the subject it watches");
        assertThat(count(stored)).isEqualTo(1);
    }

    /**
     * A writer whose first statement waits until {@link HeldWriter#release}: the appends sent meanwhile wait for the
     * writer and are written together, as one batch. A new writer has not seen where the log ends, so the database
     * checks the conditions of its first batches (what a writer decides itself: {@code WriterDecidedConditionsTest}).
     */
    private HeldWriter heldWriter() {
        Promise<Void> first = Promise.promise();
        List<String> statements = Collections.synchronizedList(new ArrayList<>());
        PgEventLog writer = new PgEventLog(InterceptingPool.wrap(pool, Future::succeededFuture, (sql, run) -> {
            statements.add(sql);
            return statements.size() == 1 ? first.future().compose(go -> run.get()) : run.get();
        }), 64, 4096, 1);
        return new HeldWriter(writer, first, statements);
    }

    private record HeldWriter(PgEventLog writer, Promise<Void> first, List<String> statements) {
        void release() {
            first.complete();
        }
    }

    private static void assertConflict(CompletableFuture<Long> append, String why) {
        assertThatThrownBy(() -> append.get(10, TimeUnit.SECONDS)).as(why)
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(AppendConflictException.class);
    }

    private long positionOf(StoredEvent event) throws Exception {
        return pool.preparedQuery("SELECT position FROM event_store_event WHERE event_id = $1")
                .execute(Tuple.of(event.eventId())).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                .iterator().next().getLong("position");
    }

    private long count(StoredEvent event) throws Exception {
        return pool.preparedQuery("SELECT count(*) AS n FROM event_store_event WHERE event_id = $1")
                .execute(Tuple.of(event.eventId())).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                .iterator().next().getLong("n");
    }

    private static EventTag tag(String key) {
        return new EventTag(key, UUID.randomUUID().toString());
    }

    private static StoredEvent event(String type, EventTag subject) {
        return new StoredEvent(UUID.randomUUID().toString(), type, "1", "{}",
                Map.of("tenant", "default", "actor", "user:test"), Set.of(subject), Instant.parse("2026-12-07T01:00:00Z"));
    }
}
