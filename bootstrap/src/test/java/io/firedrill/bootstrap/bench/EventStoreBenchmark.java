package io.firedrill.bootstrap.bench;

import io.firedrill.adapter.persistence.eventstore.PgEventLog;
import io.firedrill.adapter.persistence.eventstore.PgEventStorageEngine;
import io.firedrill.bootstrap.config.DatabaseUrl;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventsourcing.eventstore.AppendCondition;
import org.axonframework.eventsourcing.eventstore.GenericTaggedEventMessage;
import org.axonframework.eventsourcing.eventstore.SourcingCondition;
import org.axonframework.eventsourcing.eventstore.TaggedEventMessage;
import org.axonframework.messaging.core.MessageStream;
import org.axonframework.messaging.core.MessageType;
import org.axonframework.messaging.eventhandling.EventMessage;
import org.axonframework.messaging.eventhandling.GenericEventMessage;
import org.axonframework.messaging.eventhandling.processing.streaming.token.GlobalSequenceTrackingToken;
import org.axonframework.messaging.eventstreaming.EventCriteria;
import org.axonframework.messaging.eventstreaming.StreamingCondition;
import org.axonframework.messaging.eventstreaming.Tag;
import org.flywaydb.core.Flyway;

/**
 * The event store side of deploy/bench/event-store.sh: appends through the Axon engine at several
 * concurrency levels, sourcing against a raw SELECT of the same rows, and streaming catch-up. Prints
 * tab-separated result lines that the script turns into the table of docs/benchmarks.md. Not a test:
 * it is run by the script, against a database the script provides.
 */
public final class EventStoreBenchmark {

    private static final Map<String, String> METADATA =
            Map.of("tenant", "default", "actor", "user/bench", "source", "API", "correlationId", "c");

    private final Pool pool;
    private final PgEventStorageEngine engine;

    private EventStoreBenchmark(Vertx vertx, Pool pool) {
        this.pool = pool;
        // The shipped defaults, except a queue that holds every client of the largest cell.
        this.engine = new PgEventStorageEngine(
                new PgEventLog(pool, Integer.parseInt(PgEventLog.DEFAULT_APPEND_BATCH), 65_536,
                        Integer.parseInt(System.getenv().getOrDefault("FIREDRILL_EVENT_STORE_APPEND_WRITERS",
                                PgEventLog.DEFAULT_APPEND_WRITERS))), vertx,
                Integer.parseInt(PgEventStorageEngine.DEFAULT_READ_BATCH),
                Long.parseLong(PgEventStorageEngine.DEFAULT_POLL_INTERVAL_MS));
    }

    public static void main(String[] args) throws Exception {
        DatabaseUrl url = DatabaseUrl.parse("FIREDRILL_BENCH_DB_URL", System.getenv("FIREDRILL_BENCH_DB_URL"));
        String command = args[0];
        if (command.equals("migrate")) {
            Flyway.configure()
                    .dataSource("jdbc:postgresql://" + url.host() + ":" + url.port() + "/" + url.database(),
                            url.user().orElse(null), url.password().orElse(null))
                    .locations("classpath:db/migration")
                    .load().migrate();
            return;
        }
        Vertx vertx = Vertx.vertx();
        PgConnectOptions connect = new PgConnectOptions().setHost(url.host()).setPort(url.port())
                .setDatabase(url.database()).setUser(url.user().orElse(null)).setPassword(url.password().orElse(null))
                .setCachePreparedStatements(true);
        Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(8)).connectingTo(connect).using(vertx).build();
        try {
            EventStoreBenchmark benchmark = new EventStoreBenchmark(vertx, pool);
            switch (command) {
                case "appends" -> benchmark.appends(Duration.ofSeconds(Long.parseLong(args[1])));
                case "source" -> benchmark.source(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
                case "catchup" -> benchmark.catchUp(Integer.parseInt(args[1]));
                default -> throw new IllegalArgumentException("unknown command " + command);
            }
        } finally {
            pool.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * The grid of append measurements, in one JVM after a warm-up, so that the figures describe a
     * running server rather than a cold JIT.
     */
    private void appends(Duration perCell) throws Exception {
        append(8, 1, Duration.ofSeconds(5), false);
        for (int perAppend : new int[] {1, 10}) {
            for (int clients : new int[] {1, 8, 32}) {
                append(clients, perAppend, perCell, true);
            }
        }
    }

    /** {@code clients} appenders, each appending {@code perAppend} events and waiting for the commit, for {@code duration}. */
    private void append(int clients, int perAppend, Duration duration, boolean report) throws Exception {
        Tag tag = Tag.of("bench", "append");
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        long end = System.nanoTime() + duration.toNanos();
        List<CompletableFuture<long[]>> results = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            results.add(CompletableFuture.supplyAsync(() -> {
                long[] latencies = new long[1 << 20];
                int n = 0;
                while (System.nanoTime() < end && n < latencies.length) {
                    long started = System.nanoTime();
                    appendNow(events(perAppend, tag));
                    latencies[n++] = System.nanoTime() - started;
                }
                return Arrays.copyOf(latencies, n);
            }, threads));
        }
        long[] all = results.stream().map(CompletableFuture::join).flatMapToLong(Arrays::stream).sorted().toArray();
        threads.shutdown();
        double seconds = duration.toNanos() / 1e9;
        if (report) {
            System.out.printf("append\t%d\t%d\t%.1f\t%.2f\t%.2f%n", clients, perAppend, all.length / seconds,
                    percentile(all, 0.50) / 1e6, percentile(all, 0.99) / 1e6);
        }
    }

    /** Sources a stream of {@code size} events {@code rounds} times, and selects the same rows as many times, after a warm-up. */
    private void source(int size, int rounds) throws Exception {
        Tag tag = Tag.of("bench-source", Long.toString(System.nanoTime()));
        for (int first = 0; first < size; first += 1000) {
            appendNow(events(Math.min(1000, size - first), tag));
        }
        long[] sourced = new long[rounds];
        long[] selected = new long[rounds];
        String tags = "[{\"key\":\"" + tag.key() + "\",\"value\":\"" + tag.value() + "\"}]";
        // the first rounds warm the JIT up and are not counted
        int warmUp = 5;
        for (int round = -warmUp; round < rounds; round++) {
            int r = Math.max(round, 0);
            long started = System.nanoTime();
            int count = drain(engine.source(SourcingCondition.conditionFor(EventCriteria.havingTags(tag)), null), Integer.MAX_VALUE);
            sourced[r] = System.nanoTime() - started;
            check(count == size + 1, "sourced " + count + " entries, expected " + (size + 1));

            started = System.nanoTime();
            int rows = pool.preparedQuery("SELECT position, event_id, type_name, type_version, payload::text, metadata::text,"
                            + " tags::text, event_timestamp FROM event_store_event WHERE tags @> $1::text::jsonb ORDER BY position")
                    .execute(Tuple.of(tags)).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS).size();
            selected[r] = System.nanoTime() - started;
            check(rows == size, "selected " + rows + " rows, expected " + size);
        }
        Arrays.sort(sourced);
        Arrays.sort(selected);
        System.out.printf("source\t%d\t%.2f\t%.2f%n", size, percentile(sourced, 0.5) / 1e6, percentile(selected, 0.5) / 1e6);
    }

