package io.firedrill.bootstrap.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.firedrill.adapter.persistence.eventstore.AppendRequest;
import io.firedrill.adapter.persistence.eventstore.EventFilter;
import io.firedrill.adapter.persistence.eventstore.EventTag;
import io.firedrill.adapter.persistence.eventstore.PgEventLog;
import io.firedrill.adapter.persistence.eventstore.StoredEvent;
import io.firedrill.adapter.persistence.pool.BoundedPgPoolCreator;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Reading one subject's stream (a GET of an incident, a command) is planned for its tags on every call: a cached
 * generic plan, made once for any tags, walked the log from its start looking for the incident's tag (it cannot tell it
 * from the tenant's, which every event carries), and every read cost the length of the log. A stream longer than the
 * read's limit fetches no row (it is read through a cursor instead).
 */
@QuarkusTest
class StreamReadPlansTest {

    @Inject
    PgEventLog shared;

    @Inject
    Vertx vertx;

    @Inject
    BoundedPgPoolCreator creator;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @Test
    void aStreamReadIsPlannedForItsTagsOnEveryCall_neverFromACachedPlan() throws Exception {
        EventTag tenant = new EventTag("tenant", "default");
        EventTag subject = new EventTag("incidentId", UUID.randomUUID().toString());
        shared.append(AppendRequest.unconditional(List.of(event(subject, tenant), event(subject, tenant)))).get(10, TimeUnit.SECONDS);
        EventFilter stream = EventFilter.of(Set.of(), Set.of(subject, tenant));

        // A connection made with the options of the application's pool.
        Pool one = PgBuilder.pool().with(new PoolOptions().setMaxSize(1)).connectingTo(creator.connectOptions())
                .using(vertx).build();
        try {
            PgEventLog log = new PgEventLog(one, 64, 4096, 1);
            for (int run = 0; run < 8; run++) {
                assertThat(log.readStream(stream, -1, 2048).get(10, TimeUnit.SECONDS).events()).hasSize(2);
                // A read of the log by type: a statement cached as any other.
                log.read(EventFilter.of(Set.of("test.Rare"), Set.of()), -1, Long.MAX_VALUE, 10).get(10, TimeUnit.SECONDS);
            }
            RowSet<Row> cached = done(one.withConnection(connection -> connection
                    .query("SELECT statement FROM pg_prepared_statements WHERE statement LIKE '%matching AS MATERIALIZED%'")
                    .execute()));
            assertThat(cached.size()).as("the stream read is prepared unnamed, planned with its tags on every call")
                    .isZero();
            RowSet<Row> others = done(one.withConnection(connection -> connection
                    .query("SELECT count(*) AS n FROM pg_prepared_statements").execute()));
            assertThat(others.iterator().next().getLong("n")).as("other statements are cached as before").isPositive();
        } finally {
            done(one.close());
        }
    }

    @Test
    void aReadFromFarBehindTheHeadFindsTheSameEventsAsOneFromNearIt() throws Exception {
        EventTag tenant = new EventTag("tenant", "default");
        EventTag subject = new EventTag("incidentId", UUID.randomUUID().toString());
        StoredEvent first = event(subject, tenant);
        long firstAt = shared.append(AppendRequest.unconditional(List.of(first))).get(10, TimeUnit.SECONDS);
        List<StoredEvent> others = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            others.add(event(new EventTag("incidentId", UUID.randomUUID().toString()), tenant));
        }
        shared.append(AppendRequest.unconditional(others)).get(30, TimeUnit.SECONDS);
        StoredEvent second = event(subject, tenant);
        long secondAt = shared.append(AppendRequest.unconditional(List.of(second))).get(10, TimeUnit.SECONDS);
        EventFilter stream = EventFilter.of(Set.of(), Set.of(subject, tenant));

