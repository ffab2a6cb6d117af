package io.firedrill.bootstrap.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.firedrill.adapter.persistence.eventstore.AppendRequest;
import io.firedrill.adapter.persistence.eventstore.EventFilter;
import io.firedrill.adapter.persistence.eventstore.EventTag;
import io.firedrill.adapter.persistence.eventstore.PersistedEvent;
import io.firedrill.adapter.persistence.eventstore.PgEventLog;
import io.firedrill.adapter.persistence.eventstore.PgEventStorageEngine;
import io.firedrill.adapter.persistence.eventstore.StoredEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.messaging.core.MessageStream;
import org.axonframework.messaging.eventhandling.EventMessage;
import org.axonframework.messaging.eventhandling.processing.streaming.token.GlobalSequenceTrackingToken;
import org.axonframework.messaging.eventhandling.processing.streaming.token.TrackingToken;
import org.axonframework.messaging.eventstreaming.EventCriteria;
import org.axonframework.messaging.eventstreaming.StreamingCondition;
import org.axonframework.messaging.eventstreaming.Tag;
import org.junit.jupiter.api.Test;

/**
 * Appends racing each other, a second "instance" holding append transactions open for seconds and
 * rolling some back, and appends that fail inside a shared batch: consumers streaming by position
 * meanwhile, one on the log and one through Axon's engine, see every committed event exactly once,
 * in position order, and nothing else.
 */
@QuarkusTest
class EventLogConcurrencyTest {

    private static final int APPENDERS = 8;
    private static final int EVENTS = 50_000;

    @Inject
    PgEventLog log;

    @Inject
    Pool pool;

    @Inject
    PgEventStorageEngine engine;

    @Inject
    Vertx vertx;

    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicInteger writersLeft = new AtomicInteger(APPENDERS + 1);

    @Test
    void aStreamingConsumerSeesEveryCommittedEventOnceInPositionOrder() throws Exception {
        EventTag run = new EventTag("run", UUID.randomUUID().toString());
        long start = log.head().get(10, TimeUnit.SECONDS);
        Set<String> committed = ConcurrentHashMap.newKeySet();
        Set<String> neverCommitted = ConcurrentHashMap.newKeySet();
        AtomicInteger written = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(APPENDERS + 3);
        try {
            CompletableFuture<List<PersistedEvent>> consumer = CompletableFuture.supplyAsync(
                    () -> consume(start, run), threads);
            CompletableFuture<List<Streamed>> axonConsumer = CompletableFuture.supplyAsync(
                    () -> consumeThroughAxon(start, run), threads);
            List<CompletableFuture<Void>> writers = new ArrayList<>();
            for (int i = 0; i < APPENDERS; i++) {
                writers.add(CompletableFuture.runAsync(() -> appendUntilDone(run, written, committed, neverCommitted), threads));
            }
            writers.add(CompletableFuture.runAsync(() -> slowForeignTransactions(run, written, committed, neverCommitted), threads));
            CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
            List<PersistedEvent> seen = consumer.get(5, TimeUnit.MINUTES);

            List<Long> positions = seen.stream().map(PersistedEvent::position).toList();
            assertThat(positions).isSorted().doesNotHaveDuplicates();
            List<String> ids = seen.stream().map(e -> e.event().eventId()).toList();
            assertThat(ids).doesNotHaveDuplicates();
            assertThat(new HashSet<>(ids)).isEqualTo(committed);
            assertThat(ids).doesNotContainAnyElementsOf(neverCommitted);
            assertThat(committed.size()).isGreaterThanOrEqualTo(EVENTS);
            assertThat(neverCommitted).isNotEmpty();

            List<Streamed> streamed = axonConsumer.get(5, TimeUnit.MINUTES);
            assertThat(streamed).extracting(Streamed::position).isSorted().doesNotHaveDuplicates();
            assertThat(streamed).extracting(Streamed::eventId).doesNotHaveDuplicates();
            assertThat(streamed.stream().map(Streamed::eventId).collect(java.util.stream.Collectors.toSet())).isEqualTo(committed);
        } finally {
            threads.shutdownNow();
        }
    }

    /** Streams in bounded batches until every event the writers committed has been seen. */
    private List<PersistedEvent> consume(long start, EventTag run) {
        List<PersistedEvent> seen = new ArrayList<>();
        long position = start;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (Instant.now().isBefore(deadline)) {
            boolean writersDone = finished.get();
            List<PersistedEvent> batch = log.read(EventFilter.ALL, position, Long.MAX_VALUE, 500).join().events();
            for (PersistedEvent event : batch) {
                position = event.position();
                if (event.event().tags().contains(run)) {
                    seen.add(event);
                }
            }
            // Every writer had finished before this read, and it found nothing new: a missing event
            // is missed for good, which the assertions on the result report.
            if (batch.isEmpty() && writersDone) {
                return seen;
            }
        }
        throw new AssertionError("the writers did not finish in time; the consumer saw " + seen.size() + " events");
    }

