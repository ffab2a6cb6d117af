package io.firedrill.bootstrap.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.firedrill.adapter.persistence.eventstore.AppendRequest;
import io.firedrill.adapter.persistence.eventstore.EventFilter;
import io.firedrill.adapter.persistence.eventstore.EventTag;
import io.firedrill.adapter.persistence.eventstore.PgEventLog;
import io.firedrill.adapter.persistence.eventstore.StoredEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A conditional append checks its condition with prepared statements planned for its own marker, never with a plan
 * made once for any marker: such a generic plan walks the whole log looking for a tag nothing carries, and the
 * event-store benchmark's conditional appends (the command path's shape) fell to 4 a second on a log of a million
 * events. The probe records the planner setting the writer's transaction runs its statements with.
 */
@QuarkusTest
class ConditionalAppendPlansTest {

    private static final String PROBE = "conditional_append_plans_probe";

    @Inject
    PgEventLog log;

    @Inject
    Pool pool;

    @AfterEach
    void dropTheProbe() throws Exception {
        sql("DROP TRIGGER IF EXISTS " + PROBE + " ON event_store_event");
        sql("DROP FUNCTION IF EXISTS " + PROBE + "()");
        sql("DROP TABLE IF EXISTS " + PROBE);
    }

    @Test
    void theConditionOfEveryAppendIsPlannedForItsOwnMarker() throws Exception {
        sql("CREATE TABLE " + PROBE + " (mode text)");
        sql("CREATE FUNCTION " + PROBE + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " INSERT INTO " + PROBE + " VALUES (current_setting('plan_cache_mode')); RETURN NULL; END $$");
        sql("CREATE TRIGGER " + PROBE + " AFTER INSERT ON event_store_event FOR EACH STATEMENT EXECUTE FUNCTION "
                + PROBE + "()");
        EventTag subject = new EventTag("planProbe", UUID.randomUUID().toString());
        long marker = log.head().get(10, TimeUnit.SECONDS);
        for (int i = 0; i < 7; i++) {
            marker = log.append(AppendRequest.conditional(List.of(event(subject)), EventFilter.of(Set.of(), Set.of(subject)),
                    marker)).get(10, TimeUnit.SECONDS);
        }

        List<String> modes = new ArrayList<>();
        pool.query("SELECT mode FROM " + PROBE).execute().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                .forEach(row -> modes.add(row.getString(0)));
        assertThat(modes).hasSize(7).containsOnly("force_custom_plan");
    }

    private static StoredEvent event(EventTag subject) {
        return new StoredEvent(UUID.randomUUID().toString(), "test.PlanProbe", "1", "{}",
                Map.of("tenant", "default", "actor", "user:test"), Set.of(subject), Instant.parse("2026-12-06T10:00:00Z"));
    }

    private void sql(String statement) throws Exception {
        pool.query(statement).execute().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
