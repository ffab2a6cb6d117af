package io.firedrill.bootstrap.bench;

import io.firedrill.adapter.persistence.pool.PlanPerCall;
import io.firedrill.adapter.persistence.eventstore.PgEventLog;
import io.firedrill.adapter.persistence.eventstore.PgEventStorageEngine;
import io.firedrill.application.incident.IncidentSlice;
import io.firedrill.application.port.in.CommandMetadata;
import io.firedrill.bootstrap.config.DatabaseUrl;
import io.firedrill.domain.alert.Alert;
import io.firedrill.domain.alert.AlertStatus;
import io.firedrill.domain.incident.Audience;
import io.firedrill.domain.incident.GroupingDecision;
import io.firedrill.domain.incident.IncidentEvent.AlertReceived;
import io.firedrill.domain.incident.IncidentEvent.IncidentAcknowledged;
import io.firedrill.domain.incident.IncidentEvent.IncidentDeclared;
import io.firedrill.domain.incident.IncidentEvent.IncidentResolved;
import io.firedrill.domain.incident.IncidentEvent.IncidentReviewed;
import io.firedrill.domain.incident.IncidentEvent.MitigationStarted;
import io.firedrill.domain.incident.IncidentEvent.NoteAdded;
import io.firedrill.domain.incident.IncidentEvent.ResponderAdded;
import io.firedrill.domain.incident.IncidentEvent.StatusUpdatePosted;
import io.firedrill.domain.incident.IncidentEvent;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.incident.IncidentNumber;
import io.firedrill.domain.incident.ResponderRole;
import io.firedrill.domain.shared.Actor;
import io.firedrill.domain.shared.Severity;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventsourcing.eventstore.AppendCondition;
import org.axonframework.eventsourcing.eventstore.GenericTaggedEventMessage;
import org.axonframework.eventsourcing.eventstore.TaggedEventMessage;
import org.axonframework.messaging.eventhandling.GenericEventMessage;
import org.axonframework.messaging.eventstreaming.Tag;

/**
 * The two halves of deploy/bench/metrics.sh. {@code seed INCIDENTS}: appends a realistic history through the
 * event store (not by SQL): each incident is declared from an alert (one of 5,000 grouping keys), gets a
 * responder, is acknowledged, noted, mitigated, updated, resolved and (every other one) reviewed: ten
 * facts, with detection spread over the two years before 2026-11-01 and durations drawn per incident.
 * {@code query BASE_URL REQUESTS}: times summary and trend requests against a running Firedrill whose
 * metrics projection has caught up, sequentially, after a warm-up. Prints tab-separated result lines. Not a
 * test: the script provides the database and starts the application.
 *
 * <p>Output: {@code seeded incidents events seconds events/s} and
 * {@code query name requests p50_ms p99_ms max_ms}.
 */
public final class MetricsBenchmark {

