package io.firedrill.bootstrap.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.firedrill.bootstrap.TestAuth;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Valid commands and administrative changes sent by an admin of another tenant, naming this tenant's objects: each is
 * a 404, and the object is as it was. (The access matrix sends empty bodies, which validation refuses first.)
 */
@QuarkusTest
class CrossTenantWritesTest {

    private final String own = "owner-" + UUID.randomUUID().toString().substring(0, 8);
    private final String other = "intruder-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void anotherTenantsAdminCannotChangeThisTenantsObjects() {
        TestAuth.tenant(own);
        TestAuth.tenant(other);
        String incident = id(asOwn().body("{\"title\":\"Ours\",\"severity\":\"P2\",\"services\":[\"web\"]}")
                .post("/api/v1/incidents"));
        String item = id(asOwn().body("{\"title\":\"Ours too\",\"owner\":\"alice\",\"dueDate\":\"2031-01-01\","
                + "\"priority\":\"HIGH\",\"kind\":\"CORRECTIVE\"}").post("/api/v1/action-items"));
        String plan = id(asOwn().body("""
                {"name":"ours","service":"web","scenario":"s","hypothesis":"h","owner":"alice","severity":"P3",
                 "steps":[{"kind":"MANUAL","name":"m","manual":{"instructions":"do it"}}],"schedule":null}""")
                .post("/api/v1/drill-plans"));
        String run = id(asOwn().post("/api/v1/drill-plans/" + plan + "/runs"));
        var integration = asOwn().body("{\"name\":\"ours\",\"kind\":\"ALERTMANAGER\",\"defaultService\":\"web\"}")
                .post("/api/v1/integrations").then().statusCode(201).extract();
        String integrationId = integration.path("id");
        String token = asOwn().body("{\"name\":\"ours\",\"roles\":[\"viewer\"]}").post("/api/v1/tokens")
                .then().statusCode(201).extract().path("id");

        refused(asOther().body("{\"text\":\"not yours\"}").post("/api/v1/incidents/" + incident + "/notes"));
        refused(asOther().body("{\"severity\":\"P0\",\"reason\":\"not yours\"}")
                .post("/api/v1/incidents/" + incident + "/severity"));
        refused(asOther().body("{}").post("/api/v1/incidents/" + incident + "/acknowledge"));
        refused(asOther().body("{\"note\":\"not yours\"}").post("/api/v1/action-items/" + item + "/complete"));
        refused(asOther().body("{\"severity\":\"P1\"}").patch("/api/v1/drill-plans/" + plan));
        refused(asOther().body("{\"reason\":\"not yours\"}").post("/api/v1/drill-plans/" + plan + "/pause"));
        refused(asOther().post("/api/v1/drill-plans/" + plan + "/runs"));
        refused(asOther().body("{\"reason\":\"not yours\"}").post("/api/v1/drill-runs/" + run + "/abort"));
        refused(asOther().body("{\"name\":\"theirs\"}").patch("/api/v1/integrations/" + integrationId));
        refused(asOther().post("/api/v1/integrations/" + integrationId + "/secret"));
        refused(asOther().delete("/api/v1/integrations/" + integrationId));
        refused(asOther().delete("/api/v1/tokens/" + token));

        asOwn().get("/api/v1/incidents/" + incident).then().statusCode(200).header("ETag", "\"1\"")
                .body("severity", equalTo("P2")).body("status", equalTo("DETECTED"));
        asOwn().get("/api/v1/action-items/" + item).then().statusCode(200).body("status", equalTo("NOT_STARTED"));
        asOwn().get("/api/v1/drill-plans/" + plan).then().statusCode(200).body("severity", equalTo("P3"))
                .body("enabled", equalTo(true));
        asOwn().get("/api/v1/drill-runs/" + run).then().statusCode(200).body("status", equalTo("RUNNING"));
        asOwn().get("/api/v1/integrations/" + integrationId).then().statusCode(200).body("name", equalTo("ours"));
        given().header("Authorization", "Bearer " + integration.path("secret"))
                .contentType(ContentType.JSON).body("{}").post("/api/v1/integrations/" + integrationId + "/alertmanager")
                .then().statusCode(org.hamcrest.Matchers.not(401));
        asOwn().get("/api/v1/tokens/" + token).then().statusCode(200).body("revokedAt", nullValue());
    }

    private RequestSpecification asOwn() {
        return given().contentType(ContentType.JSON).header(TestAuth.TENANT, own);
    }

    private RequestSpecification asOther() {
        return given().contentType(ContentType.JSON).header(TestAuth.TENANT, other).header(TestAuth.ACTOR, "intruder");
    }

    private static void refused(Response response) {
        response.then().statusCode(404).contentType("application/problem+json");
    }

    private static String id(Response response) {
        String location = response.then().statusCode(201).extract().header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
