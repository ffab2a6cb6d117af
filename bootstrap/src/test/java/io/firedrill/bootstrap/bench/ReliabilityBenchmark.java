package io.firedrill.bootstrap.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firedrill.bootstrap.config.DatabaseUrl;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client side of deploy/bench/reliability.sh: drives one or more running Firedrill instances while the script
 * kills, freezes or restarts them or their database, and checks afterwards, against the facts stored in the event
 * log, that every acknowledged command was stored exactly once. Not a test: the script starts the processes and
 * injects the faults; this class only sends requests, classifies the answers and reads the database.
 *
 * <p>Modes (the database comes from {@code FIREDRILL_BENCH_DB_URL}):
 * <ul>
 * <li>{@code load SCENARIO URLS CLIENTS SECONDS SETTLE_SECONDS ROUTING}: closed-loop clients, half the requests
 *     an incident declaration, a quarter a note on one of the run's incidents, a quarter a list read; every command
 *     with its own {@code Idempotency-Key}. A command that did not get a 2xx is re-sent with the same key (after
 *     its {@code Retry-After}, with jitter) until it is acknowledged, also after the load ends, for up to
 *     SETTLE_SECONDS. ROUTING {@code any} sends to the URLs in turn; {@code ready} sends only to instances whose
 *     readiness probe answered 200 in the last 100 ms, to the one with the fewest outstanding requests, as a load
 *     balancer does, and moves to the next instance when a connection fails.</li>
 * <li>{@code fuzz URL}: malformed requests against every operation of the OpenAPI document.</li>
 * <li>{@code bodies URL CLIENTS SECONDS}: 10 MiB bodies to an alert receiver with a wrong credential and to a
 *     command endpoint, with and without {@code Content-Length}.</li>
 * <li>{@code items URL COUNT} creates action items due tomorrow; {@code items-check PREFIX} counts their due-soon
 *     facts (the reminder job must record exactly one per item, however many instances run it).</li>
 * </ul>
 *
 * <p>Output: tab-separated lines, {@code result}, {@code answer}, {@code fuzz}, {@code offender}, {@code items},
 * read by the script.
 */
public final class ReliabilityBenchmark {

    private static final String DECLARED = "incident.IncidentDeclared";
    private static final String NOTE_ADDED = "incident.NoteAdded";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Requests each client sends to {@code /q/health/live} before a load's clock starts, all clients at once: its
     * connection is open before the first measured request (every load phase runs in a new JVM, and opening 256
     * connections at once is not what the figures are about).
     */
    private static final int WARM_UP_REQUESTS = 20;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final DatabaseUrl database;

    private ReliabilityBenchmark(DatabaseUrl database) {
        this.database = database;
    }

