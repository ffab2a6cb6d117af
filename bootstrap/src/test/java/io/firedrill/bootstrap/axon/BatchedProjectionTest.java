package io.firedrill.bootstrap.axon;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.firedrill.adapter.persistence.eventstore.PgEventLog;
import io.firedrill.adapter.persistence.eventstore.PgLogNotifications;
import io.firedrill.adapter.persistence.projection.PgParkedEvents;
import io.firedrill.adapter.persistence.tokenstore.PgTokenStore;
import io.firedrill.application.actionitem.ActionItemSlice;
import io.firedrill.application.incident.IncidentSlice;
import io.firedrill.application.metrics.MetricsSlice;
import io.firedrill.application.port.out.IncidentListViews;
import io.firedrill.application.port.out.RowBatches.Checkpoint;
import io.firedrill.application.port.out.RowBatches.ClaimLost;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.messaging.core.unitofwork.UnitOfWorkFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Read models advance by batches and never skip an event (issue 20). The processors of this profile do not start:
 * each test runs the read models' batched runners itself, as the nodes it names.
 *
 * <p>The pattern that lost events in Axon 5.0.1's pooled processor at batch sizes above one: 1,000 events over 20
 * incidents, so every incident has earlier events in an earlier batch, read in batches of 500, with transient
 * failures of the table's writes. Every read model row must hold exactly its incident's events: its folded state
 * counts the events applied ({@code version}), which a skipped event leaves short and a repeated one pushes over.
 */
@QuarkusTest
@TestProfile(BatchedProjectionTest.ProcessorsStopped.class)
class BatchedProjectionTest {

