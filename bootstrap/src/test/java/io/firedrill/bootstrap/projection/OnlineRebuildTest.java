package io.firedrill.bootstrap.projection;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A read model is rebuilt online (issue 20): {@code POST /api/v1/admin/projections/{name}/rebuild} answers 202 and
 * fills a copy of the read model from the log while the live one keeps serving and commands go on; once the copy has
 * caught up it replaces the live rows, which then hold every event, those appended during the rebuild included (and
 * for a read model the new events do not touch, equal what they were, row for row). A second rebuild while one runs,
 * and a rebuild of an automation, are 409; an unknown name is a 404.
 */
@QuarkusTest
class OnlineRebuildTest {

    private static final Map<String, String> TABLES = Map.of("incident-list", "incident_list_view ORDER BY incident_id",
            "incident-metrics", "incident_metrics ORDER BY incident_id",
            "action-item-list", "action_item_view ORDER BY action_item_id",
            "drill-plan-list", "drill_plan_view ORDER BY drill_plan_id",
            "drill-run-list", "drill_run_view ORDER BY drill_run_id");

    @Inject
    Pool pool;

    private final String tenant = "rebuild-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void givenReadModelsCaughtUp_whenEachIsRebuiltOnline_thenItServesThroughoutAndEqualsWhatItWasRowForRow()
            throws Exception {
        List<String> incidents = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String id = as().body("{\"title\":\"Rebuild " + i + "\",\"severity\":\"P" + (i % 4)
                    + "\",\"services\":[\"svc-" + (i % 3) + "\"]}").post("/api/v1/incidents").then().statusCode(201)
                    .extract().path("id");
            incidents.add(id);
            as().body("{}").post("/api/v1/incidents/" + id + "/acknowledge").then().statusCode(200);
            as().body(Map.of("text", "looking")).post("/api/v1/incidents/" + id + "/notes").then().statusCode(200);
            if (i % 2 == 0) {
                as().body("{\"note\":\"rolled back\"}").post("/api/v1/incidents/" + id + "/mitigate").then().statusCode(200);
            }
            as().body("{\"title\":\"Fix " + i + "\",\"owner\":\"bob\",\"dueDate\":\"2027-02-01\",\"priority\":\"HIGH\","
                    + "\"kind\":\"CORRECTIVE\",\"incidentId\":\"" + id + "\"}").post("/api/v1/action-items")
                    .then().statusCode(201);
            String plan = as().body("{\"name\":\"Drill " + i + "\",\"service\":\"svc-" + (i % 3) + "\",\"scenario\":\"s\","
                    + "\"hypothesis\":\"h\",\"owner\":\"bob\",\"severity\":\"P2\",\"steps\":[{\"kind\":\"MANUAL\","
                    + "\"name\":\"m\",\"manual\":{\"instructions\":\"do it\"}}]}").post("/api/v1/drill-plans")
                    .then().statusCode(201).extract().path("id");
            if (i % 2 == 0) {
                as().body("{\"severity\":\"P1\"}").patch("/api/v1/drill-plans/" + plan).then().statusCode(200);
            }
            if (i % 3 == 0) {
                as().body("{\"reason\":\"freeze\"}").post("/api/v1/drill-plans/" + plan + "/pause").then().statusCode(200);
            }
            String run = as().post("/api/v1/drill-plans/" + plan + "/runs").then().statusCode(201).extract().path("id");
            if (i % 4 == 0) {
                as().body("{\"reason\":\"rehearsal over\"}").post("/api/v1/drill-runs/" + run + "/abort").then().statusCode(200);
            }
        }
        for (String name : TABLES.keySet()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> lagEvents(name) == 0);
            List<String> before = rows(TABLES.get(name));
            assertThat(before).hasSize(12);

