package io.firedrill.bootstrap.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.firedrill.application.port.in.security.Role;
import io.firedrill.bootstrap.TestAuth;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Per-credential rate limits and failed-authentication throttling answer 429 with Retry-After, and hold one caller
 * back without holding back another. Body size limits (413) are BodyLimitsTest's.
 */
@QuarkusTest
@TestProfile(AbuseLimitsTest.Limits.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the address stays blocked for the window once throttled
class AbuseLimitsTest {

    /**
     * Small limits: 5 requests at once, then one every 100 s (so that a slow machine cannot refill the bucket between
     * the test's requests); 3 failed authentications a minute.
     */
    public static class Limits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("firedrill.security.rate-limit.per-second", "0.01", "firedrill.security.rate-limit.burst", "5",
                    "firedrill.security.failed-auth.limit", "3", "firedrill.security.failed-auth.window", "1m");
        }
    }

    @Test
    @Order(1)
    void aCredentialPastItsRateIsAnswered429WithRetryAfter_whileAnotherGoesOn() {
        String busy = TestAuth.bearer("busy", "default", Role.VIEWER);
        String calm = TestAuth.bearer("calm", "default", Role.VIEWER);
        for (int i = 0; i < 5; i++) {
            given().header("Authorization", busy).get("/api/v1/me").then().statusCode(200);
        }

        String retryAfter = given().header("Authorization", busy).get("/api/v1/me").then().statusCode(429)
                .contentType("application/problem+json").extract().header("Retry-After");
        // the seconds until the next token: about 100 at one token every 100 s
        org.assertj.core.api.Assertions.assertThat(Integer.parseInt(retryAfter)).isBetween(90, 100);
        given().header("Authorization", calm).get("/api/v1/me").then().statusCode(200);
    }

    @Test
    @Order(2)
    void anAddressThatFailedToAuthenticateTooOftenIsRefusedBeforeItsCredentialIsLookedUp() {
        String valid = TestAuth.bearer("valid", "default", Role.VIEWER);
        // requests without any credential are not failed authentications
        for (int i = 0; i < 5; i++) {
            given().header(TestAuth.ANONYMOUS, "yes").get("/api/v1/me").then().statusCode(401);
        }
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", "Bearer fd_" + "x".repeat(43)).get("/api/v1/me").then().statusCode(401);
        }

        given().header("Authorization", valid).get("/api/v1/me").then().statusCode(429)
                .contentType("application/problem+json").header("Retry-After", notNullValue())
                .body("detail", startsWith("Too many failed authentications from this address"));
    }
}
