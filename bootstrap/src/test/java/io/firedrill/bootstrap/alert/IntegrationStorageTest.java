package io.firedrill.bootstrap.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.firedrill.bootstrap.TestAuth;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Integrations kept through Hibernate Reactive with Panache: the settings are a JSON object in the {@code json} column
 * (as the earlier SQL adapter wrote them, so that rows of either read alike), changes move the version, and a deleted
 * integration keeps its row without its sealed key.
 */
@QuarkusTest
class IntegrationStorageTest {

    @Inject
    Pool pool;

    private final String tenant = "storage-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void settingsAreStoredAsAJsonObject_changesMoveTheVersion_andADeletionKeepsTheRow() throws Exception {
        TestAuth.tenant(tenant);
        String id = given().contentType(ContentType.JSON).header(TestAuth.TENANT, tenant)
                .body("{\"name\":\"stored\",\"kind\":\"ALERTMANAGER\",\"defaultService\":\"web\","
                        + "\"severityMapping\":{\"critical\":\"P1\",\"warning\":\"P3\"}}")
                .post("/api/v1/integrations").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).header(TestAuth.TENANT, tenant).header("If-Match", "\"1\"")
                .body("{\"defaultService\":\"checkout\"}").patch("/api/v1/integrations/" + id)
                .then().statusCode(200).header("ETag", "\"2\"");

        var row = pool.preparedQuery("SELECT json_typeof(settings) AS type, settings ->> 'defaultService' AS service,"
                        + " settings -> 'severityMapping' ->> 'critical' AS critical, version FROM integration"
                        + " WHERE integration_id = $1").execute(Tuple.of(UUID.fromString(id)))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).iterator().next();
        assertThat(row.getString("type")).isEqualTo("object");
        assertThat(row.getString("service")).isEqualTo("checkout");
        assertThat(row.getString("critical")).isEqualTo("P1");
        assertThat(row.getLong("version")).isEqualTo(2);

        given().header(TestAuth.TENANT, tenant).delete("/api/v1/integrations/" + id).then().statusCode(204);
        given().header(TestAuth.TENANT, tenant).get("/api/v1/integrations/" + id).then().statusCode(404);
        var deleted = pool.preparedQuery("SELECT deleted_at IS NOT NULL AS deleted FROM integration WHERE integration_id = $1")
                .execute(Tuple.of(UUID.fromString(id))).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS).iterator().next();
        assertThat(deleted.getBoolean("deleted")).isTrue();
    }
}
