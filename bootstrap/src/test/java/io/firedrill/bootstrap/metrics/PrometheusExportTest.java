package io.firedrill.bootstrap.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firedrill.bootstrap.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /q/metrics} exports Firedrill's own figures, read from the read models and the event log. */
@QuarkusTest
class PrometheusExportTest {

    @Inject
    FiredrillGauges gauges;

    @Inject
    TestClock clock;

    private final String tenant = "prom-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void releaseTheClock() {
        clock.release();
    }

    @Test
    void givenOpenAndResolvedIncidentsAnOverdueItemAndAnAlert_whenScraped_thenEveryFiredrillFigureIsThere() {
        clock.pin(Instant.parse("2026-05-04T10:00:00Z"));
        declare("P0", "2026-05-04T09:58:00Z");
        declare("P0", "2026-05-04T09:59:00Z");
        String resolved = declare("P2", "2026-05-04T09:00:00Z");
        as().body("{\"occurredAt\":\"2026-05-04T09:04:00Z\"}").post("/api/v1/incidents/" + resolved + "/acknowledge")
                .then().statusCode(200);
        as().body("{\"occurredAt\":\"2026-05-04T09:40:00Z\"}").post("/api/v1/incidents/" + resolved + "/resolve")
                .then().statusCode(200);
        as().body("{\"title\":\"late\",\"owner\":\"bob\",\"dueDate\":\"2026-05-05\",\"priority\":\"LOW\",\"kind\":\"PREVENTIVE\"}")
                .post("/api/v1/action-items").then().statusCode(201);
        var integration = as().body("{\"name\":\"am\",\"kind\":\"ALERTMANAGER\",\"defaultService\":\"checkout\"}")
                .post("/api/v1/integrations").then().statusCode(201).extract();
        double ingestedBefore = value(scrape(), "firedrill_alerts_ingested_total\\{kind=\"alertmanager\",?\\}");
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + integration.path("secret"))
                .body("{\"version\":\"4\",\"groupKey\":\"g\",\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\","
                        + "\"labels\":{\"alertname\":\"X\"},\"annotations\":{\"summary\":\"x\"},\"startsAt\":"
                        + "\"2026-05-04T09:59:30Z\",\"fingerprint\":\"f1\"},{\"status\":\"firing\",\"labels\":"
                        + "{\"alertname\":\"Y\"},\"annotations\":{\"summary\":\"y\"},\"startsAt\":\"2026-05-04T09:59:30Z\","
                        + "\"fingerprint\":\"f2\"}]}")
                .post("/api/v1/integrations/" + integration.path("id") + "/alertmanager").then().statusCode(202);
        clock.pin(Instant.parse("2026-05-07T00:00:00Z"));
        // The last fact is one that only the action item processor handles: the others must not look behind.
        as().body("{\"title\":\"last\",\"owner\":\"bob\",\"dueDate\":\"2026-05-20\",\"priority\":\"LOW\","
                + "\"kind\":\"PREVENTIVE\"}").post("/api/v1/action-items").then().statusCode(201);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            gauges.refresh();
            String metrics = scrape();
            assertThat(value(metrics, "firedrill_incidents_open\\{tenant=\"" + tenant + "\",severity=\"P0\",?\\}")).isEqualTo(2);
            assertThat(value(metrics, "firedrill_action_items_overdue\\{tenant=\"" + tenant + "\",?\\}")).isEqualTo(1);
            // The P2 incident: acknowledged after 240 s, resolved after 2,400 s.
            assertThat(value(metrics, "firedrill_incident_time_to_acknowledge_seconds_bucket\\{tenant=\"" + tenant
                    + "\",le=\"60.0\",?\\}")).isZero();
            assertThat(value(metrics, "firedrill_incident_time_to_acknowledge_seconds_bucket\\{tenant=\"" + tenant
                    + "\",le=\"300.0\",?\\}")).isEqualTo(1);
            assertThat(value(metrics, "firedrill_incident_time_to_acknowledge_seconds_gsum\\{tenant=\"" + tenant
                    + "\",?\\}")).isEqualTo(240);
            assertThat(value(metrics, "firedrill_incident_time_to_resolve_seconds_bucket\\{tenant=\"" + tenant
                    + "\",le=\"1800.0\",?\\}")).isZero();
            assertThat(value(metrics, "firedrill_incident_time_to_resolve_seconds_bucket\\{tenant=\"" + tenant
                    + "\",le=\"3600.0\",?\\}")).isEqualTo(1);
            assertThat(value(metrics, "firedrill_incident_time_to_resolve_seconds_bucket\\{tenant=\"" + tenant
                    + "\",le=\"\\+Inf\",?\\}")).isEqualTo(1);
            assertThat(value(metrics, "firedrill_alerts_ingested_total\\{kind=\"alertmanager\",?\\}"))
                    .isEqualTo(ingestedBefore + 2);
            for (String processor : List.of("incident-list", "action-item-list", "incident-metrics", "drill-plan-list",
                    "drill-run-list", "alert-grouping")) {
                assertThat(metrics).contains("firedrill_processor_lag_seconds{processor=\"" + processor + "\"");
                assertThat(value(metrics, "firedrill_processor_lag_seconds\\{processor=\"" + processor + "\",?\\}"))
                        .as("lag of %s once caught up", processor).isZero();
            }
            assertThat(value(metrics, "firedrill_gauges_refreshed_timestamp_seconds")).isEqualTo(1_778_112_000.0);
        });
    }

    private RequestSpecification as() {
        return given().contentType(ContentType.JSON).header("X-Test-Tenant", tenant).header("X-Test-Actor", "ops");
    }

    private String declare(String severity, String detectedAt) {
        return as().body("{\"title\":\"t\",\"severity\":\"" + severity + "\",\"services\":[\"s\"],\"detectedAt\":\""
                + detectedAt + "\"}").post("/api/v1/incidents").then().statusCode(201).extract().path("id");
    }

    private static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of the sample whose name and labels match {@code series}; 0 when there is none. */
    private static double value(String metrics, String series) {
        Matcher matcher = Pattern.compile("(?m)^" + series + " ([0-9.eE+-]+)$").matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
