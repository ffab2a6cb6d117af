package io.firedrill.bootstrap.notification;

import static io.restassured.RestAssured.given;

import io.firedrill.bootstrap.TestAuth;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A fresh tenant with the vendors' stand-ins, for the tests of what reaches channels: channels, routes, the log. */
final class NotifyingTenant implements AutoCloseable {

    final String tenant;
    final VendorServers vendors;

    NotifyingTenant(String prefix) throws Exception {
        tenant = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        TestAuth.tenant(tenant);
        vendors = new VendorServers();
    }

    RequestSpecification as() {
        return given().contentType(ContentType.JSON).header(TestAuth.TENANT, tenant);
    }

    /** A Slack channel to the stand-in; with {@code drills}, it accepts drill traffic. */
    String slack(boolean drills) {
        return as().body("{\"name\":\"team\",\"kind\":\"SLACK\",\"url\":\"" + vendors.url("slack") + "\",\"drills\":"
                + drills + "}").post("/api/v1/notification-channels").then().statusCode(201).extract().path("id");
    }

    /** A route of the notice types to the channel, production traffic. */
    void route(String channel, String... types) {
        as().body("{\"name\":\"r\",\"channelId\":\"" + channel + "\",\"types\":[\"" + String.join("\",\"", types) + "\"]}")
                .post("/api/v1/notification-routes").then().statusCode(201);
    }

    List<Map<String, Object>> deliveries() {
        return as().get("/api/v1/notifications/deliveries").then().statusCode(200).extract().path("items");
    }

    /** Whether every message of the tenant has been delivered. */
    boolean allDelivered() {
        return deliveries().stream().allMatch(d -> "DELIVERED".equals(d.get("status")));
    }

    /** The Slack stand-in's messages: the title line, then the text. */
    List<String> slackTexts() {
        return vendors.of("slack").stream().map(r -> r.body().path("blocks").path(0).path("text").path("text").asText()
                + "\n" + r.body().path("blocks").path(1).path("text").path("text").asText()).toList();
    }

    @Override
    public void close() {
        vendors.close();
    }
}
