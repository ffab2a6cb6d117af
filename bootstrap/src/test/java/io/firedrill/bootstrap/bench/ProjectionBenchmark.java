package io.firedrill.bootstrap.bench;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.firedrill.adapter.persistence.pool.PlanPerCall;
import io.firedrill.adapter.persistence.eventstore.AppendRequest;
import io.firedrill.adapter.persistence.eventstore.EventFilter;
import io.firedrill.adapter.persistence.eventstore.EventTag;
import io.firedrill.adapter.persistence.eventstore.PgEventLog;
import io.firedrill.adapter.persistence.eventstore.StoredEvent;
import io.firedrill.bootstrap.config.DatabaseUrl;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The harness of deploy/bench/projections.sh, against a running Firedrill application and its database:
 * {@code templates URL} records one incident's and one action item's facts through the API (tenant
 * {@code bench-template}); {@code fill GROUPS} copies them GROUPS times under new ids (tenant {@code bench}, 20 events
 * a group, interleaved by blocks of 100 groups as a busy installation's log is); {@code read} reads the whole log the
 * way a read model does (batches of 1,000) and prints events/s; {@code rebuild URL NAME} rebuilds a read model through
 * the admin API and prints its seconds and events/s; {@code lag RATE SECONDS} appends note facts at RATE per second
 * (one event per append, as commands append) and samples every 100 ms each read model's lag (the age of the oldest
 * event past its checkpoint). Prints tab-separated lines for the script. Not a test.
 */
public final class ProjectionBenchmark {

