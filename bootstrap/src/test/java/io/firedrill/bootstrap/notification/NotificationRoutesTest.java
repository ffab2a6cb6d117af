package io.firedrill.bootstrap.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.firedrill.bootstrap.TestAuth;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Notification routes over HTTP: a route names one of the tenant's channels, carries drill traffic only to a channel
 * that accepts it, and decides which channels a notice reaches; a channel that routes use cannot be deleted.
 */
@QuarkusTest
class NotificationRoutesTest {

    private static final String ROUTES = "/api/v1/notification-routes";

    private final String tenant = "routes-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void tenant() {
        TestAuth.tenant(tenant);
    }

    private RequestSpecification as() {
        return given().contentType(ContentType.JSON).header(TestAuth.TENANT, tenant);
    }

    private String channel(String name, boolean drills) {
        // nothing is sent in these tests: a closed port on the loopback address
        return as().body("{\"name\":\"" + name + "\",\"kind\":\"SLACK\",\"drills\":" + drills
                        + ",\"url\":\"http://127.0.0.1:9/services/T/B/" + name + "\"}")
                .post("/api/v1/notification-channels").then().statusCode(201).extract().path("id");
    }

    private String route(String body) {
        return as().body(body).post(ROUTES).then().statusCode(201).extract().path("id");
    }

    private List<String> reached(String match) {
        return as().body(match).post(ROUTES + "/match").then().statusCode(200).extract().path("items.name");
    }

    @Test
    void routesDecideWhichChannelsANoticeReaches_eachOnce() {
        String warRoom = channel("war-room", false);
        String drills = channel("drills", true);
        route("{\"name\":\"severe checkout\",\"channelId\":\"" + warRoom + "\",\"types\":[\"incident.declared\","
                + "\"incident.resolved\"],\"minSeverity\":\"P1\",\"services\":[\"checkout\"]}");
        route("{\"name\":\"all declarations\",\"channelId\":\"" + warRoom + "\",\"types\":[\"incident.declared\"]}");
        route("{\"name\":\"drills\",\"channelId\":\"" + drills + "\",\"types\":[\"incident.declared\"],"
                + "\"traffic\":\"BOTH\"}");

        assertThat(reached("{\"type\":\"incident.declared\",\"severity\":\"P0\",\"services\":[\"checkout\"]}"))
                .containsExactly("war-room", "drills");
        assertThat(reached("{\"type\":\"incident.resolved\",\"severity\":\"P2\",\"services\":[\"checkout\"]}")).isEmpty();
        assertThat(reached("{\"type\":\"incident.resolved\",\"severity\":\"P1\",\"services\":[\"checkout\"]}"))
                .containsExactly("war-room");
        assertThat(reached("{\"type\":\"incident.declared\",\"severity\":\"P1\",\"services\":[\"web\"],\"drill\":true}"))
                .containsExactly("drills");
        assertThat(reached("{\"type\":\"incident.declared\",\"severity\":\"P3\",\"drill\":true}"))
                .containsExactly("drills");
        as().body("{\"type\":\"incident.declared\"}").post(ROUTES + "/match").then().statusCode(400)
                .body("errors[0].field", equalTo("severity"));
    }

    @Test
    void aRouteNeedsTheTenantsChannel_andDrillTrafficNeedsAChannelThatAcceptsIt() {
        String production = channel("production", false);
        as().body("{\"name\":\"r\",\"channelId\":\"" + production + "\",\"types\":[\"incident.declared\"],"
                + "\"traffic\":\"DRILLS\"}").post(ROUTES).then().statusCode(400)
                .body("errors[0].field", equalTo("traffic")).body("errors[0].message", containsString("drills setting"));
        as().body("{\"name\":\"r\",\"channelId\":\"" + UUID.randomUUID() + "\",\"types\":[\"incident.declared\"]}")
                .post(ROUTES).then().statusCode(400).body("errors[0].field", equalTo("channelId"));
        as().body("{\"name\":\"r\",\"channelId\":\"" + production + "\",\"types\":[]}").post(ROUTES).then()
                .statusCode(400).body("errors[0].field", equalTo("types"));
        as().body("{\"name\":\"r\",\"channelId\":\"" + production + "\",\"types\":[\"incident.exploded\"]}").post(ROUTES)
                .then().statusCode(400).body("errors[0].field", equalTo("types"));
        as().body("{\"name\":\"r\",\"channelId\":\"not-a-uuid\",\"types\":[\"incident.declared\"]}").post(ROUTES).then()
                .statusCode(400).body("errors[0].field", equalTo("channelId"));

        String other = tenant + "-other";
        TestAuth.tenant(other);
        given().contentType(ContentType.JSON).header(TestAuth.TENANT, other)
                .body("{\"name\":\"r\",\"channelId\":\"" + production + "\",\"types\":[\"incident.declared\"]}")
                .post(ROUTES).then().statusCode(400).body("errors[0].field", equalTo("channelId"));
        as().get(ROUTES).then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void changesMoveTheVersion_andAUsedChannelCannotBeDeleted() {
        String first = channel("first", false);
        String second = channel("second", true);
        String id = route("{\"name\":\"r\",\"channelId\":\"" + first + "\",\"types\":[\"incident.declared\"]}");

        as().delete("/api/v1/notification-channels/" + first).then().statusCode(409)
                .body("code", equalTo("CHANNEL_IN_USE")).body("detail", containsString(id));
        as().header("If-Match", "\"1\"").body("{\"channelId\":\"" + second + "\",\"traffic\":\"BOTH\"}")
                .patch(ROUTES + "/" + id).then().statusCode(200).header("ETag", "\"2\"")
                .body("channelId", equalTo(second)).body("traffic", equalTo("BOTH")).body("name", equalTo("r"));
        as().header("If-Match", "\"1\"").body("{\"name\":\"late\"}").patch(ROUTES + "/" + id).then().statusCode(412);
        as().body("{\"channelId\":\"" + first + "\"}").patch(ROUTES + "/" + id).then().statusCode(400)
                .body("errors[0].field", equalTo("traffic"));

        as().delete("/api/v1/notification-channels/" + first).then().statusCode(204);
        as().delete(ROUTES + "/" + id).then().statusCode(204);
        as().get(ROUTES + "/" + id).then().statusCode(404);
        as().delete("/api/v1/notification-channels/" + second).then().statusCode(204);
    }
}
