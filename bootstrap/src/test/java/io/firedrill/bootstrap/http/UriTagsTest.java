package io.firedrill.bootstrap.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firedrill.bootstrap.TestAuth;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The {@code uri} tag of the HTTP server metrics comes from route templates only (issue 21, item 10): requests to
 * hundreds of made-up paths, refused or not found, add no tag value per path, so Micrometer's tag limit is never
 * reached and endpoints used afterwards are still measured.
 */
@QuarkusTest
class UriTagsTest {

    private static final Pattern URI = Pattern.compile("^http_server_requests_seconds_count\\{[^}]*uri=\"([^\"]*)\"",
            Pattern.MULTILINE);
    private static final Pattern COUNT = Pattern.compile(
            "^http_server_requests_seconds_count\\{[^}]*uri=\"([^\"]*)\"[^}]*} (\\S+)$", Pattern.MULTILINE);
    private static final Pattern OPTIONS = Pattern.compile(
            "^http_server_requests_seconds_count\\{[^\\n]*method=\"OPTIONS\"[^\\n]*} (\\S+)$", Pattern.MULTILINE);
    private static final String REPORT = "/api/v1/action-items/report";

    @Test
    void madeUpPathsDoNotAddUriTagsAndLaterEndpointsAreStillMeasured() throws Exception {
        String scrapeBefore = scrape();
        Set<String> before = uriTags(scrapeBefore);
        double reportsBefore = requestCount(scrapeBefore, REPORT);

        for (int i = 0; i < 100; i++) {
            given().get("/made-up/" + i).then().statusCode(404);
            RawHttp.send("POST", "/made-up/large/" + i, Map.of("Content-Length", String.valueOf(64 * 1024 * 1024)), null);
            RawHttp.send("GET", "/made-up/long/" + i + "?q=" + "q".repeat(5000), Map.of(), null);
        }
        given().get(REPORT).then().statusCode(200);

        Set<String> after = uriTags(scrape());
        Set<String> added = new TreeSet<>(after);
        added.removeAll(before);
        assertThat(added).as("uri tags added").hasSizeLessThanOrEqualTo(4).noneMatch(uri -> uri.contains("made-up"));
        // counted now, not merely measured by an earlier test in the same application (recorded as the answer ends)
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(requestCount(scrape(), REPORT))
                .as("requests to %s measured", REPORT).isEqualTo(reportsBefore + 1));
    }

    @Test
    void refusedRequestsAreMeasuredUnderTheirRouteTemplate() {
        String incident = "/api/v1/incidents/{id}";
        String severity = "/api/v1/incidents/{id}/severity";
        String scrape = scrape();
        double incidentsBefore = requestCount(scrape, incident);
        double severityBefore = requestCount(scrape, severity);

        given().header(TestAuth.ANONYMOUS, "true").get("/api/v1/incidents/" + UUID.randomUUID()).then().statusCode(401);
        given().header(TestAuth.ANONYMOUS, "true").header("Authorization", "Bearer fd_unknown")
                .get("/api/v1/incidents/" + UUID.randomUUID()).then().statusCode(401);
        given().header(TestAuth.ROLE, "viewer").contentType("application/json").body("{\"severity\":\"P1\"}")
                .post("/api/v1/incidents/" + UUID.randomUUID() + "/severity").then().statusCode(403);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            String now = scrape();
            assertThat(requestCount(now, incident)).as("refused requests measured under %s", incident)
                    .isEqualTo(incidentsBefore + 2);
            assertThat(requestCount(now, severity)).as("refused requests measured under %s", severity)
                    .isEqualTo(severityBefore + 1);
        });
        assertThat(uriTags(scrape())).as("uri tags").noneMatch(uri -> uri.matches(".*/incidents/[0-9a-f-]{36}.*"));
    }

    @Test
    void optionsOfApiPathsAddNoUriTagPerPath() {
        double optionsBefore = optionsCount(scrape());
        for (int i = 0; i < 20; i++) {
            given().header(TestAuth.ANONYMOUS, "true").options("/api/v1/incidents/" + UUID.randomUUID()).then()
                    .statusCode(200);
            given().header(TestAuth.ANONYMOUS, "true")
                    .options("/api/v1/incidents/" + UUID.randomUUID() + "/made-up/" + UUID.randomUUID()).then()
                    .statusCode(200);
        }

        // every one measured first, then none under a tag of its own
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(optionsCount(scrape()))
                .as("OPTIONS requests measured").isEqualTo(optionsBefore + 40));
        assertThat(uriTags(scrape())).as("uri tags").noneMatch(uri -> uri.matches(".*[0-9a-f]{8}-[0-9a-f]{4}-.*"));
    }

    private static double optionsCount(String scrape) {
        Matcher matcher = OPTIONS.matcher(scrape);
        double count = 0;
        while (matcher.find()) {
            count += Double.parseDouble(matcher.group(1));
        }
        return count;
    }

    private static String scrape() {
        // the default: open to anyone who reaches it
        return given().header(TestAuth.ANONYMOUS, "yes").get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** Requests measured for the route template {@code uri}, over every method, status and outcome. */
    private static double requestCount(String scrape, String uri) {
        Matcher matcher = COUNT.matcher(scrape);
        double count = 0;
        while (matcher.find()) {
            if (matcher.group(1).equals(uri)) {
                count += Double.parseDouble(matcher.group(2));
            }
        }
        return count;
    }

    private static Set<String> uriTags(String scrape) {
        Set<String> tags = new TreeSet<>();
        Matcher matcher = URI.matcher(scrape);
        while (matcher.find()) {
            tags.add(matcher.group(1));
        }
        return tags;
    }
}