    static final String TENANT = "default";
    static final Instant END = Instant.parse("2026-11-01T00:00:00Z");
    static final Duration SPAN = Duration.ofDays(730);
    private static final String INTEGRATION = "5b7d1c2e-0000-4000-8000-00000000bench";
    private static final List<String> SERVICES = List.of("checkout", "payments", "search", "catalog", "auth",
            "orders", "shipping", "inventory", "pricing", "notifications", "accounts", "gateway", "billing",
            "reports", "recommendations", "media", "chat", "fraud", "ledger", "identity");

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "seed" -> seed(Integer.parseInt(args[1]));
            case "query" -> query(URI.create(args[1]), Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException("usage: MetricsBenchmark seed INCIDENTS | query BASE_URL REQUESTS");
        }
    }

    private static void seed(int incidents) throws Exception {
        DatabaseUrl url = DatabaseUrl.parse("FIREDRILL_BENCH_DB_URL", System.getenv("FIREDRILL_BENCH_DB_URL"));
        Vertx vertx = Vertx.vertx();
        // As the application's pool: statements cached, but not those planned on every call.
        PgConnectOptions connect = PlanPerCall.configure(new PgConnectOptions().setHost(url.host()).setPort(url.port())
                .setDatabase(url.database()).setUser(url.user().orElse(null)).setPassword(url.password().orElse(null))
                .setCachePreparedStatements(true));
        Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4)).connectingTo(connect).using(vertx).build();
        PgEventStorageEngine engine = new PgEventStorageEngine(new PgEventLog(pool,
                Integer.parseInt(PgEventLog.DEFAULT_APPEND_BATCH), 65_536, Integer.parseInt(PgEventLog.DEFAULT_APPEND_WRITERS)),
                vertx, Integer.parseInt(PgEventStorageEngine.DEFAULT_READ_BATCH),
                Long.parseLong(PgEventStorageEngine.DEFAULT_POLL_INTERVAL_MS));
        Random random = new Random(7);
        Semaphore inFlight = new Semaphore(4);
        List<CompletableFuture<?>> appends = new ArrayList<>();
        long started = System.nanoTime();
        long events = 0;
        try {
            List<TaggedEventMessage<?>> batch = new ArrayList<>();
            for (int i = 0; i < incidents; i++) {
                for (IncidentEvent event : incident(i, incidents, random)) {
                    batch.add(tagged(event));
                }
                if (batch.size() >= 1_000 || i == incidents - 1) {
                    events += batch.size();
                    inFlight.acquire();
                    appends.add(engine.appendEvents(AppendCondition.none(), null, batch)
                            .thenCompose(transaction -> transaction.commit(null))
                            .orTimeout(120, TimeUnit.SECONDS)
                            .whenComplete((ignored, failure) -> inFlight.release()));
                    batch = new ArrayList<>();
                }
                if (i % 10_000 == 0) {
                    System.err.printf("seeded %,d incidents%n", i);
                }
            }
            CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
        } finally {
            pool.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("seeded\t%d\t%d\t%.1f\t%.0f%n", incidents, events, seconds, events / seconds);
    }

    /** Ten facts of incident {@code i}, valid for the incident's rules, at instants spread over two years. */
    static List<IncidentEvent> incident(int i, int incidents, Random random) {
        IncidentId id = new IncidentId(UUID.nameUUIDFromBytes(("bench-incident-" + i).getBytes()));
        Instant detected = END.minus(SPAN).plusSeconds((long) ((double) SPAN.toSeconds() * i / incidents));
        Actor alice = Actor.user("oncall-" + (i % 40));
        Actor alerts = Actor.integration("prometheus-prod");
        Severity severity = Severity.values()[random.nextInt(100) < 5 ? 0 : 1 + random.nextInt(3)];
        String service = SERVICES.get(random.nextInt(SERVICES.size()));
        Instant declared = detected.plusSeconds(30 + random.nextInt(300));
        Instant acknowledged = declared.plusSeconds(60 + random.nextInt(1_800));
        Instant mitigated = acknowledged.plusSeconds(120 + random.nextInt(3_600));
        Instant resolved = mitigated.plusSeconds(300 + random.nextInt(4 * 3_600));
        // 250 alert sources per service, 5,000 grouping keys in all, drawn at random: at 100,000 incidents over two
        // years a key fires every 36 days on average, so most incidents repeat one within the 90-day window.
        String key = "HighErrorRate/" + service + "/" + random.nextInt(250);
        int year = declared.atZone(ZoneOffset.UTC).getYear();
        List<IncidentEvent> events = new ArrayList<>(List.of(
                new IncidentDeclared(id, alerts, IncidentNumber.of(year, i + 1), "5xx on " + service, null, severity,
                        List.of(service), alice.name(), Set.of(), detected, false, declared, declared),
                new AlertReceived(id, alerts, INTEGRATION, new Alert("fp-" + i, AlertStatus.FIRING, "HighErrorRate",
                        "5xx above 5%", severity, "severity=critical → " + severity, List.of(service),
                        Map.of("alertname", "HighErrorRate", "service", service), Map.of(), detected, null, null),
                        "{alertname}/{service}", key, GroupingDecision.OPENED_INCIDENT, declared, declared),
                new ResponderAdded(id, alice, "sre-" + (i % 25), ResponderRole.RESPONDER, declared.plusSeconds(10),
                        declared.plusSeconds(10)),
                new IncidentAcknowledged(id, alice, acknowledged, acknowledged),
                new NoteAdded(id, alice, "error rate at 7%, started after the deploy", true, acknowledged.plusSeconds(60),
                        acknowledged.plusSeconds(60)),
                new MitigationStarted(id, alice, "rolling back", mitigated, mitigated),
                new StatusUpdatePosted(id, alice, Audience.INTERNAL, "rollback in progress", mitigated.plusSeconds(30),
                        mitigated.plusSeconds(30)),
                new NoteAdded(id, alice, "rollback done, watching", false, resolved.minusSeconds(60),
                        resolved.minusSeconds(60)),
                new IncidentResolved(id, alice, "error rate back to baseline", resolved, resolved)));
        Instant reviewed = resolved.plus(Duration.ofDays(1 + random.nextInt(10)));
        events.add(i % 2 == 0 && reviewed.isBefore(END)
                ? new IncidentReviewed(id, alice, UUID.nameUUIDFromBytes(("bench-pm-" + i).getBytes()).toString(),
                        reviewed, reviewed)
                : new NoteAdded(id, alice, "follow-up tracked", false, resolved.plusSeconds(600), resolved.plusSeconds(600)));
        return events;
    }

    private static TaggedEventMessage<?> tagged(IncidentEvent event) {
        Map<String, String> metadata = Map.of(CommandMetadata.TENANT, TENANT, CommandMetadata.ACTOR,
                event.by().toString(), CommandMetadata.SOURCE, "api");
        return new GenericTaggedEventMessage<>(new GenericEventMessage(UUID.randomUUID().toString(),
                IncidentSlice.EVENTS.stored(event.getClass()).orElseThrow().messageType(), event, metadata,
                event.recordedAt()),
                Set.of(Tag.of(IncidentSlice.INCIDENT_ID, event.incidentId().toString()), Tag.of(CommandMetadata.TENANT, TENANT)));
    }

    private static void query(URI base, int requests) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("summary, one month", "/api/v1/metrics/summary?from=2026-09-01T00:00:00Z&to=2026-10-01T00:00:00Z");
        // A dashboard's "last 30 days": its first and last days are partial.
        queries.put("summary, last 30 days", "/api/v1/metrics/summary?from=2026-10-01T13:47:00Z&to=2026-10-31T13:47:00Z");
        queries.put("summary, one year", "/api/v1/metrics/summary?from=2025-11-01T00:00:00Z&to=2026-11-01T00:00:00Z");
        queries.put("summary, one year, one service",
                "/api/v1/metrics/summary?from=2025-11-01T00:00:00Z&to=2026-11-01T00:00:00Z&service=payments");
        queries.put("summary, two years, P1", "/api/v1/metrics/summary?from=2024-11-01T00:00:00Z&to=2026-11-01T00:00:00Z&severity=P1");
        queries.put("trend, two years by month", "/api/v1/metrics/trend?from=2024-11-01T00:00:00Z&to=2026-11-01T00:00:00Z&bucket=month");
        queries.put("trend, six months by week", "/api/v1/metrics/trend?from=2026-05-01T00:00:00Z&to=2026-11-01T00:00:00Z&bucket=week");
        for (Map.Entry<String, String> query : queries.entrySet()) {
            HttpRequest request = HttpRequest.newBuilder(base.resolve(query.getValue()))
                    .header("Authorization", BenchAuth.tenant()).timeout(Duration.ofSeconds(30)).GET().build();
            for (int i = 0; i < Math.max(20, requests / 4); i++) {
                send(http, request);
            }
            long[] nanos = new long[requests];
            for (int i = 0; i < requests; i++) {
                long start = System.nanoTime();
                send(http, request);
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            System.out.printf("query\t%s\t%d\t%.1f\t%.1f\t%.1f%n", query.getKey(), requests,
                    nanos[requests / 2] / 1e6, nanos[Math.min(requests - 1, (int) Math.ceil(requests * 0.99) - 1)] / 1e6,
                    nanos[requests - 1] / 1e6);
        }
    }

    private static void send(HttpClient http, HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
    }
}
