package io.firedrill.bootstrap.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firedrill.bootstrap.TestAuth;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A destination that is down for the whole test: every message is retried until its age passes dead-after, then
 * becomes a dead letter in the delivery log, with every attempt; none is dropped, and later messages of an incident do
 * not wait for ever behind a dead one.
 */
@QuarkusTest
@TestProfile(DeadLettersTest.ShortLived.class)
class DeadLettersTest {

    /** Messages die after 3 s; retries come every 200 to 500 ms. */
    public static class ShortLived implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("firedrill.notifications.dead-after", "3s",
                    "firedrill.notifications.first-retry-delay", "200ms",
                    "firedrill.notifications.max-retry-delay", "500ms");
        }
    }

    private final String tenant = "dead-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aDestinationDownForTheWholeTest_endsInDeadLetters_noneDropped() throws Exception {
        TestAuth.tenant(tenant);
        try (VendorServers vendors = new VendorServers()) {
            vendors.mode = VendorServers.Mode.SERVER_ERROR;
            // a signed webhook: 10 a second, so that the retries are not held back by the rate limit
            var created = given().contentType(ContentType.JSON).header(TestAuth.TENANT, tenant)
                    .body("{\"name\":\"down\",\"kind\":\"WEBHOOK\",\"url\":\"" + vendors.url("webhook") + "\"}")
                    .post("/api/v1/notification-channels").then().statusCode(201).extract();
            given().contentType(ContentType.JSON).header(TestAuth.TENANT, tenant)
                    .body("{\"name\":\"r\",\"channelId\":\"" + created.path("id") + "\",\"types\":[\"incident.declared\","
                            + "\"incident.acknowledged\"]}")
                    .post("/api/v1/notification-routes").then().statusCode(201);
            for (int i = 0; i < 3; i++) {
                String id = given().contentType(ContentType.JSON).header(TestAuth.TENANT, tenant)
                        .body("{\"title\":\"Down " + i + "\",\"severity\":\"P2\",\"services\":[\"web\"]}")
                        .post("/api/v1/incidents").then().statusCode(201).extract().path("id");
                given().contentType(ContentType.JSON).header(TestAuth.TENANT, tenant).body("{}")
                        .post("/api/v1/incidents/" + id + "/acknowledge").then().statusCode(200);
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> deliveries().size() == 6
                    && deliveries().stream().allMatch(d -> "DEAD".equals(d.get("status"))));
            // a declaration is retried until it dies; its acknowledgement waited behind it, and dies at its first try, or
            // without one when the destination's circuit breaker (open by then) holds it back
            assertThat(deliveries()).filteredOn(d -> ((String) d.get("title")).contains("declared"))
                    .hasSize(3).allSatisfy(d -> assertThat((Integer) d.get("attempts")).isGreaterThanOrEqualTo(2));
            for (Map<String, Object> dead : deliveries()) {
                assertThat((String) dead.get("deadReason")).startsWith("Undelivered for PT3S");
                assertThat((List<Map<String, Object>>) dead.get("history"))
                        .allSatisfy(attempt -> assertThat(attempt.get("status")).isEqualTo(500));
            }
            assertThat(vendors.received).isEmpty();
        }
    }

    private List<Map<String, Object>> deliveries() {
        return given().header(TestAuth.TENANT, tenant).get("/api/v1/notifications/deliveries").then().statusCode(200)
                .extract().path("items");
    }
}
