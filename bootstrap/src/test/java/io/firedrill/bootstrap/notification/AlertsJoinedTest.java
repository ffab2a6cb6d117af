package io.firedrill.bootstrap.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.port.in.notification.AlertDigests;
import io.firedrill.bootstrap.alert.AlertStormTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A burst of alerts joining one incident is announced once per window (3 s in tests), with the count of the alerts
 * that joined in it: the alert that opened the incident is not among them, none is counted twice, none is missed. The
 * job that announces ended windows on every instance is kept off in tests: the test runs it.
 */
@QuarkusTest
class AlertsJoinedTest {

    private static final Duration WINDOW = Duration.ofSeconds(3);
    private static final Pattern COUNT = Pattern.compile(": (\\d+) more alerts? joined");

    private NotifyingTenant api;

    @Inject
    UseCases useCases;

    @BeforeEach
    void start() throws Exception {
        api = new NotifyingTenant("joined");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private List<Map<String, Object>> incidents() {
        return api.as().get("/api/v1/incidents").then().statusCode(200).extract().path("items");
    }

    private long alertFacts(String incident) {
        List<String> types = api.as().get("/api/v1/incidents/" + incident + "/timeline").then().statusCode(200).extract()
                .path("type");
        return types.stream().filter("AlertReceived"::equals).count();
    }

    @Test
    void aThousandAlertsJoiningOneIncident_areAnnouncedOncePerWindow_withTheirCount() throws Exception {
        api.route(api.slack(false), "incident.alerts-joined");
        var integration = api.as().body("{\"name\":\"am\",\"kind\":\"ALERTMANAGER\",\"defaultService\":\"unknown\","
                + "\"severityMapping\":{\"critical\":\"P1\",\"warning\":\"P3\"}}").post("/api/v1/integrations")
                .then().statusCode(201).extract();
        String path = "/api/v1/integrations/" + integration.path("id") + "/alertmanager";
        String secret = integration.path("secret");

        // the first alert opens the incident; a thousand more of its group join it, in five deliveries
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + secret)
                .body(AlertStormTest.payload("Burst", 1, 0)).post(path).then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> incidents().size() == 1);
        String incident = (String) incidents().getFirst().get("id");
        for (int delivery = 0; delivery < 5; delivery++) {
            given().contentType(ContentType.JSON).header("Authorization", "Bearer " + secret)
                    .body(AlertStormTest.payload("Burst", 200, 1 + delivery * 200)).post(path).then().statusCode(202);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> alertFacts(incident) == 1001);
        await().atMost(Duration.ofSeconds(30)).until(() -> UpdateRemindersTest.feedLag() == 0);

        // the windows the joining alerts were recorded in, and how many joined in each
        Map<Long, Long> expected = api.as().get("/api/v1/incidents/" + incident + "/timeline").then().statusCode(200)
                .extract().<List<Map<String, Object>>>path("$").stream()
                .filter(entry -> "AlertReceived".equals(entry.get("type"))
                        && "JOINED_BY_KEY".equals(((Map<?, ?>) entry.get("data")).get("decision")))
                .collect(Collectors.groupingBy(entry -> Instant.parse((String) entry.get("recordedAt")).toEpochMilli()
                        / WINDOW.toMillis(), TreeMap::new, Collectors.counting()));
        assertThat(expected.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1000);

        // once the last window has ended (and its grace passed), each is announced once, with its count
        AlertDigests digests = useCases.get(AlertDigests.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            digests.announceEnded().get(30, TimeUnit.SECONDS);
            return api.vendors.of("slack").size() >= expected.size();
        });
        await().atMost(Duration.ofSeconds(30)).until(api::allDelivered);
        // another run queues nothing more for this tenant
        digests.announceEnded().get(30, TimeUnit.SECONDS);
        assertThat(counts()).containsExactlyInAnyOrderElementsOf(expected.values().stream().map(Long::intValue).toList());
        assertThat(api.vendors.of("slack").getFirst().body().toString()).contains("Alerts: Burst");
        assertThat(api.deliveries()).hasSize(expected.size())
                .allSatisfy(d -> assertThat(d.get("type")).isEqualTo("incident.alerts-joined"));
    }

    private List<Integer> counts() {
        return api.vendors.of("slack").stream().map(r -> {
            Matcher m = COUNT.matcher(r.body().path("blocks").path(0).path("text").path("text").asText());
            assertThat(m.find()).as("a title with the count").isTrue();
            return Integer.parseInt(m.group(1));
        }).toList();
    }
}
