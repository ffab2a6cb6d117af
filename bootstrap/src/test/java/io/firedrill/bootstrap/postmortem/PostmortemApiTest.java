package io.firedrill.bootstrap.postmortem;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.firedrill.bootstrap.TestClock;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A postmortem over HTTP from a realistic incident: pre-fill checked field by field, edits with evidence,
 * staleness after a correction, the review workflow and its rules, publishing that marks the incident
 * reviewed, the Markdown export.
 */
@QuarkusTest
class PostmortemApiTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:01:00Z");

    @TestHTTPResource("/api/v1/incidents")
    URI incidents;

    @TestHTTPResource("/api/v1/action-items")
    URI actionItems;

    @Inject
    TestClock clock;

    private final String tenant = "pm-" + UUID.randomUUID().toString().substring(0, 8);
    private String incident;
    private String postmortem;

    @BeforeEach
    void aRecoveredIncident() {
        clock.pin(T0);
        incident = as("alice").body("{\"title\":\"Checkout returns 500\",\"severity\":\"P2\",\"services\":[\"checkout\","
                        + "\"payments\"],\"commander\":\"alice\",\"detectedAt\":\"2026-03-01T10:00:00Z\"}")
                .post(incidents).then().statusCode(201).extract().path("id");
        postmortem = incidents + "/" + incident + "/postmortem";
        step("bob", 5, "acknowledge", "{}");
        step("alice", 2, "severity", "{\"severity\":\"P1\",\"reason\":\"payments affected too\"}");
        step("alice", 2, "commander", "{\"commander\":\"carol\",\"reason\":\"alice is off shift\"}");
        step("carol", 10, "notes", "{\"text\":\"Errors began with the payments-api v42 deploy\",\"key\":true}");
        step("dave", 1, "notes", "{\"text\":\"coffee ordered\"}");
        step("carol", 1, "status-updates", "{\"audience\":\"EXTERNAL\",\"text\":\"We are investigating errors.\"}");
        as("alice").post(postmortem).then().statusCode(409).body("code", equalTo("INCIDENT_NOT_RECOVERED"));
        step("carol", 3, "mitigate", "{\"note\":\"rolling back payments-api to v41\"}");
        step("carol", 40, "resolve", "{\"note\":\"error rate back to baseline\"}");
    }

    @AfterEach
    void releaseTheClock() {
        clock.release();
    }

    @Test
    void givenARecoveredIncident_whenDrafted_thenEveryPrefilledFieldComesFromItsEvents() {
        List<String> ids = eventIds();
        clock.advance(Duration.ofMinutes(30));

        as("alice").post(postmortem).then().statusCode(201)
                .header("Location", postmortem).header("ETag", "\"1\"")
                .body("id", not(equalTo(incident))).body("incidentId", equalTo(incident))
                .body("status", equalTo("DRAFT")).body("incidentStatus", equalTo("RECOVERED"))
                .body("basicInfo.number", equalTo("INC-2026-0001"))
                .body("basicInfo.title", equalTo("Checkout returns 500"))
                .body("basicInfo.severity", equalTo("P1"))
                .body("basicInfo.services", contains("checkout", "payments"))
                .body("basicInfo.commander", equalTo("carol"))
                .body("basicInfo.participants", contains("alice", "bob", "carol", "dave"))
                .body("basicInfo.startedAt", equalTo("2026-03-01T10:00:00Z"))
                .body("basicInfo.endedAt", equalTo("2026-03-01T11:05:00Z"))
                .body("times.timeToAcknowledgeSeconds", equalTo(360))
                .body("times.timeToMitigateSeconds", equalTo(1_500))
                .body("times.timeToResolveSeconds", equalTo(3_900))
                .body("timeline.kind", contains("detected", "declared", "acknowledged", "severity", "commander",
                        "key-note", "status-update", "mitigation", "resolved"))
                .body("timeline[1].text", equalTo("Declared INC-2026-0001 (P2): Checkout returns 500; services checkout, payments"))
                .body("timeline[3].text", equalTo("Severity escalated P2 → P1 (payments affected too)"))
                .body("timeline[5].text", equalTo("Errors began with the payments-api v42 deploy"))
                .body("timeline[5].actor", equalTo("carol"))
                .body("timeline[2].eventIds", contains(ids.get(1)))
                .body("timeline[5].eventIds", contains(ids.get(4)))
                .body("timeline[8].at", equalTo("2026-03-01T11:05:00Z"))
                .body("summary", nullValue()).body("fiveWhys", empty()).body("stale", empty())
                .body("createdAt", equalTo("2026-03-01T11:35:00Z"));

        as("alice").post(postmortem).then().statusCode(409).body("code", equalTo("ALREADY_DRAFTED"));
    }

    @Test
    void givenADraft_whenEditedAndAFactCorrected_thenSectionsAreKeptAStaleStatementIsMarkedAndRefreshKeepsTheWriting() {
        List<String> ids = eventIds();
        as("alice").post(postmortem).then().statusCode(201);
        String item = createActionItem();

        as("alice").body("{\"summary\":\"Checkout failed for about 12% of attempts for 65 minutes.\","
                        + "\"impact\":{\"usersAffected\":\"about 3,400 customers\",\"dataLoss\":\"none\"},"
                        + "\"directCause\":{\"text\":\"payments-api v42 set no timeout\",\"evidence\":[\"" + ids.get(4) + "\"]},"
                        + "\"fiveWhys\":[{\"why\":\"Why was it acknowledged late?\",\"because\":\"The page went to a"
                        + " muted channel.\",\"evidence\":[\"" + ids.get(1) + "\"]}],"
                        + "\"contributingFactors\":[\"No canary for payments-api\"],"
                        + "\"actions\":[{\"title\":\"Add a timeout\",\"kind\":\"CORRECTIVE\",\"horizon\":\"IMMEDIATE\","
                        + "\"actionItemId\":\"" + item + "\"}],"
                        + "\"lessons\":{\"wentWell\":[\"Fast rollback\"],\"toImprove\":[\"Paging\"]},"
                        + "\"references\":[\"https://runbooks.example/payments\"]}")
                .patch(postmortem).then().statusCode(200).header("X-Firedrill-Events-Appended", "1")
                .body("summary", equalTo("Checkout failed for about 12% of attempts for 65 minutes."))
                .body("impact.usersAffected", equalTo("about 3,400 customers"))
                .body("impact.availability", nullValue())
                .body("directCause.evidence", contains(ids.get(4)))
                .body("actions[0].actionItemId", equalTo(item))
                .body("lessons.toImprove", contains("Paging"));
        as("alice").body("{\"directCause\":\"A plain-text cause\"}").patch(postmortem).then().statusCode(200)
                .body("directCause.text", equalTo("A plain-text cause")).body("directCause.evidence", empty())
                .body("summary", equalTo("Checkout failed for about 12% of attempts for 65 minutes."));

        problem(as("alice").body("{\"directCause\":{\"text\":\"x\",\"evidence\":[\"nope\"]}}").patch(postmortem),
                400, "directCause.evidence[0]");
        problem(as("alice").body("{\"actions\":[{\"title\":\"t\",\"kind\":\"CORRECTIVE\",\"horizon\":\"IMMEDIATE\","
                + "\"actionItemId\":\"" + UUID.randomUUID() + "\"}]}").patch(postmortem), 400, "actions[0].actionItemId");
        String otherIncident = as("alice").body("{\"title\":\"Other\",\"severity\":\"P3\",\"services\":[\"x\"]}")
                .post(incidents).then().statusCode(201).extract().path("id");
        String otherItem = as("alice").body("{\"title\":\"Elsewhere\",\"owner\":\"bob\",\"dueDate\":\"2026-03-20\","
                + "\"priority\":\"LOW\",\"kind\":\"CORRECTIVE\",\"incidentId\":\"" + otherIncident + "\"}")
                .post(actionItems).then().statusCode(201).extract().path("id");
        problem(as("alice").body("{\"actions\":[{\"title\":\"t\",\"kind\":\"CORRECTIVE\",\"horizon\":\"IMMEDIATE\","
                + "\"actionItemId\":\"" + otherItem + "\"}]}").patch(postmortem), 400, "actions[0].actionItemId");
        problem(as("alice").body("{\"directCause\":{\"txt\":\"typo\"}}").patch(postmortem), 400, "directCause.txt");
        problem(as("alice").body("{\"fiveWhys\":[{\"why\":\"w\",\"because\":\" \"}]}").patch(postmortem), 400,
                "fiveWhys[0].because");
        problem(as("alice").body("{\"actions\":[{\"title\":\"t\",\"kind\":\"CORRECTIVE\",\"horizon\":\"SOON\"}]}")
                .patch(postmortem), 400, "actions[0].horizon");

        clock.advance(Duration.ofMinutes(60));
        step("bob", 1, "corrections", "{\"milestone\":\"ACKNOWLEDGED\",\"correctedTo\":\"2026-03-01T10:04:00Z\","
                + "\"reason\":\"the page was answered by phone first\"}");
        as("alice").get(postmortem).then().statusCode(200).body("stale", hasItems("fiveWhys[0]", "timeline[2]"));

        as("alice").post(postmortem + "/refresh").then().statusCode(200).header("X-Firedrill-Events-Appended", "1")
                .body("times.timeToAcknowledgeSeconds", equalTo(240))
                .body("stale", contains("fiveWhys[0]"))
                .body("summary", equalTo("Checkout failed for about 12% of attempts for 65 minutes."))
                .body("fiveWhys[0].because", equalTo("The page went to a muted channel."));
        as("alice").post(postmortem + "/refresh").then().statusCode(200).header("X-Firedrill-Events-Appended", "0");

        as("alice").queryParam("at", "2026-03-01T11:04:59Z").get(postmortem + "/replay").then().statusCode(404);
        as("alice").queryParam("at", "2026-03-01T12:05:00Z").get(postmortem + "/replay").then().statusCode(200)
                .body("postmortem.version", equalTo(3)).body("postmortem.stale", empty())
                .body("postmortem.times.timeToAcknowledgeSeconds", equalTo(360))
                .body("postmortem.directCause.text", equalTo("A plain-text cause"));
        problem(as("alice").get(postmortem + "/replay"), 400, "at");

        List<String> types = as("alice").get(postmortem + "/history").then().statusCode(200).extract().path("type");
        assertThat(types).containsExactly("postmortem.PostmortemDrafted", "postmortem.PostmortemEdited",
                "postmortem.PostmortemEdited", "postmortem.PrefillRefreshed");
    }

    @Test
    void givenADraft_whenReviewedAndPublished_thenEveryRuleHoldsAndTheIncidentIsReviewed() {
        List<String> ids = eventIds();
        as("alice").post(postmortem).then().statusCode(201);
        String item = createActionItem();
        as("alice").body("{\"summary\":\"It was the fault of the on-call engineer, who was careless.\","
                        + "\"actions\":[{\"title\":\"Add a timeout\",\"kind\":\"CORRECTIVE\",\"horizon\":\"IMMEDIATE\","
                        + "\"actionItemId\":\"" + item + "\"},{\"title\":\"Rewrite the client\",\"kind\":\"PREVENTIVE\","
                        + "\"horizon\":\"LONG_TERM\"}]}")
                .patch(postmortem).then().statusCode(200);
        as("alice").post(postmortem + "/publish").then().statusCode(409).body("code", equalTo("ILLEGAL_TRANSITION"));

        as("alice").post(postmortem + "/submit").then().statusCode(200).body("status", equalTo("IN_REVIEW"))
                .body("submittedBy", equalTo("alice"))
                .body("warnings.field", hasItem("summary"))
                .body("warnings.term", hasItems("fault of", "careless"));
        as("alice").body("{\"summary\":\"edited in review\"}").patch(postmortem).then().statusCode(409)
                .body("code", equalTo("NOT_EDITABLE"));
        as("alice").post(postmortem + "/approve").then().statusCode(409).body("code", equalTo("SELF_APPROVAL"));
        as("bob").post(postmortem + "/publish").then().statusCode(409)
                .body("code", equalTo("PUBLISH_PRECONDITIONS_UNMET"))
                .body("errors.field", contains("directCause", "fiveWhys", "actions[1]"));
        problem(as("bob").body("{}").post(postmortem + "/request-changes"), 400, "comment");
        as("bob").body("{\"comment\":\"Blameless, please: describe the system, not the person.\"}")
                .post(postmortem + "/request-changes").then().statusCode(200).body("status", equalTo("DRAFT"))
                .body("reviews[0].kind", equalTo("CHANGES_REQUESTED")).body("reviews[0].by", equalTo("bob"));

        as("alice").body("{\"summary\":\"Checkout failed for 65 minutes after a deploy removed a timeout.\","
                        + "\"directCause\":{\"text\":\"No timeout on card processor calls\",\"evidence\":[\"" + ids.get(4) + "\"]},"
                        + "\"fiveWhys\":[{\"why\":\"Why did threads pile up?\",\"because\":\"No timeout.\"}],"
                        + "\"actions\":[{\"title\":\"Add a timeout\",\"kind\":\"CORRECTIVE\",\"horizon\":\"IMMEDIATE\","
                        + "\"actionItemId\":\"" + item + "\"},{\"title\":\"Rewrite the client\",\"kind\":\"PREVENTIVE\","
                        + "\"horizon\":\"LONG_TERM\",\"waivedReason\":\"covered by the platform migration\"}]}")
                .patch(postmortem).then().statusCode(200);
        as("alice").post(postmortem + "/submit").then().statusCode(200).body("warnings", empty());
        as("bob").post(postmortem + "/publish").then().statusCode(409).body("code", equalTo("NOT_APPROVED"));
        as("bob").body("{\"comment\":\"Good.\"}").post(postmortem + "/approve").then().statusCode(200)
                .body("approvals", contains("bob"));
        as("bob").post(postmortem + "/publish").then().statusCode(200).body("status", equalTo("PUBLISHED"))
                .body("incidentStatus", equalTo("REVIEWED"));

        as("bob").get(incidents + "/" + incident).then().statusCode(200).body("status", equalTo("REVIEWED"));
        as("bob").post(postmortem + "/publish").then().statusCode(200).header("X-Firedrill-Events-Appended", "0");
        as("bob").post(incidents + "/" + incident + "/review").then().statusCode(200)
                .header("X-Firedrill-Events-Appended", "0");
        as("alice").body("{\"summary\":\"too late\"}").patch(postmortem).then().statusCode(409)
                .body("code", equalTo("NOT_EDITABLE"));

        String markdown = as("bob").accept("text/markdown").get(postmortem + ".md").then().statusCode(200)
                .contentType(containsString("text/markdown")).extract().asString();
        assertThat(markdown).startsWith("# Postmortem: INC-2026-0001 Checkout returns 500")
                .contains("## Timeline", "| Time (UTC) | Fact | By | Evidence |",
                        "Errors began with the payments-api v42 deploy", "No timeout on card processor calls",
                        "covered by the platform migration", "event-" + ids.get(4));
    }

    @Test
    void givenAPostmortem_whenAnActionItemNamesIt_thenTheItemIsLinkedToItsIncidentAndBadLinksAreRefused() {
        String id = as("alice").post(postmortem).then().statusCode(201).extract().path("id");
        String item = "{\"title\":\"Add a timeout\",\"owner\":\"bob\",\"dueDate\":\"2026-03-20\",\"priority\":\"HIGH\","
                + "\"kind\":\"CORRECTIVE\"";

        as("alice").body(item + ",\"postmortemId\":\"" + id + "\"}").post(actionItems).then().statusCode(201)
                .body("postmortemId", equalTo(id)).body("incidentId", equalTo(incident));
        String other = as("alice").body("{\"title\":\"Other\",\"severity\":\"P3\",\"services\":[\"x\"]}")
                .post(incidents).then().statusCode(201).extract().path("id");
        problem(as("alice").body(item + ",\"postmortemId\":\"" + id + "\",\"incidentId\":\"" + other + "\"}")
                .post(actionItems), 400, "postmortemId");
        problem(as("alice").body(item + ",\"postmortemId\":\"" + UUID.randomUUID() + "\"}").post(actionItems), 400,
                "postmortemId");
        problem(as("alice").body(item + ",\"postmortemId\":\"pm-1\"}").post(actionItems), 400, "postmortemId");
        given().header("X-Test-Tenant", "someone-else").contentType("application/json")
                .body(item + ",\"postmortemId\":\"" + id + "\"}").post(actionItems).then().statusCode(400);
    }

    @Test
    void givenNoPostmortemOrAnotherTenant_whenRead_then404() {
        as("alice").get(postmortem).then().statusCode(404).contentType("application/problem+json");
        as("alice").accept("text/markdown").get(postmortem + ".md").then().statusCode(404);
        as("alice").post(postmortem).then().statusCode(201);
        given().header("X-Test-Tenant", "someone-else").get(postmortem).then().statusCode(404);
        given().header("X-Test-Tenant", "someone-else").contentType("application/json").body("{}")
                .patch(postmortem).then().statusCode(404);
        as("alice").get(incidents + "/not-a-uuid/postmortem").then().statusCode(404);
    }

    private RequestSpecification as(String actor) {
        return given().header("X-Test-Tenant", tenant).header("X-Test-Actor", actor)
                .contentType("application/json");
    }

    private void step(String actor, int minutesLater, String action, String body) {
        clock.advance(Duration.ofMinutes(minutesLater));
        as(actor).body(body).post(incidents + "/" + incident + "/" + action).then().statusCode(200);
    }

    /** The incident's stored event ids in log order. */
    private List<String> eventIds() {
        return as("alice").get(incidents + "/" + incident + "/timeline").then().statusCode(200).extract().path("eventId");
    }

    private String createActionItem() {
        return as("alice").body("{\"title\":\"Add a timeout\",\"owner\":\"bob\",\"dueDate\":\"2026-03-20\","
                + "\"priority\":\"HIGH\",\"kind\":\"CORRECTIVE\",\"incidentId\":\"" + incident + "\"}")
                .post(actionItems).then().statusCode(201).extract().path("id");
    }

    private static void problem(io.restassured.response.Response response, int status, String field) {
        response.then().statusCode(status).contentType("application/problem+json").body("errors.field", hasItem(field));
    }
}