            // The swap waits while the test holds the live read model's checkpoints: the rebuild stays under way.
            SqlConnection holder = pool.getConnection().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            try {
                holder.query("BEGIN").execute().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                holder.preparedQuery("SELECT 1 FROM token_store_entry WHERE processor_name = $1 FOR UPDATE")
                        .execute(Tuple.of(name)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

                given().post("/api/v1/admin/projections/" + name + "/rebuild").then().statusCode(202)
                        .header("Location", containsString("/api/v1/admin/projections"))
                        .body("state", equalTo("REBUILDING"));
                await().atMost(Duration.ofSeconds(30)).until(() -> "REBUILDING".equals(projection(name).get("state")));
                given().post("/api/v1/admin/projections/" + name + "/rebuild").then().statusCode(409)
                        .contentType("application/problem+json").body("code", equalTo("REBUILD_RUNNING"));
                // The live read model serves meanwhile.
                as().get("/api/v1/incidents").then().statusCode(200);
                assertThat(rows(TABLES.get(name))).isEqualTo(before);
                // Commands go on while the rebuild runs: the rebuilt copy must take them in too.
                for (String id : incidents) {
                    as().body(Map.of("text", "during the rebuild of " + name)).post("/api/v1/incidents/" + id + "/notes")
                            .then().statusCode(200);
                }
            } finally {
                holder.query("ROLLBACK").execute().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                holder.close();
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> "LIVE".equals(projection(name).get("state")));
            await().atMost(Duration.ofSeconds(60)).until(() -> lagEvents(name) == 0);
            if (name.startsWith("action-item") || name.startsWith("drill-")) {
                // The notes are no action item or drill facts: the rebuilt rows are those there were, row for row.
                assertThat(rows(TABLES.get(name))).as(name + " after its rebuild").isEqualTo(before);
            } else {
                // Every incident row holds exactly its incident's events, the notes added during the rebuild included.
                assertThat(versions(TABLES.get(name))).as(name + " after its rebuild").isEqualTo(eventsPerIncident());
            }
        }
        assertThat(incidents).hasSize(12);
    }

    @Test
    void anAutomationIsNotRebuilt_andAnUnknownNameIsA404() {
        given().post("/api/v1/admin/projections/alert-grouping/rebuild").then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("NOT_REBUILDABLE"));
        given().post("/api/v1/admin/projections/no-such-thing/rebuild").then().statusCode(404)
                .contentType("application/problem+json");
    }

    private Map<String, Long> versions(String tableAndOrder) throws Exception {
        String table = tableAndOrder.substring(0, tableAndOrder.indexOf(' '));
        String version = table.equals("incident_metrics") ? "(state -> 'incident' ->> 'version')::bigint"
                : "(state ->> 'version')::bigint";
        return counts("SELECT incident_id::text AS id, " + version + " AS n FROM " + table + " WHERE tenant_id = $1");
    }

    private Map<String, Long> eventsPerIncident() throws Exception {
        return counts("SELECT t ->> 'value' AS id, count(*) AS n FROM event_store_event, jsonb_array_elements(tags) t"
                + " WHERE tenant_id = $1 AND t ->> 'key' = 'incidentId' GROUP BY 1");
    }

    private Map<String, Long> counts(String sql) throws Exception {
        Map<String, Long> counts = new java.util.HashMap<>();
        pool.preparedQuery(sql).execute(Tuple.of(tenant)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)
                .forEach(row -> counts.put(row.getString("id"), row.getLong("n")));
        return counts;
    }

    private long lagEvents(String name) {
        Object lag = projection(name).get("lagEvents");
        return lag == null ? Long.MAX_VALUE : ((Number) lag).longValue();
    }

    private static Map<String, Object> projection(String name) {
        List<Map<String, Object>> items = given().get("/api/v1/admin/projections").then().statusCode(200)
                .extract().path("items");
        return items.stream().filter(item -> name.equals(item.get("name"))).findFirst().orElseThrow();
    }

    /**
     * This test's rows (other tests write rows of their own straight into read models, with positions that are not
     * the log's: a rebuild from the log rightly drops those).
     */
    private List<String> rows(String tableAndOrder) throws Exception {
        List<String> rows = new ArrayList<>();
        pool.preparedQuery("SELECT t::text FROM " + tableAndOrder.replace(" ORDER BY ", " t WHERE tenant_id = $1 ORDER BY "))
                .execute(Tuple.of(tenant))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)
                .forEach(row -> rows.add(row.getString(0)));
        return rows;
    }

    private RequestSpecification as() {
        return given().contentType(ContentType.JSON).header("X-Test-Tenant", tenant).header("X-Test-Actor", "alice");
    }
}