    static final List<String> READ_MODELS = List.of("incident-list", "incident-metrics", "action-item-list");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ProjectionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        DatabaseUrl url = DatabaseUrl.parse("FIREDRILL_BENCH_DB_URL", System.getenv("FIREDRILL_BENCH_DB_URL"));
        Vertx vertx = Vertx.vertx();
        // As the application's pool: statements cached, but not those planned on every call.
        PgConnectOptions connect = PlanPerCall.configure(new PgConnectOptions().setHost(url.host()).setPort(url.port())
                .setDatabase(url.database()).setUser(url.user().orElse(null)).setPassword(url.password().orElse(null))
                .setCachePreparedStatements(true));
        Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(8)).connectingTo(connect).using(vertx).build();
        try {
            switch (args[0]) {
                case "templates" -> templates(args[1]);
                case "fill" -> fill(pool, Integer.parseInt(args[1]));
                case "read" -> read(pool);
                case "rebuild" -> rebuild(pool, args[1], args[2]);
                case "lag" -> lag(pool, Integer.parseInt(args[1]), Integer.parseInt(args[2]));
                default -> throw new IllegalArgumentException("unknown command " + args[0]);
            }
        } finally {
            pool.close();
            vertx.close();
        }
    }

    private static void templates(String base) throws Exception {
        String incident = post(base, "/api/v1/incidents", "{\"title\":\"Checkout errors\",\"severity\":\"P2\","
                + "\"services\":[\"checkout\"]}").get("id").toString();
        String at = "/api/v1/incidents/" + incident;
        post(base, at + "/acknowledge", "{}");
        for (int i = 0; i < 14; i++) {
            post(base, at + "/notes", "{\"text\":\"note " + i + "\"}");
        }
        post(base, at + "/mitigate", "{\"note\":\"rolled back\"}");
        post(base, at + "/resolve", "{}");
        String item = post(base, "/api/v1/action-items", "{\"title\":\"Add a timeout\",\"owner\":\"bob\","
                + "\"dueDate\":\"2027-03-01\",\"priority\":\"HIGH\",\"kind\":\"CORRECTIVE\",\"incidentId\":\"" + incident
                + "\"}").get("id").toString();
        post(base, "/api/v1/action-items/" + item + "/start", "{}");
        System.out.printf("templates\t%s\t%s%n", incident, item);
    }

    private static Map<?, ?> post(String base, String path, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").header("Authorization", BenchAuth.tenant()).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readValue(response.body(), Map.class);
    }

    /**
     * Copies the template facts {@code groups} times, 1,000 groups a statement: each group's incident and action item
     * get new ids, its events new event ids, in tenant {@code bench}.
     */
    private static void fill(Pool pool, int groups) throws Exception {
        String sql = "WITH template AS (SELECT position, type_name, type_version, payload::text AS payload,"
                + " metadata::text AS metadata, tags::text AS tags, event_timestamp,"
                + " (SELECT t ->> 'value' FROM jsonb_array_elements(tags) t WHERE t ->> 'key' = 'incidentId') AS incident,"
                + " (SELECT t ->> 'value' FROM jsonb_array_elements(tags) t WHERE t ->> 'key' = 'actionItemId') AS item"
                + " FROM event_store_event WHERE tenant_id = 'bench-template'),"
                + " ids AS (SELECT (SELECT max(incident) FROM template) AS incident,"
                + " (SELECT max(item) FROM template) AS item),"
                + " groups AS (SELECT g, md5('incident-' || g)::uuid::text AS incident, md5('item-' || g)::uuid::text AS item"
                + " FROM generate_series($1::int, $2::int) g)"
                + " INSERT INTO event_store_event (event_id, type_name, type_version, payload, metadata, tags, event_timestamp)"
                + " SELECT gen_random_uuid()::text, t.type_name, t.type_version,"
                + " replace(replace(t.payload, ids.incident, g.incident), ids.item, g.item)::jsonb,"
                + " replace(t.metadata, 'bench-template', 'bench')::jsonb,"
                + " replace(replace(replace(t.tags, ids.incident, g.incident), ids.item, g.item), 'bench-template', 'bench')::jsonb,"
                + " t.event_timestamp FROM groups g CROSS JOIN template t CROSS JOIN ids"
                + " ORDER BY g.g / 100, t.position, g.g";
        long started = System.nanoTime();
        for (int from = 1; from <= groups; from += 1000) {
            int to = Math.min(groups, from + 999);
            pool.preparedQuery(sql).execute(Tuple.of(from, to)).toCompletionStage().toCompletableFuture()
                    .get(300, TimeUnit.SECONDS);
        }
        long events = pool.query("SELECT count(*) FROM event_store_event").execute().toCompletionStage()
                .toCompletableFuture().get(60, TimeUnit.SECONDS).iterator().next().getLong(0);
        System.out.printf("fill\t%d\t%.1f%n", events, (System.nanoTime() - started) / 1e9);
    }

    /** Reads the whole log as a read model does, 1,000 events a statement, and prints the rate. */
    private static void read(Pool pool) throws Exception {
        PgEventLog log = new PgEventLog(pool, 64, 4096, 1);
        long started = System.nanoTime();
        long after = -1;
        long events = 0;
        while (true) {
            PgEventLog.Batch batch = log.read(EventFilter.ALL, after, Long.MAX_VALUE, 1000).get(60, TimeUnit.SECONDS);
            events += batch.events().size();
            long to = batch.events().size() == 1000 ? batch.events().getLast().position() : batch.scannedTo();
            if (to <= after) {
                break;
            }
            after = to;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("read\t%d\t%.2f\t%.0f%n", events, seconds, events / seconds);
    }

    /** Rebuilds read model {@code name} through the admin API and waits until it is live again. */
    private static void rebuild(Pool pool, String base, String name) throws Exception {
        long head = head(pool);
        long started = System.nanoTime();
        HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/projections/"
                        + name + "/rebuild")).timeout(Duration.ofSeconds(30)).header("Authorization", BenchAuth.platform()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("rebuild of " + name + " answered " + accepted.statusCode() + ": " + accepted.body());
        }
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            HttpResponse<String> list = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/projections"))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", BenchAuth.platform()).GET().build(), HttpResponse.BodyHandlers.ofString());
            List<?> items = (List<?>) JSON.readValue(list.body(), Map.class).get("items");
            Map<?, ?> item = items.stream().map(Map.class::cast).filter(i -> name.equals(i.get("name"))).findFirst()
                    .orElseThrow();
            if ("REBUILD_FAILED".equals(item.get("state"))) {
                throw new IllegalStateException("the rebuild of " + name + " failed: " + item.get("rebuild"));
            }
            return "LIVE".equals(item.get("state"));
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("rebuild\t%s\t%d\t%.2f\t%.0f%n", name, head, seconds, head / seconds);
    }

    private static long head(Pool pool) throws Exception {
        return pool.query("SELECT coalesce(max(position), 0) FROM event_store_event").execute().toCompletionStage()
                .toCompletableFuture().get(60, TimeUnit.SECONDS).iterator().next().getLong(0);
    }

    /**
     * Appends note facts on the filled incidents at {@code rate} per second for {@code seconds} (after 5 s of the same
     * as a warm-up), each its own append, and samples every 100 ms each read model's lag.
     */
    private static void lag(Pool pool, int rate, int seconds) throws Exception {
        Row template = pool.query("SELECT payload::text AS payload, metadata::text AS metadata, type_version FROM"
                        + " event_store_event WHERE tenant_id = 'bench-template' AND type_name = 'incident.NoteAdded' LIMIT 1")
                .execute().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS).iterator().next();
        String incidentOfTemplate = pool.query("SELECT t ->> 'value' FROM event_store_event, jsonb_array_elements(tags) t"
                        + " WHERE tenant_id = 'bench-template' AND t ->> 'key' = 'incidentId' LIMIT 1").execute()
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS).iterator().next().getString(0);
        int groups = pool.query("SELECT count(DISTINCT t ->> 'value') FROM event_store_event, jsonb_array_elements(tags) t"
                        + " WHERE tenant_id = 'bench' AND type_name = 'incident.IncidentDeclared' AND t ->> 'key' = 'incidentId'")
                .execute().toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS).iterator().next().getInteger(0);
        @SuppressWarnings("unchecked")
        Map<String, String> metadata = JSON.readValue(template.getString("metadata").replace("bench-template", "bench"), Map.class);
        PgEventLog log = new PgEventLog(pool, 64, 65_536, 1);
        AtomicLong appended = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Double> samples = new ArrayList<>();
        List<java.util.concurrent.CompletableFuture<?>> sampling = new ArrayList<>();
        long warmup = 5;
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(warmup + seconds);
        long tick = TimeUnit.MILLISECONDS.toNanos(10);
        long next = start;
        long nextSample = start + TimeUnit.SECONDS.toNanos(warmup);
        int perTick = Math.max(1, rate / 100);
        while (System.nanoTime() < end) {
            for (int i = 0; i < perTick; i++) {
                int group = 1 + ThreadLocalRandom.current().nextInt(groups);
                String incident = md5Uuid("incident-" + group);
                StoredEvent event = new StoredEvent(UUID.randomUUID().toString(), "incident.NoteAdded",
                        template.getString("type_version"), template.getString("payload").replace(incidentOfTemplate, incident),
                        metadata, Set.of(new EventTag("incidentId", incident), new EventTag("tenant", "bench")), Instant.now());
                log.append(AppendRequest.unconditional(List.of(event))).whenComplete((position, failure) -> {
                    if (failure == null) {
                        appended.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                    }
                });
            }
            if (System.nanoTime() >= nextSample) {
                nextSample += TimeUnit.MILLISECONDS.toNanos(100);
                sampling.add(pool.query("SELECT t.processor_name, extract(epoch FROM greatest(interval '0 seconds', clock_timestamp()"
                                + " - coalesce((SELECT recorded_at FROM event_store_event e WHERE e.position > t.position"
                                + " ORDER BY e.position LIMIT 1), clock_timestamp())))::float8 AS lag FROM (SELECT processor_name,"
                                + " min((token ->> 'globalIndex')::bigint) AS position FROM token_store_entry"
                                + " WHERE processor_name IN ('incident-list', 'incident-metrics', 'action-item-list')"
                                + " GROUP BY processor_name) t").execute()
                        .onSuccess(rows -> {
                            synchronized (samples) {
                                rows.forEach(row -> samples.add(row.getDouble("lag")));
                            }
                        })
                        .toCompletionStage().toCompletableFuture());
            }
            next += tick;
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                TimeUnit.NANOSECONDS.sleep(sleep);
            }
        }
        long measuredAppends = appended.get();
        double elapsed = (System.nanoTime() - start) / 1e9;
        java.util.concurrent.CompletableFuture.allOf(sampling.toArray(java.util.concurrent.CompletableFuture[]::new))
                .get(60, TimeUnit.SECONDS);
        double[] sorted;
        synchronized (samples) {
            sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        }
        double p50 = sorted[(int) Math.floor(0.50 * (sorted.length - 1))];
        double p99 = sorted[(int) Math.floor(0.99 * (sorted.length - 1))];
        double max = sorted[sorted.length - 1];
        System.out.printf("lag\t%.0f\t%d\t%d\t%.3f\t%.3f\t%.3f%n", measuredAppends / elapsed, failed.get(), sorted.length,
                p50, p99, max);
    }

    /** The id {@code md5(text)::uuid} gives in PostgreSQL. */
    static String md5Uuid(String text) throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("MD5").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        StringBuilder hex = new StringBuilder();
        for (byte b : digest) {
            hex.append(String.format("%02x", b));
        }
        String h = hex.toString();
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20) + "-"
                + h.substring(20);
    }
}
