package io.firedrill.bootstrap.bench;

import io.firedrill.adapter.persistence.pool.PlanPerCall;
import io.firedrill.adapter.persistence.eventstore.PgEventLog;
import io.firedrill.adapter.persistence.eventstore.PgEventStorageEngine;
import io.firedrill.adapter.persistence.eventstore.StoredPayloadMapper;
import io.firedrill.application.port.in.CommandContext;
import io.firedrill.application.port.in.CommandMetadata;
import io.firedrill.application.slice.CommandSettings;
import io.firedrill.application.slice.Slices;
import io.firedrill.bootstrap.axon.CaffeineMaps;
import io.firedrill.bootstrap.config.DatabaseUrl;
import io.firedrill.domain.alert.Alert;
import io.firedrill.domain.alert.AlertStatus;
import io.firedrill.domain.alert.AutoResolvePolicy;
import io.firedrill.domain.incident.GroupingDecision;
import io.firedrill.domain.incident.IncidentCommand.AddNote;
import io.firedrill.domain.incident.IncidentCommand.DeclareIncident;
import io.firedrill.domain.incident.IncidentCommand.RecordAlerts;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.incident.IncidentNumber;
import io.firedrill.domain.shared.Actor;
import io.firedrill.domain.shared.Severity;
import io.firedrill.domain.shared.Source;
import io.firedrill.domain.shared.TenantId;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.axonframework.common.configuration.AxonConfiguration;
import org.axonframework.conversion.Converter;
import org.axonframework.conversion.json.JacksonConverter;
import org.axonframework.eventsourcing.eventstore.AppendCondition;
import org.axonframework.eventsourcing.eventstore.ConsistencyMarker;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.GenericTaggedEventMessage;
import org.axonframework.eventsourcing.eventstore.SourcingCondition;
import org.axonframework.eventsourcing.eventstore.TaggedEventMessage;
import org.axonframework.messaging.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.core.MessageStream;
import org.axonframework.messaging.core.MessageType;
import org.axonframework.messaging.core.Metadata;
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
        // As the application's pool: statements cached, but not those planned on every call.
        PgConnectOptions connect = PlanPerCall.configure(new PgConnectOptions().setHost(url.host()).setPort(url.port())
                .setDatabase(url.database()).setUser(url.user().orElse(null)).setPassword(url.password().orElse(null))
                .setCachePreparedStatements(true));
        Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(8)).connectingTo(connect).using(vertx).build();
        try {
            EventStoreBenchmark benchmark = new EventStoreBenchmark(vertx, pool);
            switch (command) {
                case "appends" -> benchmark.appends(Duration.ofSeconds(Long.parseLong(args[1])), Path.of(args[2]), Path.of(args[3]));
                case "conditional" -> benchmark.conditionalAppends(Duration.ofSeconds(Long.parseLong(args[1])), Path.of(args[2]),
                        Path.of(args[3]));
                case "source" -> benchmark.source(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
                case "catchup" -> benchmark.catchUp(Integer.parseInt(args[1]));
                case "commands" -> benchmark.commands(Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                        Integer.parseInt(args[3]));
                default -> throw new IllegalArgumentException("unknown command " + command);
            }
        } finally {
            pool.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * The cost of a command on an incident holding {@code alerts} alert facts against one on a freshly declared
     * incident, through Axon's command gateway and the application's command handlers, with the subject-state cache
     * (the shipped default) and without it (every command sources its incident's whole history). One client, one
     * command at a time: {@code rounds} rounds, each sending {@code perRound} notes to each incident, the big and the
     * fresh one in turns, with and without the cache in turns. Prints one line per side: the median and p99 latency of
     * a note on the big incident and on the fresh one.
     */
    private void commands(int alerts, int rounds, int perRound) throws Exception {
        ExecutorService folds = Executors.newFixedThreadPool(2);
        Clock clock = Clock.systemUTC();
        Map<String, AxonConfiguration> sides = new LinkedHashMap<>();
        // As AxonRuntime configures the application: this engine, the stored-payload converter.
        Converter converter = new JacksonConverter(StoredPayloadMapper.create());
        for (long cachedEvents : new long[] {CommandSettings.DEFAULT_CACHED_EVENTS, 0}) {
            sides.put(cachedEvents == 0 ? "uncached" : "cached", Slices.load()
                    .configurer(new CommandSettings(clock, cachedEvents, folds, new CaffeineMaps()))
                    .registerEventStorageEngine(ignored -> engine)
                    .componentRegistry(registry -> registry.registerComponent(Converter.class, ignored -> converter))
                    .start());
        }
        try {
            CommandGateway seeding = sides.get("cached").getComponent(CommandGateway.class);
            Metadata context = CommandMetadata.of(new CommandContext(new TenantId("default"), Actor.user("bench"), Source.API,
                    null, null, null));
            IncidentId big = declare(seeding, context, "big");
            IncidentId fresh = declare(seeding, context, "fresh");
            for (int from = 0; from < alerts; from += 100) {
                List<Alert> batch = new ArrayList<>();
                for (int a = from; a < Math.min(alerts, from + 100); a++) {
                    batch.add(new Alert("fp-" + a, AlertStatus.FIRING, "HighErrorRate", "5xx above 2 %", Severity.P2,
                            "severity=P2 → P2", List.of("checkout"), Map.of("alertname", "HighErrorRate", "n", "" + a),
                            Map.of("summary", "5xx above 2 %"), Instant.now(), null, null));
                }
                seeding.send(new RecordAlerts(big, Actor.user("bench"), "bench-integration", "default", "bench",
                        GroupingDecision.JOINED_BY_KEY, batch, AutoResolvePolicy.NOTE_ONLY, Instant.now()), context)
                        .getResultMessage().get(60, TimeUnit.SECONDS);
            }
            Map<String, List<Long>> latencies = new LinkedHashMap<>();
            for (int round = -1; round < rounds; round++) { // round -1 warms both sides up and is not counted
                for (Map.Entry<String, AxonConfiguration> side : sides.entrySet()) {
                    CommandGateway gateway = side.getValue().getComponent(CommandGateway.class);
                    for (int i = 0; i < perRound; i++) {
                        for (IncidentId incident : List.of(big, fresh)) {
                            long started = System.nanoTime();
                            gateway.send(new AddNote(incident, Actor.user("bench"), "still looking", false, null), context)
                                    .getResultMessage().get(60, TimeUnit.SECONDS);
                            long took = System.nanoTime() - started;
                            if (round >= 0) {
                                latencies.computeIfAbsent(side.getKey() + (incident == big ? "\tbig" : "\tfresh"),
                                        key -> new ArrayList<>()).add(took);
                            }
                        }
                    }
                }
            }
            for (Map.Entry<String, List<Long>> cell : latencies.entrySet()) {
                long[] sorted = cell.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
                System.out.printf("commands\t%s\t%d\t%.2f\t%.2f%n", cell.getKey(), sorted.length,
                        percentile(sorted, 0.5) / 1e6, percentile(sorted, 0.99) / 1e6);
            }
        } finally {
            sides.values().forEach(AxonConfiguration::shutdown);
            folds.shutdown();
        }
    }

    private static IncidentId declare(CommandGateway gateway, Metadata context, String title) throws Exception {
        IncidentId id = IncidentId.of(UUID.randomUUID().toString());
        gateway.send(new DeclareIncident(id, IncidentNumber.of(2026, (int) (System.nanoTime() % 900_000) + 1), title, null,
                Severity.P2, List.of("checkout"), null, Set.of(), null, false, Actor.user("bench"), null), context)
                .getResultMessage().get(60, TimeUnit.SECONDS);
        return id;
    }

    /** Rounds per cell: pgbench and Firedrill take turns, so that both meet the machine in the same state. */
    private static final int ROUNDS = 5;

    /**
     * The grid of append measurements, in one JVM after a warm-up, so that the figures describe a
     * running server rather than a cold JIT. Each cell alternates {@link #ROUNDS} rounds of pgbench
     * (script {@code rows<N>.sql} in {@code work}) and of Firedrill, each a fifth of {@code perCell}:
     * on a shared machine whose speed drifts by the minute, measuring all of one and then all of the
     * other would compare two different machines.
     */
    private void appends(Duration perCell, Path pgbench, Path work) throws Exception {
        append(8, 1, Duration.ofSeconds(5));
        Duration perRound = Duration.ofSeconds(Math.max(1, perCell.toSeconds() / ROUNDS));
        for (int perAppend : new int[] {1, 10}) {
            for (int clients : new int[] {1, 8, 32}) {
                List<Cell> ours = new ArrayList<>();
                List<Cell> theirs = new ArrayList<>();
                for (int round = 0; round < ROUNDS; round++) {
                    theirs.add(pgbench(pgbench, work, clients, perAppend, perRound, "pgblog-" + clients + "-" + perAppend + "-" + round));
                    ours.add(append(clients, perAppend, perRound));
                }
                print("append", clients, perAppend, ours, theirs);
            }
        }
        conditionalAppends(perCell, pgbench, work);
    }

    /** The command path's real shape: one event on the client's own subject, conditioned on the subject's marker. */
    private void conditionalAppends(Duration perCell, Path pgbench, Path work) throws Exception {
        Duration perRound = Duration.ofSeconds(Math.max(1, perCell.toSeconds() / ROUNDS));
        for (int clients : new int[] {8, 32}) {
            List<Cell> ours = new ArrayList<>();
            List<Cell> theirs = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                theirs.add(pgbench(pgbench, work, clients, 1, perRound, "pgblog-conditional-" + clients + "-" + round));
                ours.add(appendConditional(clients, perRound));
            }
            print("conditional", clients, 1, ours, theirs);
        }
    }

    private static void print(String kind, int clients, int perAppend, List<Cell> ours, List<Cell> theirs) {
        double[] ratios = new double[ours.size()];
        for (int round = 0; round < ours.size(); round++) {
            ratios[round] = ours.get(round).rate() / theirs.get(round).rate();
        }
        Cell firedrill = Cell.merge(ours);
        Cell pg = Cell.merge(theirs);
        System.out.printf("%s\t%d\t%d\t%.1f\t%.2f\t%.2f\t%.1f\t%.2f\t%.2f\t%.2f\t%.2f%n", kind, clients, perAppend,
                firedrill.rate(), firedrill.percentileMs(0.50), firedrill.percentileMs(0.99),
                pg.rate(), pg.percentileMs(0.50), pg.percentileMs(0.99),
                Arrays.stream(ratios).min().orElseThrow(), Arrays.stream(ratios).max().orElseThrow());
    }

    /**
     * {@code clients} appenders, each appending one event at a time to a subject of its own, conditioned on nothing
     * having been appended to that subject since its last append (the marker that append returned), as a command
     * appends after sourcing its subject; for {@code duration}.
     */
    private Cell appendConditional(int clients, Duration duration) throws Exception {
        return closedLoop(clients, duration, () -> {
            Tag subject = Tag.of("benchSubject", UUID.randomUUID().toString());
            EventCriteria criteria = EventCriteria.havingTags(subject);
            ConsistencyMarker[] marker = {ConsistencyMarker.ORIGIN};
            return () -> marker[0] = appendNow(AppendCondition.withCriteria(criteria).withMarker(marker[0]), events(1, subject));
        });
    }

    /**
     * {@code clients} threads, each running the step {@code client} makes for it, one after the other, for
     * {@code duration}: the rate of steps and their latencies.
     */
    private static Cell closedLoop(int clients, Duration duration, Supplier<Runnable> client) {
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        long end = System.nanoTime() + duration.toNanos();
        List<CompletableFuture<long[]>> results = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            results.add(CompletableFuture.supplyAsync(() -> {
                Runnable step = client.get();
                long[] latencies = new long[1 << 20];
                int n = 0;
                while (System.nanoTime() < end && n < latencies.length) {
                    long started = System.nanoTime();
                    step.run();
                    latencies[n++] = System.nanoTime() - started;
                }
                return Arrays.copyOf(latencies, n);
            }, threads));
        }
        long[] all = results.stream().map(CompletableFuture::join).flatMapToLong(Arrays::stream).sorted().toArray();
        threads.shutdown();
        return new Cell(all.length / (duration.toNanos() / 1e9), all);
    }

    /** Transactions (or appends) per second over a round, and their latencies in nanoseconds. */
    private record Cell(double rate, long[] latencies) {

        static Cell merge(List<Cell> rounds) {
            double rate = rounds.stream().mapToDouble(Cell::rate).average().orElseThrow();
            long[] all = rounds.stream().flatMapToLong(cell -> Arrays.stream(cell.latencies())).sorted().toArray();
            return new Cell(rate, all);
        }

        double percentileMs(double p) {
            return percentile(latencies, p) / 1e6;
        }
    }

    /**
     * One pgbench round: {@code -M prepared -c clients} running {@code rows<perAppend>.sql} for {@code duration};
     * the rate is pgbench's own (without connection time), latencies come from its per-transaction log.
     */
    private static Cell pgbench(Path pgbench, Path work, int clients, int perAppend, Duration duration, String logPrefix)
            throws Exception {
        Path output = work.resolve(logPrefix + ".out");
        Process process = new ProcessBuilder(pgbench.toString(), "-n", "-M", "prepared", "-c", Integer.toString(clients),
                "-j", Integer.toString(clients < 2 ? 1 : 2), "-T", Long.toString(duration.toSeconds()),
                "-f", work.resolve("rows" + perAppend + ".sql").toString(), "--log", "--log-prefix=" + work.resolve(logPrefix))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("pgbench failed: " + Files.readString(output));
        }
        double tps = Files.readAllLines(output).stream()
                .filter(line -> line.startsWith("tps = ") && line.contains("without initial connection time"))
                .mapToDouble(line -> Double.parseDouble(line.substring(6, line.indexOf(' ', 6))))
                .findFirst().orElseThrow(() -> new IllegalStateException("no tps in pgbench output: " + output));
        List<Long> latencies = new ArrayList<>();
        try (var logs = Files.newDirectoryStream(work, logPrefix + ".[0-9]*")) {
            for (Path log : logs) {
                // client_id transaction_no latency_us script_no epoch_s epoch_us
                Files.readAllLines(log).forEach(line -> latencies.add(Long.parseLong(line.split(" ")[2]) * 1_000));
                Files.delete(log);
            }
        }
        return new Cell(tps, latencies.stream().mapToLong(Long::longValue).sorted().toArray());
    }

    /** {@code clients} appenders, each appending {@code perAppend} events and waiting for the commit, for {@code duration}. */
    private Cell append(int clients, int perAppend, Duration duration) throws Exception {
        Tag tag = Tag.of("bench", "append");
        return closedLoop(clients, duration, () -> () -> appendNow(events(perAppend, tag)));
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
        appendNow(AppendCondition.none(), events);
    }

    /** Appends under {@code condition} and answers the consistency marker after the append. */
    private ConsistencyMarker appendNow(AppendCondition condition, List<TaggedEventMessage<?>> events) {
        return engine.appendEvents(condition, null, events)
                .thenCompose(EventStoreBenchmark::commit)
                .orTimeout(60, TimeUnit.SECONDS)
                .join();
    }

    private static <R> CompletableFuture<ConsistencyMarker> commit(EventStorageEngine.AppendTransaction<R> transaction) {
        return transaction.commit(null).thenCompose(result -> transaction.afterCommit(result, null));
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
