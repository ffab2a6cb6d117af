package io.firedrill.bootstrap.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Test helpers: integrations of a fresh tenant, fixtures, signed requests, and waiting for grouping. */
final class AlertApi {

    final String tenant = "alerts-" + UUID.randomUUID().toString().substring(0, 8);

    RequestSpecification as() {
        return given().contentType(ContentType.JSON).header("X-Test-Actor", "ops").header("X-Test-Tenant", tenant);
    }

    /** Creates an integration; returns its id and secret. */
    Created create(String json) {
        var response = as().body(json).post("/api/v1/integrations").then().statusCode(201).extract();
        return new Created(response.path("id"), response.path("secret"));
    }

    Created alertmanager(String extra) {
        return create("{\"name\":\"am-" + UUID.randomUUID().toString().substring(0, 6) + "\",\"kind\":\"ALERTMANAGER\","
                + "\"defaultService\":\"unknown-service\",\"severityMapping\":{\"critical\":\"P1\",\"warning\":\"P3\"}"
                + extra + "}");
    }

    record Created(String id, String secret) {
    }

    static String fixture(String name) {
        try (InputStream in = AlertApi.class.getResourceAsStream("/alerts/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    RequestSpecification bearer(Created integration) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + integration.secret());
    }

    RequestSpecification signed(Created integration, long timestamp, String body) {
        return given().contentType(ContentType.JSON)
                .header("X-Firedrill-Timestamp", String.valueOf(timestamp))
                .header("X-Firedrill-Signature", "v1=" + hmac(integration.secret(), timestamp + "." + body))
                .body(body);
    }

    static String hmac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tenant's incidents from the list, once there are {@code count}. */
    List<Map<String, Object>> awaitIncidents(int count) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(incidents()).hasSize(count));
        return incidents();
    }

    List<Map<String, Object>> incidents() {
        return as().queryParam("limit", 500).get("/api/v1/incidents").then().statusCode(200).extract().path("items");
    }

    List<Map<String, Object>> timeline(String incidentId) {
        return as().get("/api/v1/incidents/" + incidentId + "/timeline").then().statusCode(200).extract().path("$");
    }

    Map<String, Object> incident(String incidentId) {
        return as().get("/api/v1/incidents/" + incidentId).then().statusCode(200).extract().path("$");
    }

    List<Map<String, Object>> alerts(Created integration) {
        return as().queryParam("limit", 500).get("/api/v1/integrations/" + integration.id() + "/alerts")
                .then().statusCode(200).extract().path("items");
    }

    static long count(List<Map<String, Object>> timeline, String type) {
        return timeline.stream().filter(entry -> type.equals(entry.get("type"))).count();
    }
}
