package io.firedrill.bootstrap.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.firedrill.adapter.persistence.eventstore.AppendRequest;
import io.firedrill.adapter.persistence.eventstore.EventFilter;
import io.firedrill.adapter.persistence.eventstore.EventTag;
import io.firedrill.adapter.persistence.eventstore.PgEventLog;
import io.firedrill.adapter.persistence.eventstore.StoredEvent;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Reading one subject's stream (every GET of an incident, every command without a cached state) finds its events
 * through the tags index whatever plan PostgreSQL caches for the prepared statement: a generic plan, made once for any
 * tag, must not walk the log looking for the tag, which made every read cost the length of the log.
 */
@QuarkusTest
class StreamReadPlansTest {

    @Inject
    PgEventLog shared;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @Test
    void aStreamIsReadThroughTheTagsIndex_withTheGenericPlan() throws Exception {
        // A log long enough that walking it is not a cheap way to find a rare tag.
        List<StoredEvent> others = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            others.add(event(new EventTag("other", UUID.randomUUID().toString())));
        }
        shared.append(AppendRequest.unconditional(others)).get(30, TimeUnit.SECONDS);
        EventTag subject = new EventTag("incidentId", UUID.randomUUID().toString());
        EventTag tenant = new EventTag("tenant", "default");
        shared.append(AppendRequest.unconditional(List.of(event(subject, tenant), event(subject, tenant)))).get(10, TimeUnit.SECONDS);
        EventFilter stream = EventFilter.of(Set.of(), Set.of(subject, tenant));

        // One connection, planning every prepared statement once for any parameters.
        Pool one = PgBuilder.pool().with(new PoolOptions().setMaxSize(1))
                .connectingTo(PgConnectOptions.fromUri(url).setUser(user).setPassword(password)
                        .setCachePreparedStatements(true)
                        .setProperties(Map.of("plan_cache_mode", "force_generic_plan", "jit", "off")))
                .using(vertx).build();
        try {
            PgEventLog log = new PgEventLog(one, 64, 4096, 1);
            assertThat(log.readStream(stream, -1, 2048).get(10, TimeUnit.SECONDS).events()).hasSize(2);

            RowSet<Row> lines = done(one.withConnection(connection -> connection
                    .query("SELECT name FROM pg_prepared_statements WHERE statement LIKE '%matching AS MATERIALIZED%'")
                    .execute()
                    .compose(names -> connection.query("EXPLAIN EXECUTE \"" + names.iterator().next().getString("name") + "\""
                            + "('" + tagsJson(subject, tenant) + "', 2048)").execute())));
            StringBuilder plan = new StringBuilder();
            lines.forEach(line -> plan.append(line.getString(0)).append('\n'));
            assertThat(plan.toString()).as(plan.toString()).contains("Bitmap Index Scan on event_store_event_tags")
                    .doesNotContain("Seq Scan on event_store_event");
        } finally {
            done(one.close());
        }
    }

    private static String tagsJson(EventTag... tags) {
        return "[" + Arrays.stream(tags)
                .map(tag -> "{\"key\": \"" + tag.key() + "\", \"value\": \"" + tag.value() + "\"}")
                .collect(Collectors.joining(", ")) + "]";
    }

    private static <T> T done(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static StoredEvent event(EventTag... tags) {
        return new StoredEvent(UUID.randomUUID().toString(), "test.Noted", "1", "{}",
                Map.of("tenant", "default", "actor", "user:test"), Set.of(tags), Instant.parse("2026-12-07T01:00:00Z"));
    }
}
