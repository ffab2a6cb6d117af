package io.firedrill.bootstrap.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.firedrill.bootstrap.TestAuth;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The audit log: commands, administrative changes and refusals are recorded in the tenant's chain, with who, what,
 * which object, the outcome and the version they led to; a refused command changes nothing else; an edited record
 * and a deleted one are named by {@code verify}.
 */
@QuarkusTest
class AuditLogTest {

    @Inject
    Pool pool;

    private final String tenant = "audit-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void commandsChangesAndRefusalsAreRecorded_andARefusedCommandChangesNothingElse() {
        TestAuth.tenant(tenant);
        String incident = given().contentType(ContentType.JSON).header(TestAuth.TENANT, tenant).header(TestAuth.ACTOR, "alice")
                .body("{\"title\":\"Audited\",\"severity\":\"P2\",\"services\":[\"web\"]}").post("/api/v1/incidents")
                .then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).header(TestAuth.TENANT, tenant).header(TestAuth.ACTOR, "victor")
                .header(TestAuth.ROLE, "viewer").body("{\"text\":\"not mine to write\"}")
                .post("/api/v1/incidents/" + incident + "/notes").then().statusCode(403);
        given().contentType(ContentType.JSON).header(TestAuth.TENANT, tenant)
                .body("{\"name\":\"ci\",\"roles\":[\"viewer\"]}").post("/api/v1/tokens").then().statusCode(201);
        given().header(TestAuth.TENANT, tenant).get("/api/v1/incidents/" + incident).then().statusCode(200)
                .header("ETag", "\"1\"");

        List<Map<String, Object>> items = audit().getList("items");

        assertThat(items).extracting(item -> item.get("endpoint")).containsExactly("POST /api/v1/incidents",
                "POST /api/v1/incidents/{id}/notes", "POST /api/v1/tokens");
        assertThat(items.get(0)).containsEntry("actor", "alice").containsEntry("status", 201)
                .containsEntry("version", "1").containsEntry("path", "/api/v1/incidents")
                .containsEntry("seq", 1).containsEntry("prevHash", "");
        assertThat((String) items.get(0).get("credential")).startsWith("token:");
        assertThat(items.get(1)).containsEntry("actor", "victor").containsEntry("status", 403)
                .containsEntry("path", "/api/v1/incidents/" + incident + "/notes");
        assertThat(items.get(2)).containsEntry("actor", "tester").containsEntry("status", 201);
        assertThat(items.get(1).get("prevHash")).isEqualTo(items.get(0).get("hash"));
        assertThat(items.get(0).get("address")).isEqualTo("127.0.0.1");
        given().header(TestAuth.TENANT, tenant).queryParam("status", 403).get("/api/v1/audit").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].actor", equalTo("victor"));
        given().header(TestAuth.TENANT, tenant).get("/api/v1/audit/verify").then().statusCode(200)
                .body("intact", equalTo(true)).body("checked", equalTo(3)).body("brokenAt", nullValue());
    }

    @Test
    void aRequestWhosePathHoldsANulIsRecordedAsSent_andTheChainGoesOn() {
        given().header(TestAuth.ANONYMOUS, "yes").urlEncodingEnabled(false).get("/api/v1/incidents/%00").then()
                .statusCode(401);
        given().header(TestAuth.ANONYMOUS, "yes").get("/api/v1/incidents").then().statusCode(401);

        given().header(TestAuth.ROLE, "platform-admin").queryParam("status", 401).queryParam("limit", 500)
                .get("/api/v1/platform/audit").then().statusCode(200)
                .body("items.path", org.hamcrest.Matchers.hasItem("/api/v1/incidents/%00"));
        given().header(TestAuth.ROLE, "platform-admin").get("/api/v1/platform/audit/verify").then().statusCode(200)
                .body("intact", equalTo(true));
    }

    @Test
    void anEditedRecordIsNamedByVerify() throws Exception {
        int records = threeRecords();
        assertThat(records).isEqualTo(3);

        sql("UPDATE audit_record SET status = 200 WHERE chain = $1 AND seq = 2");

        given().header(TestAuth.TENANT, tenant).get("/api/v1/audit/verify").then().statusCode(200)
                .body("intact", equalTo(false)).body("brokenAt", equalTo(2))
                .body("problem", equalTo("record 2 was changed: its content does not match its hash"));
    }

    @Test
    void aDeletedRecordLeavesAGapThatVerifyNames_andSoDoesADeletedTail() throws Exception {
        threeRecords();

        sql("DELETE FROM audit_record WHERE chain = $1 AND seq = 2");

        given().header(TestAuth.TENANT, tenant).get("/api/v1/audit/verify").then().statusCode(200)
                .body("intact", equalTo(false)).body("brokenAt", equalTo(2))
                .body("problem", equalTo("record 2 is missing: after 1 the chain goes on with 3"));

        sql("DELETE FROM audit_record WHERE chain = $1 AND seq > 1");

        given().header(TestAuth.TENANT, tenant).get("/api/v1/audit/verify").then().statusCode(200)
                .body("intact", equalTo(false)).body("brokenAt", equalTo(2))
                .body("problem", equalTo("records 2 to 3 are missing: the chain's head remembers record 3"));
    }

    private int threeRecords() {
        TestAuth.tenant(tenant);
        for (int i = 0; i < 3; i++) {
            given().contentType(ContentType.JSON).header(TestAuth.TENANT, tenant)
                    .body("{\"title\":\"Audited " + i + "\",\"severity\":\"P3\",\"services\":[\"web\"]}")
                    .post("/api/v1/incidents").then().statusCode(201);
        }
        given().header(TestAuth.TENANT, tenant).get("/api/v1/audit/verify").then().statusCode(200)
                .body("intact", equalTo(true));
        return audit().getList("items").size();
    }

    private JsonPath audit() {
        return given().header(TestAuth.TENANT, tenant).get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
    }

    private void sql(String statement) throws Exception {
        pool.preparedQuery(statement).execute(Tuple.of(tenant)).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }
}