    /** Fills the log to {@code total} events, then streams all of it from the start. */
    private void catchUp(int total) throws Exception {
        Row head = pool.query("SELECT count(*) AS n FROM event_store_event").execute()
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS).iterator().next();
        long existing = head.getLong("n");
        Tag tag = Tag.of("bench", "catchup");
        Semaphore inFlight = new Semaphore(8);
        List<CompletableFuture<?>> appends = new ArrayList<>();
        for (long stored = existing; stored < total; stored += 1000) {
            inFlight.acquire();
            appends.add(engine.appendEvents(AppendCondition.none(), null, events((int) Math.min(1000, total - stored), tag))
                    .thenCompose(transaction -> transaction.commit(null))
                    .whenComplete((ignored, failure) -> inFlight.release()));
        }
        CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.MINUTES);
        long events = pool.query("SELECT count(*) AS n FROM event_store_event").execute()
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS).iterator().next().getLong("n");

        long started = System.nanoTime();
        MessageStream<EventMessage> stream = engine.stream(StreamingCondition.startingFrom(new GlobalSequenceTrackingToken(-1)), null);
        int count = drain(stream, (int) events);
        stream.close();
        double seconds = (System.nanoTime() - started) / 1e9;
        check(count == events, "streamed " + count + " of " + events);
        System.out.printf("catchup\t%d\t%.1f\t%.0f%n", events, seconds, events / seconds);
    }

    private void appendNow(List<TaggedEventMessage<?>> events) {
        engine.appendEvents(AppendCondition.none(), null, events)
                .thenCompose(transaction -> transaction.commit(null))
                .orTimeout(60, TimeUnit.SECONDS)
                .join();
    }

    private static List<TaggedEventMessage<?>> events(int count, Tag tag) {
        List<TaggedEventMessage<?>> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(new GenericTaggedEventMessage<>(new GenericEventMessage(new MessageType("bench.Noted", "1"),
                    Map.of("n", i, "text", "a note of moderate length"), METADATA), Set.of(tag)));
        }
        return events;
    }

    /** Takes entries until the stream completes or {@code limit} were taken; returns how many. */
    private static int drain(MessageStream<EventMessage> stream, int limit) throws InterruptedException {
        Semaphore signal = new Semaphore(0);
        stream.setCallback(signal::release);
        int count = 0;
        while (count < limit) {
            if (stream.next().isPresent()) {
                count++;
            } else if (stream.error().isPresent()) {
                throw new IllegalStateException(stream.error().get());
            } else if (stream.isCompleted()) {
                return count;
            } else {
                signal.tryAcquire(10, TimeUnit.MILLISECONDS);
            }
        }
        return count;
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