    private void appendUntilDone(EventTag run, AtomicInteger written, Set<String> committed, Set<String> neverCommitted) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try {
            while (written.get() < EVENTS) {
                int size = 1 + random.nextInt(10);
                boolean poisoned = random.nextInt(100) == 0;
                List<StoredEvent> events = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    // An invalid JSON payload fails inside the shared batch transaction, after other
                    // rows of the batch were inserted: those positions are rolled back.
                    String payload = poisoned && i == size - 1 ? "{not json" : "{\"n\":" + i + "}";
                    events.add(event(run, payload));
                }
                try {
                    log.append(AppendRequest.unconditional(events)).get(30, TimeUnit.SECONDS);
                    events.forEach(e -> committed.add(e.eventId()));
                    written.addAndGet(size);
                } catch (ExecutionException failed) {
                    assertThat(poisoned).as("only poisoned appends fail: " + failed.getCause()).isTrue();
                    events.forEach(e -> neverCommitted.add(e.eventId()));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            writerDone();
        }
    }

    /**
     * Another Firedrill instance, as it appends: lock, insert, then keep the transaction open for up
     * to two seconds before committing or rolling back.
     */
    private void slowForeignTransactions(EventTag run, AtomicInteger written, Set<String> committed,
                                         Set<String> neverCommitted) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try {
            for (int round = 0; round < 6 && written.get() < EVENTS; round++) {
                boolean rollBack = round % 2 == 1;
                List<StoredEvent> events = List.of(event(run, "{}"), event(run, "{}"), event(run, "{}"));
                long holdMs = 500 + random.nextInt(1500);
                Future<Void> transaction = pool.withTransaction(connection -> connection
                        .query("SELECT pg_advisory_xact_lock(" + 0x4649524544524946L + ")").execute()
                        .compose(locked -> connection.preparedQuery("INSERT INTO event_store_event"
                                        + " (event_id, type_name, type_version, payload, metadata, tags, event_timestamp)"
                                        + " VALUES ($1, 'test.Foreign', '1', '{}'::jsonb, '{}'::jsonb, $2::text::jsonb, $3)")
                                .executeBatch(events.stream().map(e -> Tuple.of(e.eventId(),
                                        "[{\"key\":\"run\",\"value\":\"" + run.value() + "\"}]",
                                        OffsetDateTime.ofInstant(e.timestamp(), ZoneOffset.UTC))).toList()))
                        .compose(inserted -> vertx.timer(holdMs))
                        .compose(held -> rollBack
                                ? Future.<Void>failedFuture(new IllegalStateException("rolled back on purpose"))
                                : Future.<Void>succeededFuture()));
                try {
                    transaction.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                    events.forEach(e -> committed.add(e.eventId()));
                } catch (ExecutionException rolledBack) {
                    assertThat(rollBack).isTrue();
                    events.forEach(e -> neverCommitted.add(e.eventId()));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            writerDone();
        }
    }

    record Streamed(long position, String eventId) {
    }

    /**
     * The same stream as Axon's processors read it: the engine's {@code stream}, filtered to this run
     * by tag in SQL, until it has delivered the last event of the run.
     */
    private List<Streamed> consumeThroughAxon(long start, EventTag run) {
        MessageStream<EventMessage> stream = engine.stream(StreamingCondition.conditionFor(
                new GlobalSequenceTrackingToken(start), EventCriteria.havingTags(Tag.of(run.key(), run.value()))), null);
        Semaphore signal = new Semaphore(0);
        stream.setCallback(signal::release);
        List<Streamed> seen = new ArrayList<>();
        long last = start;
        Long target = null;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        try {
            while (Instant.now().isBefore(deadline)) {
                Optional<MessageStream.Entry<EventMessage>> entry = stream.next();
                if (entry.isPresent()) {
                    last = TrackingToken.fromContext(entry.get()).orElseThrow().position().orElseThrow();
                    seen.add(new Streamed(last, entry.get().message().identifier()));
                    continue;
                }
                if (target == null && finished.get()) {
                    target = lastPositionOf(run);
                }
                if (target != null && last >= target) {
                    return seen;
                }
                signal.tryAcquire(50, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stream.close();
        }
        throw new AssertionError("the Axon stream delivered " + seen.size() + " events, not reaching position " + target);
    }

    private long lastPositionOf(EventTag run) {
        String tags = "[{\"key\":\"" + run.key() + "\",\"value\":\"" + run.value() + "\"}]";
        return pool.preparedQuery("SELECT coalesce(max(position), 0) AS last FROM event_store_event WHERE tags @> $1::text::jsonb")
                .execute(Tuple.of(tags)).toCompletionStage().toCompletableFuture().join()
                .iterator().next().getLong("last");
    }

    private void writerDone() {
        if (writersLeft.decrementAndGet() == 0) {
            finished.set(true);
        }
    }

    private static StoredEvent event(EventTag run, String payload) {
        return new StoredEvent(UUID.randomUUID().toString(), "test.Counted", "1", payload,
                Map.of("tenant", "default", "actor", "user:test"), Set.of(run, new EventTag("kind", "concurrency")),
                Instant.parse("2026-11-22T10:00:00Z"));
    }
}