        // More than a thousand positions behind the head: through the tags.
        assertThat(shared.readStream(stream, firstAt, 2048).get(10, TimeUnit.SECONDS).events())
                .extracting(event -> event.event().eventId()).containsExactly(second.eventId());
        assertThat(shared.readStream(stream, firstAt - 1, 2048).get(10, TimeUnit.SECONDS).events())
                .extracting(event -> event.event().eventId()).containsExactly(first.eventId(), second.eventId());
        // Near the head: the log from there.
        assertThat(shared.readStream(stream, secondAt - 1, 2048).get(10, TimeUnit.SECONDS).events())
                .extracting(event -> event.event().eventId()).containsExactly(second.eventId());
        assertThat(shared.readStream(stream, secondAt, 2048).get(10, TimeUnit.SECONDS).events()).isEmpty();
    }

    @Test
    void aStreamLongerThanTheLimitFetchesNoRow() throws Exception {
        EventTag tenant = new EventTag("tenant", "default");
        EventTag subject = new EventTag("incidentId", UUID.randomUUID().toString());
        List<StoredEvent> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(event(subject, tenant));
        }
        shared.append(AppendRequest.unconditional(five)).get(10, TimeUnit.SECONDS);
        EventFilter stream = EventFilter.of(Set.of(), Set.of(subject, tenant));

        // Cached here (unlike the application's connections), so that its plan can be shown.
        Pool one = onePool(Map.of("plan_cache_mode", "force_generic_plan"));
        try {
            PgEventLog log = new PgEventLog(one, 64, 4096, 1);
            PgEventLog.StreamStart start = log.readStream(stream, -1, 2).get(10, TimeUnit.SECONDS);
            assertThat(start.complete()).as("five events, a limit of two").isFalse();
            assertThat(start.events()).isEmpty();
            String plan = explain(one, "EXPLAIN (ANALYZE)", tagsJson(subject, tenant), 2);
            assertThat(plan).as(plan).containsPattern("on event_store_event\\b[^\\n]*\\(never executed\\)");
        } finally {
            done(one.close());
        }
    }

    /** One connection caching every prepared statement, with these settings. */
    private Pool onePool(Map<String, String> settings) {
        Map<String, String> properties = new HashMap<>(settings);
        properties.put("jit", "off");
        return PgBuilder.pool().with(new PoolOptions().setMaxSize(1))
                .connectingTo(PgConnectOptions.fromUri(url).setUser(user).setPassword(password)
                        .setCachePreparedStatements(true).setProperties(properties))
                .using(vertx).build();
    }

    /** The plan of the stream read prepared on {@code one}'s connection, for these tags and limit. */
    private static String explain(Pool one, String explain, String tags, int limit) throws Exception {
        RowSet<Row> lines = done(one.withConnection(connection -> connection
                .query("SELECT name FROM pg_prepared_statements WHERE statement LIKE '%matching AS MATERIALIZED%'")
                .execute()
                .compose(names -> connection.query(explain + " EXECUTE \"" + names.iterator().next().getString("name")
                        + "\"('" + tags + "', " + limit + ")").execute())));
        StringBuilder plan = new StringBuilder();
        lines.forEach(line -> plan.append(line.getString(0)).append('\n'));
        return plan.toString();
    }

    private static String tagsJson(EventTag... tags) {
        return "[" + Arrays.stream(tags)
                .map(tag -> "{\"key\": \"" + tag.key() + "\", \"value\": \"" + tag.value() + "\"}")
                .collect(Collectors.joining(", ")) + "]";
    }

    /**
     * Every stream read looks its tags up in the tags index: with GIN's fast update on, new entries wait in a pending
     * list that each lookup scans in full until a vacuum merges it (thousands of entries after a burst of appends).
     */
    @Test
    void theTagsIndexKeepsNoPendingList() throws Exception {
        Pool one = PgBuilder.pool().with(new PoolOptions().setMaxSize(1)).connectingTo(creator.connectOptions())
                .using(vertx).build();
        try {
            RowSet<Row> options = done(one.query("SELECT array_to_string(reloptions, ',') AS options FROM pg_class"
                    + " WHERE relname = 'event_store_event_tags'").execute());
            assertThat(options.iterator().next().getString("options")).contains("fastupdate=off");
        } finally {
            done(one.close());
        }
    }

    private static <T> T done(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static StoredEvent event(EventTag... tags) {
        return new StoredEvent(UUID.randomUUID().toString(), "test.Noted", "1", "{}",
                Map.of("tenant", "default", "actor", "user:test"), Set.of(tags), Instant.parse("2026-12-07T01:00:00Z"));
    }
}
