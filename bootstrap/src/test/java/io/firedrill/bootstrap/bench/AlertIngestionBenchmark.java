package io.firedrill.bootstrap.bench;

import io.firedrill.bootstrap.config.DatabaseUrl;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP side of deploy/bench/alerts.sh: drives a running Firedrill with Alertmanager (v4) deliveries of
 * 100 firing alerts each, as closed-loop clients at several concurrency levels, and then waits until the
 * alert-grouping processor has turned every accepted alert into an {@code incident.AlertReceived} fact.
 * Prints tab-separated result lines that the script turns into the table of docs/benchmarks.md. Not a test:
 * the script starts the application and provides the database.
 *
 * <p>Arguments: base URL, seconds per cell, warm-up seconds, client counts (comma-separated), grouping
 * timeout in seconds. The database (for counting facts) comes from {@code FIREDRILL_BENCH_DB_URL}.
 *
 * <p>Output lines:
 * <pre>
 * cell      clients payloads alerts seconds payloads/s alerts/s p50_ms p99_ms max_ms errors backlog
 * errors    clients description
 * grouping  sent grouped seconds grouped/s incidents lag_s complete|incomplete grouped/s_in_the_last_minute
 * </pre>
 */
public final class AlertIngestionBenchmark {

    static final int ALERTS_PER_PAYLOAD = 100;
    static final int GROUPS = 50;
    private static final String ALERT_RECEIVED = "incident.AlertReceived";
    private static final String INCIDENT_DECLARED = "incident.IncidentDeclared";
    private static final Pattern FIELD = Pattern.compile("\"(id|secret)\"\\s*:\\s*\"([^\"]+)\"");

