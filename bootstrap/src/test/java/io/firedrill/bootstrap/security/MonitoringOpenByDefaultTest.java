package io.firedrill.bootstrap.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.firedrill.bootstrap.TestAuth;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** By default the metrics and the OpenAPI document need no credential (MonitoringAccessTest covers the other way). */
@QuarkusTest
class MonitoringOpenByDefaultTest {

    @Test
    void metricsAndTheOpenApiDocumentAreOpen() {
        given().header(TestAuth.ANONYMOUS, "yes").get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_threads_started_threads_total"));
        given().header(TestAuth.ANONYMOUS, "yes").get("/q/openapi.json").then().statusCode(200)
                .body(containsString("/api/v1/incidents"));
    }
}