    public static void main(String[] args) throws Exception {
        DatabaseUrl url = DatabaseUrl.parse("FIREDRILL_BENCH_DB_URL", System.getenv("FIREDRILL_BENCH_DB_URL"));
        ReliabilityBenchmark benchmark = new ReliabilityBenchmark(url);
        switch (args.length == 0 ? "" : args[0]) {
            case "load" -> {
                check(args.length == 7 || args.length == 8,
                        "usage: load SCENARIO URLS CLIENTS SECONDS SETTLE_SECONDS any|ready [RAMP_MILLIS]");
                benchmark.load(args[1], urls(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                        Integer.parseInt(args[5]), args[6].equals("ready"), args.length == 8 ? Long.parseLong(args[7]) : 1000);
            }
            case "fuzz" -> benchmark.fuzz(URI.create(args[1]));
            case "bodies" -> benchmark.bodies(URI.create(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "items" -> benchmark.items(URI.create(args[1]), args[2], Integer.parseInt(args[3]));
            case "items-check" -> benchmark.itemsCheck(args[1]);
            default -> throw new IllegalArgumentException("usage: ReliabilityBenchmark load|fuzz|bodies|items|items-check ...");
        }
        System.exit(0);
    }

    private static List<URI> urls(String list) {
        return Arrays.stream(list.split(",")).map(URI::create).toList();
    }

    // ------------------------------------------------------------------------------------------------ load

    /** One answer (or failure to get one) to one request. */
    private record Outcome(long sentNanos, long answeredNanos, int status, String cause, boolean problem,
                           boolean retryAfter, String location) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        long millis() {
            return TimeUnit.NANOSECONDS.toMillis(answeredNanos - sentNanos);
        }
    }

    /** A keyed command a client sends until it is acknowledged: its key, the fact type it records, and the request. */
    private record Command(String key, String factType, Function<URI, HttpRequest> request) {
    }

    /** @param rampMillis clients join over this long from the start (0: all at once, a burst) */
    private void load(String scenario, List<URI> bases, int clients, int seconds, int settleSeconds, boolean readyOnly,
                      long rampMillis) throws Exception {
        String run = scenario + "-" + Long.toString(System.currentTimeMillis(), 36);
        Router router = new Router(bases, readyOnly);
        router.start();
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        Map<String, String> acknowledged = new ConcurrentHashMap<>(); // key -> fact type
        Set<String> unacknowledged = ConcurrentHashMap.newKeySet();
        List<String> incidents = Collections.synchronizedList(new ArrayList<>()); // this run's declared incidents
        warmUp(bases, clients);
        long start = System.nanoTime();
        long loadEnds = start + TimeUnit.SECONDS.toNanos(seconds);
        // The floor of any answer at this load: liveness touches neither the database nor the admission limit.
        ConcurrentLinkedQueue<Long> liveness = new ConcurrentLinkedQueue<>();
        Thread livenessProbe = Thread.ofVirtual().start(() -> {
            while (System.nanoTime() < loadEnds) {
                long sent = System.nanoTime();
                try {
                    http.send(HttpRequest.newBuilder(bases.get(0).resolve("/q/health/live")).timeout(Duration.ofSeconds(5))
                            .GET().build(), HttpResponse.BodyHandlers.discarding());
                    liveness.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent));
                } catch (IOException e) {
                    // the instance is down (a kill scenario): no figure
                } catch (InterruptedException e) {
                    return;
                }
                sleepNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        });
        long settleEnds = loadEnds + TimeUnit.SECONDS.toNanos(settleSeconds);
        AtomicInteger sequence = new AtomicInteger();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                // Clients join over the ramp, as a load tool's ramp-up has them, so that the load builds up rather
                // than every client's first request leaving in the same millisecond (which a ramp of 0 measures).
                long joins = start + TimeUnit.MILLISECONDS.toNanos(rampMillis) * c / clients;
                threads.submit(() -> {
                    Command pending = null;
                    long waitUntil = joins;
                    while (true) {
                        long now = System.nanoTime();
                        if (now >= settleEnds || (now >= loadEnds && pending == null)) {
                            break;
                        }
                        if (now < waitUntil) {
                            sleepNanos(waitUntil - now);
                            continue;
                        }
                        Command command = pending;
                        int pick = ThreadLocalRandom.current().nextInt(4);
                        if (command == null && pick == 0) {
                            Outcome read = router.send(listRequest());
                            if (read != null) {
                                outcomes.add(read);
                            }
                            continue;
                        }
                        if (command == null) {
                            String key = run + "-" + sequence.incrementAndGet();
                            String incident = pick == 1 && !incidents.isEmpty()
                                    ? incidents.get(ThreadLocalRandom.current().nextInt(incidents.size())) : null;
                            // Notes on shared incidents: commands that create nothing, whose double application
                            // only the idempotency record and the event log's key check prevent.
                            command = incident == null ? new Command(key, DECLARED, declare(key))
                                    : new Command(key, NOTE_ADDED, note(incident, key));
                            unacknowledged.add(key);
                        }
                        Outcome outcome = router.send(command.request());
                        if (outcome == null) { // no instance is ready: wait as a balancer's queue would
                            pending = command;
                            waitUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
                            continue;
                        }
                        outcomes.add(outcome);
                        if (outcome.ok()) {
                            acknowledged.put(command.key(), command.factType());
                            unacknowledged.remove(command.key());
                            if (command.factType().equals(DECLARED) && outcome.location() != null) {
                                incidents.add(outcome.location().substring(outcome.location().lastIndexOf('/') + 1));
                            }
                            pending = null;
                        } else {
                            pending = command;
                            // Retry-After with jitter (0.5 to 1.5 times it), as docs/operations.md asks of clients.
                            long pause = outcome.retryAfter() ? 500 + ThreadLocalRandom.current().nextLong(1001) : 200;
                            waitUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pause);
                        }
                    }
                    return null;
                });
            }
        }
        router.stop();
        livenessProbe.join();
        history(scenario, run, List.copyOf(outcomes), acknowledged, unacknowledged,
                liveness.stream().mapToLong(Long::longValue).sorted().toArray());
    }

    /**
     * Every client's first requests, all at once as the load's clients will start: {@link #WARM_UP_REQUESTS} each to
     * {@code /q/health/live}, which the admission limit never refuses. An instance that is down (a restart between
     * phases) is skipped.
     */
    private void warmUp(List<URI> bases, int clients) {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                URI base = bases.get(c % bases.size());
                threads.submit(() -> {
                    for (int i = 0; i < WARM_UP_REQUESTS; i++) {
                        try {
                            http.send(HttpRequest.newBuilder(base.resolve("/q/health/live")).timeout(Duration.ofSeconds(5))
                                    .GET().build(), HttpResponse.BodyHandlers.discarding());
                        } catch (IOException e) {
                            return null;
                        }
                    }
                    return null;
                });
            }
        }
    }

    private static void sleepNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(Math.min(nanos, TimeUnit.MILLISECONDS.toNanos(200)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Function<URI, HttpRequest> declare(String title) {
        String body = "{\"title\":\"" + title + "\",\"severity\":\"P3\",\"services\":[\"reliability\"],\"drill\":true}";
        return base -> HttpRequest.newBuilder(base.resolve("/api/v1/incidents"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", BenchAuth.tenant())
                .header("Idempotency-Key", title)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static Function<URI, HttpRequest> note(String incident, String key) {
        String body = "{\"text\":\"" + key + "\"}";
        return base -> HttpRequest.newBuilder(base.resolve("/api/v1/incidents/" + incident + "/notes"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", BenchAuth.tenant())
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static Function<URI, HttpRequest> listRequest() {
        return base -> HttpRequest.newBuilder(base.resolve("/api/v1/incidents?limit=20")).timeout(Duration.ofSeconds(30))
                .header("Authorization", BenchAuth.tenant()).GET().build();
    }

    /** Sends to the instances in turn, or only to the ready ones. */
    private final class Router {
        private final List<URI> bases;
        private final boolean readyOnly;
        private final boolean[] ready;
        private final AtomicInteger[] outstanding;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private Thread prober;

        Router(List<URI> bases, boolean readyOnly) {
            this.bases = bases;
            this.readyOnly = readyOnly;
            this.ready = new boolean[bases.size()];
            Arrays.fill(ready, !readyOnly);
            this.outstanding = new AtomicInteger[bases.size()];
            Arrays.setAll(outstanding, i -> new AtomicInteger());
        }

        void start() throws InterruptedException {
            if (!readyOnly) {
                return;
            }
            prober = Thread.ofVirtual().start(() -> {
                while (running.get()) {
                    for (int i = 0; i < bases.size(); i++) {
                        ready[i] = probe(bases.get(i));
                    }
                    sleepNanos(TimeUnit.MILLISECONDS.toNanos(100));
                }
            });
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!anyReady() && System.nanoTime() < until) {
                Thread.sleep(50);
            }
        }

        private boolean anyReady() {
            for (boolean r : ready) {
                if (r) {
                    return true;
                }
            }
            return false;
        }

        void stop() throws InterruptedException {
            running.set(false);
            if (prober != null) {
                prober.join();
            }
        }

        private boolean probe(URI base) {
            try {
                return http.send(HttpRequest.newBuilder(base.resolve("/q/health/ready")).timeout(Duration.ofMillis(500)).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** The outcome, or null when no instance is ready. A failed connection to a ready instance moves on. */
        /**
         * Round robin over the URLs; with {@code ready}, least outstanding requests among the ready instances (ties in
         * turn), as load balancers do, so a slow instance (one just restarted) is not handed an even share.
         */
        Outcome send(Function<URI, HttpRequest> request) {
            int first = Math.floorMod(next.getAndIncrement(), bases.size());
            Outcome last = null;
            boolean[] tried = new boolean[bases.size()];
            for (int attempt = 0; attempt < bases.size(); attempt++) {
                int index = -1;
                for (int step = 0; step < bases.size(); step++) {
                    int candidate = (first + step) % bases.size();
                    if (ready[candidate] && !tried[candidate]
                            && (index < 0 || !readyOnly || outstanding[candidate].get() < outstanding[index].get())) {
                        index = candidate;
                        if (!readyOnly) {
                            break;
                        }
                    }
                }
                if (index < 0) {
                    return last;
                }
                tried[index] = true;
                outstanding[index].incrementAndGet();
                try {
                    last = ReliabilityBenchmark.this.send(request, bases.get(index));
                } finally {
                    outstanding[index].decrementAndGet();
                }
                if (!readyOnly || !last.cause().startsWith("connect:")) {
                    return last;
                }
            }
            return last;
        }
    }

    private Outcome send(Function<URI, HttpRequest> request, URI base) {
        HttpRequest built = request.apply(base);
        long sent = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            long answered = System.nanoTime();
            String type = response.headers().firstValue("Content-Type").orElse("");
            boolean problem = type.startsWith(PROBLEM_JSON);
            Matcher code = CODE.matcher(response.body());
            String cause = response.statusCode() < 400 ? "" : !problem ? "no problem body" : code.find() ? code.group(1) : "problem";
            return new Outcome(sent, answered, response.statusCode(), cause, problem,
                    response.headers().firstValue("Retry-After").isPresent(),
                    response.headers().firstValue("Location").orElse(null));
        } catch (java.net.ConnectException e) {
            return new Outcome(sent, System.nanoTime(), 0, "connect: refused", false, false, null);
        } catch (java.net.http.HttpTimeoutException e) {
            return new Outcome(sent, System.nanoTime(), 0, "io: no answer within 30 s", false, false, null);
        } catch (IOException e) {
            return new Outcome(sent, System.nanoTime(), 0, "io: " + e.getClass().getSimpleName(), false, false, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Compares what clients were told with what the event log holds, and summarises the answers.
     *
     * <p>result: scenario acknowledged lost duplicated unacknowledged requests ok_p50 ok_p99 ok_max 500s
     * non_problem_refusals shed(503) shed_with_retry_after shed_p99_ms recover_s read_model_lag_s liveness_p99_ms
     */
    private void history(String scenario, String run, List<Outcome> outcomes, Map<String, String> acknowledged,
                         Set<String> unacknowledged, long[] livenessMillis) throws Exception {
        // Every fact this run's keyed commands recorded, by key and type: one per acknowledged key, none twice.
        Map<String, Integer> stored = new HashMap<>();
        int declarations = 0;
        try (Connection connection = connect();
             PreparedStatement query = connection.prepareStatement("SELECT metadata ->> 'idempotencyKey', type_name, count(*)"
                     + " FROM event_store_event WHERE type_name IN (?, ?) AND metadata ->> 'idempotencyKey' LIKE ? GROUP BY 1, 2")) {
            query.setString(1, DECLARED);
            query.setString(2, NOTE_ADDED);
            query.setString(3, run + "-%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    stored.merge(rows.getString(1) + "\t" + rows.getString(2), rows.getInt(3), Integer::sum);
                    if (rows.getString(2).equals(DECLARED)) {
                        declarations += rows.getInt(3);
                    }
                }
            }
        }
        long lost = acknowledged.entrySet().stream()
                .filter(command -> !stored.containsKey(command.getKey() + "\t" + command.getValue())).count();
        long duplicated = stored.values().stream().filter(count -> count > 1).count();
        double readModelLag = readModelCatchUp(run, declarations);

        List<Outcome> sorted = new ArrayList<>(outcomes);
        sorted.sort((a, b) -> Long.compare(a.sentNanos(), b.sentNanos()));
        long[] okMillis = sorted.stream().filter(Outcome::ok).mapToLong(Outcome::millis).sorted().toArray();
        long[] shedMillis = sorted.stream().filter(o -> o.status() == 503).mapToLong(Outcome::millis).sorted().toArray();
        long shedWithRetryAfter = sorted.stream().filter(o -> o.status() == 503 && o.retryAfter()).count();
        long fiveHundreds = sorted.stream().filter(o -> o.status() == 500).count();
        long nonProblem = sorted.stream().filter(o -> o.status() >= 400 && !o.problem()).count();
        // Time to recover: from the first failed request to the first success sent after the last failure.
        long firstFailure = -1;
        long lastFailure = -1;
        for (Outcome o : sorted) {
            if (!o.ok()) {
                if (firstFailure < 0) {
                    firstFailure = o.sentNanos();
                }
                lastFailure = o.sentNanos();
            }
        }
        double recover = 0;
        if (firstFailure >= 0) {
            long recovered = -1;
            for (Outcome o : sorted) {
                if (o.ok() && o.sentNanos() > lastFailure) {
                    recovered = o.answeredNanos();
                    break;
                }
            }
            recover = recovered < 0 ? -1 : (recovered - firstFailure) / 1e9;
        }
        System.out.printf("result\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%.1f\t%.1f\t%d%n", scenario,
                acknowledged.size(), lost, duplicated, unacknowledged.size(), sorted.size(),
                percentile(okMillis, 50), percentile(okMillis, 99), okMillis.length == 0 ? 0 : okMillis[okMillis.length - 1],
                fiveHundreds, nonProblem, shedMillis.length, shedWithRetryAfter, percentile(shedMillis, 99), recover,
                readModelLag, percentile(livenessMillis, 99));
        Map<String, Integer> answers = new TreeMap<>();
        for (Outcome o : sorted) {
            if (!o.ok()) {
                answers.merge((o.status() == 0 ? "-" : Integer.toString(o.status())) + "\t" + o.cause(), 1, Integer::sum);
            }
        }
        answers.forEach((key, count) -> System.out.printf("answer\t%s\t%s\t%d%n", scenario, key, count));
    }

    /** Seconds until the incident list holds every stored declaration of the run (-1: not within 120 s). */
    private double readModelCatchUp(String run, int expected) throws Exception {
        long start = System.nanoTime();
        try (Connection connection = connect();
             PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM incident_list_view WHERE title LIKE ?")) {
            query.setString(1, run + "-%");
            while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(120)) {
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    if (rows.getInt(1) >= expected) {
                        return (System.nanoTime() - start) / 1e9;
                    }
                }
                Thread.sleep(100);
            }
        }
        return -1;
    }

    private static long percentile(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, sorted.length * p / 100)];
    }

    private Connection connect() throws Exception {
        Map<String, String> properties = database.quarkusProperties("");
        return DriverManager.getConnection(properties.get("quarkus.datasource.jdbc.url"),
                database.user().orElse(null), database.password().orElse(null));
    }

    // ------------------------------------------------------------------------------------------------ fuzz

    /**
     * fuzz: requests answered; 500s; 5xx other than 503; refusals without a problem body; then one offender line
     * per request that got a 5xx or a non-problem refusal (at most 50).
     */
    private void fuzz(URI base) throws Exception {
        JsonNode document = JSON.readTree(http.send(HttpRequest.newBuilder(base.resolve("/q/openapi?format=json"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
        List<HttpRequest> requests = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields();
            while (operations.hasNext()) {
                Map.Entry<String, JsonNode> operation = operations.next();
                String method = operation.getKey().toUpperCase();
                if (!Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                List<String> pathValues = path.getKey().contains("{")
                        ? List.of(UUID.randomUUID().toString(), "INC-2026-0001", "%00", "x".repeat(300)) : List.of("");
                for (String pathValue : pathValues) {
                    String concrete = path.getKey().replaceAll("\\{[^}]+}", pathValue);
                    for (Map.Entry<String, String> query : queries(operation.getValue()).entrySet()) {
                        add(requests, labels, base, method, concrete + query.getValue(), "query " + query.getKey(),
                                "application/json", method.equals("GET") || method.equals("DELETE") ? null : "{}");
                    }
                    if (method.equals("GET") || method.equals("DELETE")) {
                        continue;
                    }
                    for (Map.Entry<String, String> body : bodies(document, operation.getValue()).entrySet()) {
                        add(requests, labels, base, method, concrete, "body " + body.getKey(), "application/json", body.getValue());
                    }
                    add(requests, labels, base, method, concrete, "no content type", null, "{}");
                    add(requests, labels, base, method, concrete, "text/plain", "text/plain", "{}");
                }
            }
        }
        int fiveHundreds = 0;
        int otherServerErrors = 0;
        int nonProblem = 0;
        Set<String> offenders = new java.util.LinkedHashSet<>();
        for (int i = 0; i < requests.size(); i++) {
            HttpResponse<java.io.InputStream> response;
            try {
                response = http.send(requests.get(i), HttpResponse.BodyHandlers.ofInputStream());
                try (java.io.InputStream body = response.body()) {
                    // an event stream (GET /api/v1/events/stream) never ends: its status and head are the answer
                    if (!response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
                        body.readAllBytes();
                    }
                }
            } catch (IOException e) {
                offenders.add(labels.get(i) + "\tio " + e.getClass().getSimpleName());
                continue;
            }
            int status = response.statusCode();
            boolean problem = response.headers().firstValue("Content-Type").orElse("").startsWith(PROBLEM_JSON);
            if (status == 500) {
                fiveHundreds++;
            } else if (status > 500 && status != 503) {
                otherServerErrors++;
            }
            if (status >= 400 && !problem) {
                nonProblem++;
            }
            if (status >= 500 || (status >= 400 && !problem)) {
                offenders.add(labels.get(i) + "\t" + status + (problem ? "" : " (no problem body)"));
            }
        }
        System.out.printf("fuzz\t%d\t%d\t%d\t%d%n", requests.size(), fiveHundreds, otherServerErrors, nonProblem);
        offenders.stream().limit(50).forEach(line -> System.out.println("offender\t" + line));
    }

    private static void add(List<HttpRequest> requests, List<String> labels, URI base, String method, String path,
                            String label, String contentType, String body) {
        URI uri;
        try {
            uri = URI.create(base + path);
        } catch (IllegalArgumentException e) {
            return; // not a request a client can send
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", BenchAuth.tenant())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        requests.add(builder.build());
        labels.add(method + " " + (path.length() > 80 ? path.substring(0, 77) + "..." : path) + "\t" + label);
    }

    private static final List<String> BAD_VALUES = List.of("\"a\\u0000b\"", "\"\\u001b[31m\"", "1e308", "-1", "true",
            "{}", "[]", "null", "\"" + "x".repeat(100_000) + "\"", "\"-5000-01-01T00:00:00Z\"", "99999999999999999999999");

    /** Query strings: each declared parameter with each hostile value. */
    private static Map<String, String> queries(JsonNode operation) {
        Map<String, String> queries = new TreeMap<>();
        for (JsonNode parameter : operation.path("parameters")) {
            if (!parameter.path("in").asText().equals("query")) {
                continue;
            }
            String name = parameter.path("name").asText();
            List<String> values = List.of("%00", "a%1Fb", "-1", "99999999999999999999999", "x".repeat(5000),
                    "-5000-01-01T00:00:00Z", "%ZZ");
            for (int v = 0; v < values.size(); v++) {
                queries.put(name + " #" + v, "?" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + values.get(v));
            }
        }
        return queries;
    }

    /** Bodies: broken JSON, then the schema's object with each property given each hostile value in turn. */
    private static Map<String, String> bodies(JsonNode document, JsonNode operation) {
        Map<String, String> bodies = new TreeMap<>();
        bodies.put("truncated", "{");
        bodies.put("array", "[]");
        bodies.put("null", "null");
        bodies.put("string", "\"x\"");
        bodies.put("trailing", "{} {}");
        bodies.put("unknown field", "{\"noSuchField\":1}");
        JsonNode schema = operation.path("requestBody").path("content").path("application/json").path("schema");
        JsonNode properties = resolve(document, schema).path("properties");
        Iterator<String> names = properties.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            for (int v = 0; v < BAD_VALUES.size(); v++) {
                bodies.put(name + " #" + v, "{\"" + name + "\":" + BAD_VALUES.get(v) + "}");
            }
        }
        return bodies;
    }

    private static JsonNode resolve(JsonNode document, JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        if (ref.startsWith("#/components/schemas/")) {
            return document.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
        }
        return schema;
    }

    // ------------------------------------------------------------------------------------------------ bodies

    /** bodies: requests statuses(status=count,...; "(no problem body)" after a refusal without one) io_errors */
    private void bodies(URI base, int clients, int seconds) throws Exception {
        byte[] big = new byte[10 * 1024 * 1024];
        Arrays.fill(big, (byte) 'a');
        big[0] = '{';
        String integration = createIntegration(base);
        List<URI> targets = List.of(base.resolve("/api/v1/integrations/" + integration + "/alertmanager"),
                base.resolve("/api/v1/incidents"));
        Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger io = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        long ends = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                int client = c;
                threads.submit(() -> {
                    for (int n = 0; System.nanoTime() < ends; n++) {
                        URI target = targets.get((client + n) % targets.size());
                        boolean chunked = (n / 2) % 2 == 1;
                        HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                                .header("Content-Type", "application/json")
                                .header("Authorization", "Bearer wrong-" + client)
                                .POST(chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))
                                        : HttpRequest.BodyPublishers.ofByteArray(big))
                                .build();
                        sent.incrementAndGet();
                        try {
                            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                            boolean problem = response.headers().firstValue("Content-Type").orElse("").startsWith(PROBLEM_JSON);
                            String key = response.statusCode() + (response.statusCode() >= 400 && !problem ? " (no problem body)" : "");
                            statuses.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                        } catch (IOException e) {
                            io.incrementAndGet(); // a server may close the connection once it refuses the body
                        }
                    }
                    return null;
                });
            }
        }
        StringBuilder summary = new StringBuilder();
        new TreeMap<>(statuses).forEach((status, count) -> summary.append(summary.isEmpty() ? "" : ",")
                .append(status).append('=').append(count.get()));
        System.out.printf("bodies\t%d\t%s\t%d%n", sent.get(), summary.isEmpty() ? "-" : summary, io.get());
    }

    private String createIntegration(URI base) throws Exception {
        String body = "{\"name\":\"reliability\",\"kind\":\"ALERTMANAGER\",\"defaultService\":\"platform\","
                + "\"severityMapping\":{\"critical\":\"P1\"}}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/integrations"))
                        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                        .header("Authorization", BenchAuth.tenant()).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        check(response.statusCode() == 201, "creating the integration answered " + response.statusCode() + ": " + response.body());
        Matcher id = ID.matcher(response.body());
        check(id.find(), "the created integration has no id: " + response.body());
        return id.group(1);
    }

    // ------------------------------------------------------------------------------------------------ jobs

    private void items(URI base, String prefix, int count) throws Exception {
        LocalDate tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        for (int i = 0; i < count; i++) {
            String body = "{\"title\":\"" + prefix + "-" + i + "\",\"owner\":\"bench\",\"dueDate\":\"" + tomorrow
                    + "\",\"priority\":\"LOW\",\"kind\":\"PREVENTIVE\"}";
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/action-items"))
                            .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                            .header("Authorization", BenchAuth.tenant()).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            check(response.statusCode() == 201, "creating an action item answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** items: created, with exactly one due-soon fact, with none, with more than one. */
    private void itemsCheck(String prefix) throws Exception {
        Map<String, Integer> facts = new HashMap<>();
        try (Connection connection = connect();
             PreparedStatement created = connection.prepareStatement("SELECT payload ->> 'actionItemId' FROM event_store_event"
                     + " WHERE type_name = 'actionitem.ActionItemCreated' AND payload ->> 'title' LIKE ?");
             PreparedStatement dueSoon = connection.prepareStatement("SELECT payload ->> 'actionItemId', count(*)"
                     + " FROM event_store_event WHERE type_name = 'actionitem.ActionItemDueSoon' GROUP BY 1")) {
            created.setString(1, prefix + "-%");
            try (ResultSet rows = created.executeQuery()) {
                while (rows.next()) {
                    facts.put(rows.getString(1), 0);
                }
            }
            try (ResultSet rows = dueSoon.executeQuery()) {
                while (rows.next()) {
                    if (facts.containsKey(rows.getString(1))) {
                        facts.put(rows.getString(1), rows.getInt(2));
                    }
                }
            }
        }
        long once = facts.values().stream().filter(n -> n == 1).count();
        long none = facts.values().stream().filter(n -> n == 0).count();
        long more = facts.values().stream().filter(n -> n > 1).count();
        System.out.printf("items\t%d\t%d\t%d\t%d%n", facts.size(), once, none, more);
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