    /** The instance runs no processor of its own: the tests do. */
    public static class ProcessorsStopped implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("firedrill.projections.enabled", "false");
        }
    }

    private static final List<String> READ_MODELS = List.of(IncidentSlice.LIST_PROCESSOR, MetricsSlice.PROJECTION,
            ActionItemSlice.LIST_PROCESSOR);
    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(2);
    private static final String TRIGGER = "batched_projection_test_fault";
    private static final int INCIDENTS = 20;
    private static final int NOTES = 49;

    @Inject
    Pool pool;

    @Inject
    EventProcessors processors;

    @Inject
    PgEventLog log;

    @Inject
    PgParkedEvents parked;

    @Inject
    AxonRuntime axon;

    @Inject
    IncidentListViews listViews;

    @Inject
    PgLogNotifications notifications;

    private final String tenant = "batched-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<BatchedProjection> runners = new ArrayList<>();

    @AfterEach
    void stopRunnersAndDropTheFault() throws Exception {
        runners.forEach(BatchedProjection::stop);
        sql("DROP TRIGGER IF EXISTS " + TRIGGER + " ON incident_list_view");
        sql("DROP FUNCTION IF EXISTS " + TRIGGER + "()");
        sql("DROP SEQUENCE IF EXISTS " + TRIGGER + "_calls");
        sql("DROP TABLE IF EXISTS " + TRIGGER + "_block");
    }

    @Test
    void givenEarlierEventsOfEverySubjectInEarlierBatchesAndTransientFailures_thenEveryEventIsAppliedExactlyOnce()
            throws Exception {
        List<String> incidents = declareWithNotes();
        // The first three writes of the incident list fail as a serialization failure (transient) would.
        sql("CREATE SEQUENCE " + TRIGGER + "_calls");
        onEveryListWrite("IF nextval('" + TRIGGER + "_calls') <= 3 THEN"
                + " RAISE EXCEPTION 'injected transient failure' USING ERRCODE = '40001'; END IF;");

        start("node-a", 1, 500);

        everyRowHoldsExactlyItsEvents(incidents);
        assertThat(sequence(TRIGGER + "_calls")).as("the injected failures happened").isGreaterThan(3);
        assertThat(parkedOfThisTenant()).as("nothing was parked: transient failures are retried").isZero();
    }

    @Test
    void givenTwoNodesSharingSegments_whenOneDiesMidBatch_thenTheOtherTakesOverAndAppliesEveryEventExactlyOnce()
            throws Exception {
        List<String> incidents = declareWithNotes();
        // Node A's first write of the incident list blocks until the test kills its session: it dies mid-batch.
        sql("CREATE TABLE " + TRIGGER + "_block (blocked boolean)");
        sql("INSERT INTO " + TRIGGER + "_block VALUES (true)");
        onEveryListWrite("IF EXISTS (SELECT 1 FROM " + TRIGGER + "_block) THEN PERFORM pg_sleep(120); END IF;");

        List<BatchedProjection> nodeA = start("node-a", 2, 500);
        await().atMost(Duration.ofSeconds(30)).until(() -> sleepingSessions() == 1);
        nodeA.forEach(BatchedProjection::abandon);
        sql("DELETE FROM " + TRIGGER + "_block");
        sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE wait_event = 'PgSleep'");

        start("node-b", 2, 500);
        everyRowHoldsExactlyItsEvents(incidents);
        assertThat(owners(IncidentSlice.LIST_PROCESSOR)).containsOnly("node-b");

        // A node that lost its claim cannot move the checkpoint, nor write rows with it.
        Checkpoint stale = new Checkpoint(IncidentSlice.LIST_PROCESSOR, List.of(0), "node-a", Long.MAX_VALUE);
        assertThatThrownBy(() -> listViews.advance(stale, Set.of(UUID.fromString(incidents.getFirst())), stored -> List.of())
                .get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(ClaimLost.class);
    }

    @Test
    void givenAnIdleRunnerThatPollsOnlyEveryMinute_whenAnEventIsAppended_thenTheCommitNotificationWakesItAtOnce()
            throws Exception {
        List<BatchedProjection> runners = start("node-a", 2, 500, Duration.ofMinutes(1));
        runners.forEach(runner -> notifications.listen(runner::wakeUp));
        // Caught up (every runner idle, waiting for a minute): a first incident is listed.
        String first = declare("first");
        await().atMost(Duration.ofSeconds(30)).until(() -> versions("incident_list_view", "incident_id").containsKey(first));

        String second = declare("second");
        await().atMost(Duration.ofSeconds(10)).until(() -> versions("incident_list_view", "incident_id").containsKey(second));
    }

    /** Runs the PL/pgSQL {@code body} after every statement that writes the incident list (dropped after the test). */
    private void onEveryListWrite(String body) throws Exception {
        sql("CREATE FUNCTION " + TRIGGER + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN " + body + " RETURN NULL; END $$");
        sql("CREATE TRIGGER " + TRIGGER + " AFTER INSERT OR UPDATE ON incident_list_view"
                + " FOR EACH STATEMENT EXECUTE FUNCTION " + TRIGGER + "()");
    }

    /** Runs every batched read model as {@code node}; its runners are stopped after the test. */
    private List<BatchedProjection> start(String node, int segments, int batchSize) {
        return start(node, segments, batchSize, Duration.ofMillis(200));
    }

    private List<BatchedProjection> start(String node, int segments, int batchSize, Duration idlePoll) {
        PgTokenStore tokens = new PgTokenStore(pool, node, CLAIM_TIMEOUT);
        BatchedProjection.Settings settings = new BatchedProjection.Settings(segments, batchSize, idlePoll,
                Duration.ofMillis(500), CLAIM_TIMEOUT);
        List<BatchedProjection> started = new ArrayList<>();
        for (String name : READ_MODELS) {
            BatchedProjection runner = new BatchedProjection(name,
                    processors.definition(name).orElseThrow().batches().orElseThrow().get(),
                    processors.handling(name).orElseThrow(), log, tokens, parked,
                    axon.component(UnitOfWorkFactory.class), settings);
            runner.start();
            started.add(runner);
        }
        runners.addAll(started);
        return started;
    }

    /** 20 incidents with 49 notes each (1,000 events), notes spread over the incidents in turn; plus action items. */
    private List<String> declareWithNotes() {
        List<String> incidents = new ArrayList<>();
        for (int i = 0; i < INCIDENTS; i++) {
            incidents.add(declare("Checkout errors " + i));
        }
        for (int n = 0; n < NOTES; n++) {
            for (String incident : incidents) {
                as().body(Map.of("text", "note " + n)).post("/api/v1/incidents/" + incident + "/notes").then().statusCode(200);
            }
        }
        for (int i = 0; i < 5; i++) {
            String location = as().body("{\"title\":\"Fix " + i + "\",\"owner\":\"bob\",\"dueDate\":\"2027-01-0" + (i + 1)
                            + "\",\"priority\":\"HIGH\",\"kind\":\"CORRECTIVE\",\"incidentId\":\"" + incidents.get(i) + "\"}")
                    .post("/api/v1/action-items").then().statusCode(201).extract().header("Location");
            String item = location.substring(location.lastIndexOf('/') + 1);
            as().body("{}").post("/api/v1/action-items/" + item + "/start").then().statusCode(200);
        }
        return incidents;
    }

    private String declare(String title) {
        return as().body("{\"title\":\"" + title + "\",\"severity\":\"P2\",\"services\":[\"checkout\"]}")
                .post("/api/v1/incidents").then().statusCode(201).extract().path("id");
    }

    private void everyRowHoldsExactlyItsEvents(List<String> incidents) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            Map<String, Long> logged = eventsPerSubject("incidentId");
            assertThat(logged).hasSize(INCIDENTS).allSatisfy((id, count) -> assertThat(count).isEqualTo(NOTES + 1));
            assertThat(versions("incident_list_view", "incident_id")).isEqualTo(logged);
            assertThat(versions("incident_metrics", "incident_id", "(state -> 'incident' ->> 'version')::bigint"))
                    .isEqualTo(logged);
            Map<String, Long> items = eventsPerSubject("actionItemId");
            assertThat(items).hasSize(5);
            assertThat(versions("action_item_view", "action_item_id")).isEqualTo(items);
        });
        assertThat(incidents).hasSize(INCIDENTS);
    }

    private Map<String, Long> eventsPerSubject(String tag) throws Exception {
        return query("SELECT t ->> 'value' AS id, count(*) AS n FROM event_store_event, jsonb_array_elements(tags) t"
                + " WHERE tenant_id = $1 AND t ->> 'key' = '" + tag + "' GROUP BY 1");
    }

    private Map<String, Long> versions(String table, String idColumn) throws Exception {
        return versions(table, idColumn, "(state ->> 'version')::bigint");
    }

    private Map<String, Long> versions(String table, String idColumn, String version) throws Exception {
        return query("SELECT " + idColumn + "::text AS id, " + version + " AS n FROM " + table + " WHERE tenant_id = $1");
    }

    private Map<String, Long> query(String sql) throws Exception {
        Map<String, Long> result = new HashMap<>();
        for (Row row : pool.preparedQuery(sql).execute(Tuple.of(tenant)).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS)) {
            result.put(row.getString("id"), row.getLong("n"));
        }
        return result;
    }

    private long parkedOfThisTenant() throws Exception {
        return pool.preparedQuery("SELECT count(*) FROM projection_parked_event WHERE tenant_id = $1")
                .execute(Tuple.of(tenant)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)
                .iterator().next().getLong(0);
    }

    private Set<String> owners(String processor) throws Exception {
        Set<String> owners = new java.util.HashSet<>();
        pool.preparedQuery("SELECT coalesce(owner, '') FROM token_store_entry WHERE processor_name = $1")
                .execute(Tuple.of(processor)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)
                .forEach(row -> owners.add(row.getString(0)));
        return owners;
    }

    private long sleepingSessions() throws Exception {
        return pool.query("SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep'").execute()
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).iterator().next().getLong(0);
    }

    private long sequence(String name) throws Exception {
        return pool.query("SELECT last_value FROM " + name).execute().toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS).iterator().next().getLong(0);
    }

    private RequestSpecification as() {
        return given().contentType(ContentType.JSON).header("X-Test-Tenant", tenant).header("X-Test-Actor", "alice");
    }

    private void sql(String statement) throws Exception {
        pool.query(statement).execute().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