    private final URI base;
    private final DatabaseUrl database;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    /** Distinguishes this run's fingerprints from any earlier run's in the same database. */
    private final long fingerprintBase = ThreadLocalRandom.current().nextLong() & 0x7fff_ffff_0000_0000L;
    private final AtomicLong payloadsSent = new AtomicLong();
    /** When every alert of the run starts, in Alertmanager's format. */
    private final String startsAt = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS).toString();
    private URI receiver;
    private String secret;
    private long acceptedAlerts;
    private long firstPostMillis;
    private long lastAnswerMillis;

    private AlertIngestionBenchmark(URI base, DatabaseUrl database) {
        this.base = base;
        this.database = database;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            throw new IllegalArgumentException("usage: AlertIngestionBenchmark BASE_URL SECONDS WARMUP_SECONDS CLIENTS GROUPING_TIMEOUT_SECONDS");
        }
        DatabaseUrl url = DatabaseUrl.parse("FIREDRILL_BENCH_DB_URL", System.getenv("FIREDRILL_BENCH_DB_URL"));
        AlertIngestionBenchmark benchmark = new AlertIngestionBenchmark(URI.create(args[0].replaceAll("/+$", "")), url);
        Duration perCell = Duration.ofSeconds(Long.parseLong(args[1]));
        Duration warmUp = Duration.ofSeconds(Long.parseLong(args[2]));
        int[] clients = Arrays.stream(args[3].split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
        Duration groupingTimeout = Duration.ofSeconds(Long.parseLong(args[4]));

        benchmark.createIntegration();
        if (!warmUp.isZero()) {
            benchmark.cell(8, warmUp, false);
        }
        benchmark.drain(0, groupingTimeout);
        for (int n : clients) {
            benchmark.cell(n, perCell, true);
            benchmark.drain(n, groupingTimeout);
        }
        benchmark.awaitGrouping(groupingTimeout);
    }

    /** Creates the ALERTMANAGER integration the deliveries go to. */
    private void createIntegration() throws Exception {
        String body = "{\"name\":\"bench-alertmanager\",\"kind\":\"ALERTMANAGER\",\"defaultService\":\"platform\","
                + "\"severityMapping\":{\"critical\":\"P1\",\"warning\":\"P3\"}}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/integrations"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .header("Authorization", BenchAuth.tenant())
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        check(response.statusCode() == 201, "creating the integration answered " + response.statusCode() + ": " + response.body());
        String id = null;
        Matcher field = FIELD.matcher(response.body());
        while (field.find()) {
            if (field.group(1).equals("id")) {
                id = field.group(2);
            } else {
                secret = field.group(2);
            }
        }
        check(id != null && secret != null, "the created integration has no id or secret: " + response.body());
        receiver = base.resolve("/api/v1/integrations/" + id + "/alertmanager");
    }

    /** What one client saw in one cell. */
    private static final class ClientResult {
        long[] latencies = new long[4096];
        int answers;
        long acceptedPayloads;
        long lastAnswerNanos;
        final Map<String, Integer> errors = new TreeMap<>();

        void record(long nanos) {
            if (answers == latencies.length) {
                latencies = Arrays.copyOf(latencies, answers * 2);
            }
            latencies[answers++] = nanos;
        }
    }

    /** {@code clients} closed-loop senders, each posting a delivery and waiting for its answer, for {@code duration}. */
    private void cell(int clients, Duration duration, boolean report) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        long started = System.nanoTime();
        long end = started + duration.toNanos();
        if (firstPostMillis == 0) {
            firstPostMillis = System.currentTimeMillis();
        }
        List<CompletableFuture<ClientResult>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(CompletableFuture.supplyAsync(() -> {
                ClientResult result = new ClientResult();
                while (System.nanoTime() < end) {
                    HttpRequest request = HttpRequest.newBuilder(receiver)
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + secret)
                            .POST(HttpRequest.BodyPublishers.ofString(payload(payloadsSent.getAndIncrement())))
                            .build();
                    long sent = System.nanoTime();
                    String error;
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        error = response.statusCode() == 202 ? null : "HTTP " + response.statusCode();
                    } catch (java.net.http.HttpTimeoutException e) {
                        error = "timeout";
                    } catch (java.io.IOException e) {
                        error = e.getClass().getSimpleName();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                    long answered = System.nanoTime();
                    result.record(answered - sent);
                    result.lastAnswerNanos = answered;
                    if (error == null) {
                        result.acceptedPayloads++;
                    } else {
                        result.errors.merge(error, 1, Integer::sum);
                    }
                }
                return result;
            }, threads));
        }
        List<ClientResult> results = futures.stream().map(CompletableFuture::join).toList();
        threads.shutdown();
        lastAnswerMillis = System.currentTimeMillis();

        long[] all = results.stream().flatMapToLong(r -> Arrays.stream(r.latencies, 0, r.answers)).sorted().toArray();
        long accepted = results.stream().mapToLong(r -> r.acceptedPayloads).sum();
        acceptedAlerts += accepted * ALERTS_PER_PAYLOAD;
        if (!report) {
            return;
        }
        Map<String, Integer> errors = new TreeMap<>();
        results.forEach(r -> r.errors.forEach((what, n) -> errors.merge(what, n, Integer::sum)));
        int errorCount = errors.values().stream().mapToInt(Integer::intValue).sum();
        long lastAnswer = results.stream().mapToLong(r -> r.lastAnswerNanos).max().orElse(end);
        double seconds = (Math.max(lastAnswer, end) - started) / 1e9;
        long grouped = count(ALERT_RECEIVED);
        System.out.printf("cell\t%d\t%d\t%d\t%.2f\t%.1f\t%.0f\t%.1f\t%.1f\t%.1f\t%d\t%d%n", clients, accepted,
                accepted * ALERTS_PER_PAYLOAD, seconds, accepted / seconds, accepted * ALERTS_PER_PAYLOAD / seconds,
                percentile(all, 0.50) / 1e6, percentile(all, 0.99) / 1e6,
                all.length == 0 ? Double.NaN : all[all.length - 1] / 1e6, errorCount,
                Math.max(0, acceptedAlerts - grouped));
        if (errorCount > 0) {
            System.out.printf("errors\t%d\t%s%n", clients, errors);
        }
        System.out.flush();
        progress("%d clients: %.1f payloads/s, p50 %.0f ms, p99 %.0f ms, %d errors, %d alerts not yet grouped", clients,
                accepted / seconds, percentile(all, 0.50) / 1e6, percentile(all, 0.99) / 1e6, errorCount,
                Math.max(0, acceptedAlerts - grouped));
    }

    /**
     * Lets grouping catch up before the next cell, so that every cell is a burst arriving at an idle
     * application, as a burst of notifications does; reports how many alerts were grouped meanwhile and how
     * long it took: {@code drain clients grouped seconds}.
     */
    private void drain(int clients, Duration timeout) throws Exception {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        long before = count(ALERT_RECEIVED);
        long now = before;
        while (now < acceptedAlerts && System.nanoTime() < deadline) {
            Thread.sleep(200);
            now = count(ALERT_RECEIVED);
        }
        System.out.printf("drain\t%d\t%d\t%.1f%n", clients, now - before, (System.nanoTime() - started) / 1e9);
        System.out.flush();
    }

    /**
     * Waits until the grouping processor has appended an AlertReceived fact for every accepted alert (and the
     * count stops moving) or the timeout passes, then reports the end-to-end grouping rate from the first post to
     * the last fact, and the rate over the last minute of facts (grouping slows down as incidents grow).
     */
    private void awaitGrouping(Duration timeout) throws Exception {
        progress("waiting up to %d s until all %d accepted alerts are grouped", timeout.toSeconds(), acceptedAlerts);
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        long nextReport = started + 60_000_000_000L;
        long grouped = -1;
        boolean complete = false;
        while (System.nanoTime() < deadline) {
            long now = count(ALERT_RECEIVED);
            if (now >= acceptedAlerts && now == grouped) {
                complete = true;
                break;
            }
            grouped = now;
            if (System.nanoTime() >= nextReport) {
                progress("%d of %d alerts grouped", grouped, acceptedAlerts);
                nextReport += 60_000_000_000L;
            }
            Thread.sleep(2000);
        }
        long lastFactMillis;
        long incidents;
        long lastMinute;
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            grouped = count(statement, ALERT_RECEIVED);
            incidents = count(statement, INCIDENT_DECLARED);
            try (ResultSet rows = statement.executeQuery("SELECT max(recorded_at) FROM event_store_event WHERE type_name = '"
                    + ALERT_RECEIVED + "'")) {
                rows.next();
                Timestamp last = rows.getTimestamp(1);
                lastFactMillis = last == null ? System.currentTimeMillis() : last.getTime();
            }
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM event_store_event WHERE type_name = '"
                    + ALERT_RECEIVED + "' AND recorded_at > (SELECT max(recorded_at) FROM event_store_event WHERE type_name = '"
                    + ALERT_RECEIVED + "') - interval '60 seconds'")) {
                rows.next();
                lastMinute = rows.getLong(1);
            }
        }
        double seconds = (lastFactMillis - firstPostMillis) / 1000.0;
        System.out.printf("grouping\t%d\t%d\t%.1f\t%.0f\t%d\t%.1f\t%s\t%.0f%n", acceptedAlerts, grouped, seconds,
                grouped / seconds, incidents, Math.max(0, lastFactMillis - lastAnswerMillis) / 1000.0,
                complete ? "complete" : "incomplete", lastMinute / 60.0);
        progress("%d of %d alerts grouped into %d incidents, %.0f alerts/s end to end (%s)", grouped, acceptedAlerts,
                incidents, grouped / seconds, complete ? "complete" : "incomplete");
    }

    private static void progress(String format, Object... args) {
        System.err.printf("bench: " + format + "%n", args);
    }

    /** An Alertmanager v4 delivery of 100 firing alerts with fresh fingerprints, in one of {@link #GROUPS} groups. */
    private String payload(long sequence) {
        int group = ThreadLocalRandom.current().nextInt(GROUPS);
        String alertname = "BenchAlert" + group;
        String service = "svc-" + (group % 10);
        StringBuilder json = new StringBuilder(48 * 1024)
                .append("{\"version\":\"4\",\"receiver\":\"firedrill\",\"status\":\"firing\",\"groupKey\":\"{}:{alertname=\\\"")
                .append(alertname).append("\\\"}\",\"truncatedAlerts\":0,\"alerts\":[");
        for (int i = 0; i < ALERTS_PER_PAYLOAD; i++) {
            long n = sequence * ALERTS_PER_PAYLOAD + i;
            String instance = "10." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255) + ":9100";
            json.append(i == 0 ? "" : ",")
                    .append("{\"status\":\"firing\",\"labels\":{\"alertname\":\"").append(alertname)
                    .append("\",\"instance\":\"").append(instance)
                    .append("\",\"job\":\"node\",\"service\":\"").append(service)
                    .append("\",\"severity\":\"").append(i % 20 == 0 ? "critical" : "warning")
                    .append("\"},\"annotations\":{\"summary\":\"").append(alertname).append(" on ").append(instance)
                    .append("\",\"description\":\"Synthetic alert from the Firedrill ingestion benchmark.\"},")
                    .append("\"startsAt\":\"").append(startsAt).append("\",\"endsAt\":\"0001-01-01T00:00:00Z\",")
                    .append("\"generatorURL\":\"http://prometheus.example/graph?g0.expr=up\",\"fingerprint\":\"")
                    .append(String.format("%016x", fingerprintBase + n)).append("\"}");
        }
        return json.append("],\"groupLabels\":{\"alertname\":\"").append(alertname)
                .append("\"},\"commonLabels\":{\"alertname\":\"").append(alertname).append("\",\"job\":\"node\",\"service\":\"")
                .append(service).append("\"},\"commonAnnotations\":{},\"externalURL\":\"http://alertmanager.example\"}")
                .toString();
    }

    private long count(String typeName) throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            return count(statement, typeName);
        }
    }

    private static long count(Statement statement, String typeName) throws Exception {
        try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM event_store_event WHERE type_name = '" + typeName + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private Connection connect() throws Exception {
        Map<String, String> properties = database.quarkusProperties("");
        return DriverManager.getConnection(properties.get("quarkus.datasource.jdbc.url"),
                database.user().orElse(null), database.password().orElse(null));
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
