package io.firedrill.bootstrap.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.awaitility.Awaitility.await;

import io.firedrill.application.port.in.security.Role;
import io.firedrill.bootstrap.TestAuth;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With {@code firedrill.security.metrics.authenticated} and {@code firedrill.security.openapi.authenticated} on, the
 * metrics need a platform admin's token and the OpenAPI document any valid token; health stays open. (Off, the
 * default, UriTagsTest scrapes the metrics without a credential.)
 */
@QuarkusTest
@TestProfile(MonitoringAccessTest.Protected.class)
class MonitoringAccessTest {

    public static class Protected implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("firedrill.security.metrics.authenticated", "true",
                    "firedrill.security.openapi.authenticated", "true");
        }
    }

    @Test
    void metricsNeedAPlatformAdminsToken() {
        given().header(TestAuth.ANONYMOUS, "yes").get("/q/metrics").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"));
        given().header(TestAuth.ANONYMOUS, "yes").header("Authorization", "Bearer fd_unknown").get("/q/metrics").then()
                .statusCode(401);
        given().header("Authorization", TestAuth.bearer("ada", "default", Role.ADMIN)).get("/q/metrics").then()
                .statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("platform-admin"));
        given().header("Authorization", TestAuth.platformAdmin("root")).get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_threads_started_threads_total"));

        // refusals are audited in the platform's chain
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().header(TestAuth.ROLE, "platform-admin")
                .queryParam("status", 403).queryParam("limit", 500).get("/api/v1/platform/audit").then()
                .statusCode(200).body("items.endpoint", hasItem("GET /q/metrics"))
                .body("items.actor", hasItem("ada")));
    }

    @Test
    void theOpenApiDocumentNeedsAnyValidToken_healthStaysOpen() {
        given().header(TestAuth.ANONYMOUS, "yes").get("/q/openapi").then().statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", TestAuth.bearer("vic", "default", Role.VIEWER)).get("/q/openapi").then()
                .statusCode(200).body(containsString("/api/v1/incidents"));
        given().header(TestAuth.ANONYMOUS, "yes").get("/q/health/live").then().statusCode(200)
                .body("status", equalTo("UP"));
    }
}
