package io.firedrill.bootstrap.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
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
        for (String path : new String[] {"/q/metrics", "/q/metrics/"}) {
            given().header(TestAuth.ANONYMOUS, "yes").get(path).then().statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", startsWith("Bearer"));
        }
        given().header(TestAuth.ANONYMOUS, "yes").header("Authorization", "Bearer fd_unknown").get("/q/metrics").then()
                .statusCode(401);
        given().header("Authorization", TestAuth.bearer("ada", "monitoring", Role.ADMIN)).get("/q/metrics").then()
                .statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("platform-admin"));
        given().header("Authorization", TestAuth.platformAdmin("root")).get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_threads_started_threads_total"));

        // refusals are audited: a tenant's admin in the tenant's chain, no credential in the platform's
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            given().header("Authorization", TestAuth.bearer("ada", "monitoring", Role.ADMIN)).queryParam("status", 403)
                    .get("/api/v1/audit").then().statusCode(200)
                    .body("items.find { it.actor == 'ada' }.endpoint", equalTo("GET /q/metrics"));
            given().header(TestAuth.ROLE, "platform-admin").queryParam("status", 401).queryParam("limit", 500)
                    .get("/api/v1/platform/audit").then().statusCode(200)
                    .body("items.find { it.path == '/q/metrics/' }.endpoint", equalTo("GET /q/metrics"));
        });
    }

    @Test
    void theOpenApiDocumentNeedsAnyValidTokenInEveryForm_healthStaysOpen() {
        for (String path : new String[] {"/q/openapi", "/q/openapi.json", "/q/openapi.yaml", "/q/openapi.yml"}) {
            given().header(TestAuth.ANONYMOUS, "yes").get(path).then().statusCode(401)
                    .contentType("application/problem+json");
        }
        given().header("Authorization", TestAuth.bearer("vic", "default", Role.VIEWER)).get("/q/openapi").then()
                .statusCode(200).body(containsString("/api/v1/incidents"));
        given().header("Authorization", TestAuth.platformAdmin("root")).get("/q/openapi.json").then()
                .statusCode(200).body(containsString("/api/v1/incidents"));
        given().header(TestAuth.ANONYMOUS, "yes").get("/q/health/live").then().statusCode(200)
                .body("status", equalTo("UP"));
    }
}
