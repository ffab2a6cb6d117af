package io.firedrill.bootstrap.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.firedrill.application.port.in.security.Role;
import io.firedrill.bootstrap.TestAuth;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * A request carries one credential and cannot name anyone but its principal, however its headers are repeated.
 */
@QuarkusTest
class CredentialHeadersTest {

    private static final String ME = "/api/v1/me";

    @Test
    void twoCredentialsAreRefusedLikeAWrongOne_evenWhenBothAreValid() {
        String alice = TestAuth.bearer("alice", "default", Role.RESPONDER);
        String bob = TestAuth.bearer("bob", "default", Role.ADMIN);

        given().header("Authorization", alice).header("Authorization", bob).get(ME).then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"));
        given().header("Authorization", alice).get(ME).then().statusCode(200).body("actor", equalTo("alice"));
    }

    @Test
    void aRepeatedActorOrTenantHeaderNamingAnotherIsRefused() {
        given().header("X-Firedrill-Actor", "tester").header("X-Firedrill-Actor", "mallory").get(ME).then()
                .statusCode(403).contentType("application/problem+json")
                .body("errors[0].field", equalTo("X-Firedrill-Actor"));
        given().header("X-Firedrill-Tenant", "default").header("X-Firedrill-Tenant", "other").get(ME).then()
                .statusCode(403).body("errors[0].field", equalTo("X-Firedrill-Tenant"));
        given().header("X-Firedrill-Actor", "tester").header("X-Firedrill-Tenant", "default").get(ME).then()
                .statusCode(200).body("actor", equalTo("tester")).body("tenant", equalTo("default"));
    }
}
