package io.firedrill.bootstrap.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.firedrill.application.port.out.AccessTokenStore;
import io.firedrill.application.port.out.TenantStore;
import io.firedrill.application.security.AccessTokenService;
import io.firedrill.bootstrap.TestAuth;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A revoked token is refused at once by the instance that revoked it and within a second by another instance on the
 * same database. The other instance is this application's token service built a second time over the same stores:
 * its cache of tokens (the only state an instance keeps about them) is its own.
 */
@QuarkusTest
class TokenRevocationTest {

    @Inject
    AccessTokenStore store;

    @Inject
    TenantStore tenants;

    private final String tenant = "revoke-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aRevokedTokenIsRefusedHereAtOnce_andOnAnotherInstanceWithinASecond() throws Exception {
        TestAuth.tenant(tenant);
        var created = given().contentType(ContentType.JSON).header(TestAuth.TENANT, tenant)
                .body("{\"name\":\"laptop\",\"subject\":\"dana\",\"roles\":[\"viewer\"]}").post("/api/v1/tokens")
                .then().statusCode(201).extract();
        String secret = created.path("secret");
        AccessTokenService otherInstance = new AccessTokenService(store, tenants, Clock.systemUTC());
        given().header("Authorization", "Bearer " + secret).get("/api/v1/incidents").then().statusCode(200);
        assertThat(otherInstance.authenticate(secret).get(10, TimeUnit.SECONDS)).isPresent();

        given().header(TestAuth.TENANT, tenant).delete("/api/v1/tokens/" + created.path("id")).then().statusCode(200);
        long revoked = System.nanoTime();

        given().header("Authorization", "Bearer " + secret).get("/api/v1/incidents").then().statusCode(401);
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> otherInstance.authenticate(secret).get(1, TimeUnit.SECONDS).isEmpty());
        assertThat(Duration.ofNanos(System.nanoTime() - revoked)).isLessThan(Duration.ofSeconds(1));
        given().header(TestAuth.TENANT, tenant).get("/api/v1/tokens/" + created.path("id")).then().statusCode(200)
                .body("revokedBy", equalTo("tester")).body("revokedAt", notNullValue());
    }
}
