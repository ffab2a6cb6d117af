package io.firedrill.bootstrap.incident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.firedrill.bootstrap.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Replay over HTTP with the application clock pinned: commands run at known instants, and the incident
 * replayed at any instant is exactly the incident as it was read right after the commands up to it.
 */
@QuarkusTest
class IncidentReplayApiTest {

    private static final String INCIDENTS = "/api/v1/incidents";
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    @Inject
    TestClock clock;

    private final String tenant = "replay-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void releaseClock() {
        clock.release();
    }

    private RequestSpecification as(String actor) {
        return given().contentType(ContentType.JSON).header("X-Test-Actor", actor).header("X-Test-Tenant", tenant);
    }

    private Map<String, Object> current(String id) {
        return as("reader").get(INCIDENTS + "/" + id).then().statusCode(200).extract().path("$");
    }

    private Map<String, Object> replay(String id, Instant at, String known) {
        return as("reader").queryParam("at", at.toString()).queryParam("known", known)
                .get(INCIDENTS + "/" + id + "/replay").then().statusCode(200).extract().path("$");
    }

    private void at(Instant instant) {
        clock.pin(instant);
    }

    @Test
    void replayAtEveryInstantEqualsTheIncidentRightAfterTheCommandsUpToIt() {
        Map<Instant, Map<String, Object>> seen = new LinkedHashMap<>();
        at(T0);
        String id = as("alice").body(Map.of("title", "Replay me", "severity", "P2", "services", List.of("search")))
                .post(INCIDENTS).then().statusCode(201).extract().path("id");
        String at = INCIDENTS + "/" + id;
        seen.put(T0, current(id));
        record(seen, id, T0.plusSeconds(120), () -> as("bob").post(at + "/acknowledge").then().statusCode(200));
        record(seen, id, T0.plusSeconds(300), () -> as("bob").body(Map.of("note", "failover")).post(at + "/mitigate").then().statusCode(200));
        record(seen, id, T0.plusSeconds(540), () -> as("bob").body(Map.of("severity", "P0", "reason", "global"))
                .post(at + "/severity").then().statusCode(200));
        record(seen, id, T0.plusSeconds(720), () -> as("bob").body(Map.of("name", "erin", "role", "SCRIBE"))
                .post(at + "/responders").then().statusCode(200));
        record(seen, id, T0.plusSeconds(1200), () -> as("bob").body(Map.of("commander", "carol"))
                .post(at + "/commander").then().statusCode(200));
        record(seen, id, T0.plusSeconds(2400), () -> as("carol").post(at + "/resolve").then().statusCode(200));
        record(seen, id, T0.plusSeconds(3000), () -> as("carol").body(Map.of("reason", "errors are back"))
                .post(at + "/reopen").then().statusCode(200));
        record(seen, id, T0.plusSeconds(3300), () -> as("carol").body(Map.of("severity", "P1", "reason", "one region"))
                .post(at + "/severity").then().statusCode(200));
        record(seen, id, T0.plusSeconds(3600), () -> as("carol").post(at + "/resolve").then().statusCode(200));
        clock.release();

        assertThat(seen).hasSize(10);
        seen.forEach((instant, expected) -> {
            assertThat(replay(id, instant, "recorded").get("incident")).as("recorded at %s", instant).isEqualTo(expected);
            assertThat(replay(id, instant, "occurred").get("incident")).as("occurred at %s", instant).isEqualTo(expected);
            // between two commands nothing changes, except the response target clock
            Map<String, Object> later = new LinkedHashMap<>(replay(id, instant.plusSeconds(59), "recorded"));
            assertThat(withoutTargets(later.get("incident"))).isEqualTo(withoutTargets(expected));
        });
        List<Map<String, Object>> timeline = (List<Map<String, Object>>) replay(id, T0.plusSeconds(600), "recorded").get("timeline");
        assertThat(timeline).extracting(entry -> entry.get("type"))
                .containsExactly("IncidentDeclared", "IncidentAcknowledged", "MitigationStarted", "SeverityEscalated");
        assertThat(timeline).extracting(entry -> entry.get("sequence")).containsExactly(1, 2, 3, 4);

        as("reader").queryParam("at", T0.minusSeconds(1).toString()).get(at + "/replay").then()
                .statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("did not exist yet"));
        as("reader").get(at + "/replay").then().statusCode(400).body("errors[0].field", equalTo("at"));
        as("reader").queryParam("at", T0.toString()).queryParam("known", "guessed").get(at + "/replay").then()
                .statusCode(400).body("errors[0].field", equalTo("known"));
    }

    @Test
    void backdatedAndCorrectedFactsDifferBetweenWhatHappenedAndWhatWasKnown() {
        at(T0);
        String id = as("alice").body(Map.of("title", "Late facts", "severity", "P1", "services", List.of("api")))
                .post(INCIDENTS).then().statusCode(201).extract().path("id");
        String at = INCIDENTS + "/" + id;
        at(T0.plusSeconds(600));
        // recorded at +10 min: the acknowledgement really happened at +3 min
        as("bob").body(Map.of("occurredAt", T0.plusSeconds(180).toString())).post(at + "/acknowledge").then()
                .statusCode(200).body("acknowledgedAt", equalTo(T0.plusSeconds(180).toString()));
        at(T0.plusSeconds(1200));
        // recorded at +20 min: the logs show the problem started 5 minutes before the declaration
        as("bob").body(Map.of("milestone", "DETECTED", "correctedTo", T0.minusSeconds(300).toString(),
                        "reason", "first 5xx in the load balancer logs"))
                .post(at + "/corrections").then().statusCode(200)
                .body("detectedAt", equalTo(T0.minusSeconds(300).toString()));
        clock.release();

        Instant fiveMinutesIn = T0.plusSeconds(300);
        assertThat(((Map<?, ?>) replay(id, fiveMinutesIn, "occurred").get("incident")).get("acknowledgedAt"))
                .isEqualTo(T0.plusSeconds(180).toString());
        assertThat(((Map<?, ?>) replay(id, fiveMinutesIn, "recorded").get("incident")).get("acknowledgedAt")).isNull();

        // before the declaration the incident already existed in what happened, not in what was known
        Map<String, Object> early = replay(id, T0.minusSeconds(120), "occurred");
        assertThat(((Map<?, ?>) early.get("incident")).get("detectedAt")).isEqualTo(T0.minusSeconds(300).toString());
        as("reader").queryParam("at", T0.minusSeconds(120).toString()).queryParam("known", "recorded")
                .get(at + "/replay").then().statusCode(404).body("detail", containsString("not known"));
        // what was known at +15 min still had the original detection time: the correction is a new fact
        assertThat(((Map<?, ?>) replay(id, T0.plusSeconds(900), "recorded").get("incident")).get("detectedAt"))
                .isEqualTo(T0.toString());

        Map<String, Object> diff = as("reader").queryParam("from", T0.plusSeconds(60).toString())
                .queryParam("to", T0.plusSeconds(1500).toString()).queryParam("known", "recorded")
                .get(at + "/replay/diff").then().statusCode(200).extract().path("$");
        assertThat((List<Map<String, Object>>) diff.get("changes")).containsExactly(
                Map.of("field", "detectedAt", "before", T0.toString(), "after", T0.minusSeconds(300).toString()),
                change("acknowledgedAt", null, T0.plusSeconds(180).toString()));
        assertThat((List<Map<String, Object>>) diff.get("facts")).extracting(fact -> fact.get("type"), fact -> fact.get("sequence"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("IncidentAcknowledged", 2),
                        org.assertj.core.groups.Tuple.tuple("MilestoneTimeCorrected", 3));
        as("reader").queryParam("from", T0.plusSeconds(60).toString()).queryParam("to", T0.toString())
                .get(at + "/replay/diff").then().statusCode(400).body("errors[0].field", equalTo("from"));
    }

    private void record(Map<Instant, Map<String, Object>> seen, String id, Instant instant, Runnable command) {
        at(instant);
        command.run();
        seen.put(instant, current(id));
    }

    private static Map<String, Object> change(String field, Object before, Object after) {
        Map<String, Object> change = new java.util.HashMap<>();
        change.put("field", field);
        change.put("before", before);
        change.put("after", after);
        return change;
    }

    private static Object withoutTargets(Object incident) {
        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) incident);
        copy.remove("responseTargets");
        return copy;
    }

}
