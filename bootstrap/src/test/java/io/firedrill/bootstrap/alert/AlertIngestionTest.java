package io.firedrill.bootstrap.alert;

import static io.firedrill.bootstrap.alert.AlertApi.count;
import static io.firedrill.bootstrap.alert.AlertApi.fixture;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.firedrill.adapter.persistence.tokenstore.PgTokenStore;
import io.firedrill.application.alert.AlertGroupingProcessor;
import io.firedrill.bootstrap.alert.AlertApi.Created;
import io.firedrill.bootstrap.axon.AxonRuntime;
import io.firedrill.bootstrap.axon.EventProcessors;
import io.firedrill.bootstrap.http.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Alerts from Alertmanager, Grafana and the generic format, through the receivers into incidents. */
@QuarkusTest
class AlertIngestionTest {

    private final AlertApi api = new AlertApi();

    @Inject
    AxonRuntime axon;

    @Inject
    EventProcessors processors;

    @Inject
    PgTokenStore tokens;

    @Inject
    Pool pool;

    @Test
    void givenAFiringAlertmanagerGroup_whenReceived_thenOneIncidentIsDeclaredByTheIntegrationWithEveryAlertExplained() {
        Created am = api.alertmanager("");

        String deliveryId = api.bearer(am).body(fixture("alertmanager-firing.json"))
                .post("/api/v1/integrations/" + am.id() + "/alertmanager")
                .then().statusCode(202).body("alerts", equalTo(2)).extract().path("deliveryId");

        assertThat(deliveryId).isNotBlank();
        Map<String, Object> listed = api.awaitIncidents(1).get(0);
        String id = (String) listed.get("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> count(api.timeline(id), "AlertReceived") == 2);
        Map<String, Object> incident = api.incident(id);
        assertThat(incident.get("severity")).isEqualTo("P1");
        assertThat(incident.get("status")).isEqualTo("DETECTED");
        assertThat(incident.get("services")).isEqualTo(List.of("checkout"));
        assertThat(incident.get("detectedAt")).isEqualTo("2026-11-30T09:58:00Z");
        assertThat((String) incident.get("title")).startsWith("HighErrorRate: Checkout answers too many requests");
        List<Map<String, Object>> timeline = api.timeline(id);
        assertThat(timeline.get(0).get("type")).isEqualTo("IncidentDeclared");
        assertThat(timeline).allSatisfy(entry -> {
            assertThat(entry.get("actor")).isEqualTo(Map.of("kind", "INTEGRATION", "name", nameOf(am)));
            assertThat(entry.get("source")).isEqualTo("webhook");
        });
        Map<String, Object> first = alertFact(timeline, 0);
        assertThat(first.get("decision")).isEqualTo("OPENED_INCIDENT");
        assertThat(first.get("groupingRule")).isEqualTo("{groupKey}");
        assertThat(first.get("groupingKey")).isEqualTo("{}:{alertname=\"HighErrorRate\"}");
        assertThat(((Map<?, ?>) first.get("alert")).get("severityReason")).isEqualTo("severity=warning → P3");
        assertThat((String) timeline.get(1).get("summary"))
                .contains("opened this incident", "{}:{alertname=\"HighErrorRate\"}", "{groupKey}");
    }

    @Test
    void givenGroupingIsNotRunning_whenAlertsAreAccepted_thenTheyAreGroupedFromTheLogOnceItRuns() throws Exception {
        Created am = api.alertmanager("");
        processors.processor(AlertGroupingProcessor.PROCESSOR).shutdown().get(30, TimeUnit.SECONDS);
        try {
            api.bearer(am).body(fixture("alertmanager-firing.json"))
                    .post("/api/v1/integrations/" + am.id() + "/alertmanager").then().statusCode(202);
            assertThat(api.incidents()).isEmpty();
            assertThat(api.alerts(am)).isEmpty();
        } finally {
            processors.processor(AlertGroupingProcessor.PROCESSOR).start().get(30, TimeUnit.SECONDS);
        }

        String id = (String) api.awaitIncidents(1).get(0).get("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> count(api.timeline(id), "AlertReceived") == 2);
    }

    @Test
    void givenGroupedDeliveries_whenTheyAreHandledAgainWithTheProcessorsMemoryLost_thenNothingChanges() throws Exception {
        Created am = api.alertmanager("");
        api.bearer(am).body(fixture("alertmanager-firing.json"))
                .post("/api/v1/integrations/" + am.id() + "/alertmanager").then().statusCode(202);
        String id = (String) api.awaitIncidents(1).get(0).get("id");
        api.bearer(am).body(fixture("alertmanager-resolved.json"))
                .post("/api/v1/integrations/" + am.id() + "/alertmanager").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> "RECOVERED".equals(api.incident(id).get("status")));
        List<Map<String, Object>> timeline = api.timeline(id);

        // A crash after the commands but before the processor saved its memory and its position.
        loseTheGroupingMemory(am);

        await().atMost(Duration.ofSeconds(60)).until(() -> api.alerts(am).size() == 2);
        awaitGrouped(am, "SentinelAfterReplay");
        assertThat(api.timeline(id)).isEqualTo(timeline);
        assertThat(api.incidents()).hasSize(2);
        assertThat(api.alerts(am)).filteredOn(a -> !"sentinel".equals(a.get("fingerprint")))
                .allSatisfy(alert -> assertThat(alert.get("incidentId")).isEqualTo(id));
    }

    @Test
    void givenAJoinedIncidentClosedSince_whenTheDeliveriesAreHandledAgainWithTheProcessorsMemoryLost_thenNoIncidentIsAdded()
            throws Exception {
        Created am = api.alertmanager("");
        api.bearer(am).body(AlertStormTest.payload("ClosedSince", 1, 0))
                .post("/api/v1/integrations/" + am.id() + "/alertmanager").then().statusCode(202);
        String id = (String) api.awaitIncidents(1).get(0).get("id");
        api.bearer(am).body(AlertStormTest.payload("ClosedSince", 1, 1))
                .post("/api/v1/integrations/" + am.id() + "/alertmanager").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> count(api.timeline(id), "AlertReceived") == 2);
        String original = api.as().body("{\"title\":\"The original\",\"severity\":\"P2\",\"services\":[\"checkout\"]}")
                .post("/api/v1/incidents").then().statusCode(201).extract().path("id");
        api.as().body("{\"incidentId\":\"" + original + "\"}").post("/api/v1/incidents/" + id + "/duplicate-of")
                .then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> "DUPLICATE".equals(api.incident(id).get("status")));
        List<Map<String, Object>> timeline = api.timeline(id);
        int incidents = api.awaitIncidents(2).size();

        // A crash after the commands but before the processor saved its memory and its position; the incident the
        // second delivery joined is closed by then.
        loseTheGroupingMemory(am);
        awaitGrouped(am, "SentinelAfterClosedReplay");

        assertThat(api.timeline(id)).isEqualTo(timeline);
        assertThat(api.incidents()).as("only the sentinel's incident is new").hasSize(incidents + 1);
        assertThat(api.alerts(am)).filteredOn(a -> !"sentinel".equals(a.get("fingerprint")))
                .hasSize(2).allSatisfy(alert -> assertThat(alert.get("incidentId")).isEqualTo(id));
    }

    @Test
    void givenALabelWithANul_whenDelivered_thenRefusedWith400NamingItNotRetriedAs503() {
        Created am = api.alertmanager("");
        String body = fixture("alertmanager-firing.json").replaceFirst("\"HighErrorRate\"", "\"High\\\\u0000ErrorRate\"");

        api.bearer(am).body(body).post("/api/v1/integrations/" + am.id() + "/alertmanager")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("alerts[0].labels.alertname"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("control characters"));
        assertThat(storedDeliveries(am)).isZero();
    }

    @Test
    void givenAStartOutsideTheAcceptedRange_whenDelivered_thenRefusedWith400NamingIt() {
        Created am = api.alertmanager("");
        String body = fixture("alertmanager-firing.json").replaceFirst("\"startsAt\": \"[^\"]*\"",
                "\"startsAt\": \"-5000-01-01T00:00:00Z\"");

        api.bearer(am).body(body).post("/api/v1/integrations/" + am.id() + "/alertmanager")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("alerts[0].startsAt"))
                .body("errors[0].message", org.hamcrest.Matchers.startsWith("must be between 1970"));
        assertThat(storedDeliveries(am)).isZero();
    }

    /** Deliveries stored for the integration: stored before the receiver answers, so a count is exact. */
    private long storedDeliveries(Created am) {
        return pool.preparedQuery("SELECT count(*) AS n FROM event_store_event WHERE tags @> $1::text::jsonb")
                .execute(Tuple.of("[{\"key\":\"integrationId\",\"value\":\"" + am.id() + "\"}]"))
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong("n");
    }

    @Test
    void givenAnOpenIncident_whenAMoreSevereAlertJoinsByKey_thenItIsEscalatedWithTheReason() {
        Created am = api.alertmanager("");
        String warning = firstAlertOnly(fixture("alertmanager-firing.json"));
        api.bearer(am).body(warning).post("/api/v1/integrations/" + am.id() + "/alertmanager").then().statusCode(202);
        String id = (String) api.awaitIncidents(1).get(0).get("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> count(api.timeline(id), "AlertReceived") == 1);
        assertThat(api.incident(id).get("severity")).isEqualTo("P3");

        api.bearer(am).body(fixture("alertmanager-firing.json"))
                .post("/api/v1/integrations/" + am.id() + "/alertmanager").then().statusCode(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> count(api.timeline(id), "SeverityEscalated") == 1);
        List<Map<String, Object>> timeline = api.timeline(id);
        assertThat(count(timeline, "AlertReceived")).as("the warning alert is a repeat").isEqualTo(2);
        Map<String, Object> joined = alertFact(timeline, 1);
        assertThat(joined.get("decision")).isEqualTo("JOINED_BY_KEY");
        Map<String, Object> escalation = data(timeline.stream()
                .filter(e -> "SeverityEscalated".equals(e.get("type"))).findFirst().orElseThrow());
        assertThat(escalation.get("from")).isEqualTo("P3");
        assertThat(escalation.get("to")).isEqualTo("P1");
        assertThat((String) escalation.get("reason")).contains("HighErrorRate", "8f1b0789ca293aaa", "severity=critical → P1");
        assertThat(api.incidents()).hasSize(1);
    }

    @Test
    void givenADelivery_whenItIsDeliveredAgain_thenTheSameDeliveryIsAnsweredAndNothingIsAppended() {
        Created am = api.alertmanager("");
        String body = fixture("alertmanager-firing.json");
        String first = api.bearer(am).body(body).post("/api/v1/integrations/" + am.id() + "/alertmanager")
                .then().statusCode(202).extract().path("deliveryId");
        String id = (String) api.awaitIncidents(1).get(0).get("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> count(api.timeline(id), "AlertReceived") == 2);
        int facts = api.timeline(id).size();

        String again = api.bearer(am).body(body).post("/api/v1/integrations/" + am.id() + "/alertmanager")
                .then().statusCode(202).extract().path("deliveryId");
        // A repeat notification: the same alerts in a payload that differs in other fields.
        api.bearer(am).body(body.replace("\"receiver\": \"firedrill\"", "\"receiver\": \"firedrill-repeat\""))
                .post("/api/v1/integrations/" + am.id() + "/alertmanager").then().statusCode(202);
        awaitGrouped(am, "SentinelAfterRedelivery");

        assertThat(again).isEqualTo(first);
        assertThat(api.timeline(id)).hasSize(facts);
        assertThat(api.incidents()).hasSize(2);
    }

    @Test
    void givenEveryAlertResolved_whenThePolicyIsResolveIncident_thenTheIntegrationResolvesItWithoutAcknowledging() {
        Created am = api.alertmanager("");
        api.bearer(am).body(fixture("alertmanager-firing.json"))
                .post("/api/v1/integrations/" + am.id() + "/alertmanager").then().statusCode(202);
        String id = (String) api.awaitIncidents(1).get(0).get("id");

        api.bearer(am).body(fixture("alertmanager-resolved.json"))
                .post("/api/v1/integrations/" + am.id() + "/alertmanager").then().statusCode(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> "RECOVERED".equals(api.incident(id).get("status")));
        Map<String, Object> incident = api.incident(id);
        assertThat(incident.get("resolvedAt")).isEqualTo("2026-11-30T10:21:00Z");
        assertThat(incident.get("acknowledgedAt")).isNull();
        List<Map<String, Object>> timeline = api.timeline(id);
        assertThat(count(timeline, "AlertReceived")).isEqualTo(4);
        assertThat(count(timeline, "IncidentAcknowledged")).isZero();
        Map<String, Object> resolution = alertFact(timeline, 2);
        assertThat(resolution.get("decision")).isEqualTo("MATCHED_BY_FINGERPRINT");
        assertThat(timeline.get(timeline.size() - 1).get("type")).isEqualTo("IncidentResolved");
    }

    @Test
    void givenEveryAlertResolved_whenThePolicyIsNoteOnly_thenANoteRecordsItAndTheIncidentStaysOpen() {
        Created am = api.alertmanager(",\"autoResolve\":\"NOTE_ONLY\"");
        api.bearer(am).body(fixture("alertmanager-firing.json"))
                .post("/api/v1/integrations/" + am.id() + "/alertmanager").then().statusCode(202);
        String id = (String) api.awaitIncidents(1).get(0).get("id");

        api.bearer(am).body(fixture("alertmanager-resolved.json"))
                .post("/api/v1/integrations/" + am.id() + "/alertmanager").then().statusCode(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> count(api.timeline(id), "NoteAdded") == 1);
        List<Map<String, Object>> timeline = api.timeline(id);
        assertThat((String) timeline.get(timeline.size() - 1).get("summary")).contains("All 2 of its alerts have resolved", "NOTE_ONLY");
        assertThat(api.incident(id).get("status")).isEqualTo("DETECTED");
    }

    @Test
    void givenAResolvedAlertBeforeItsFiringAlert_whenBothArrive_thenItIsRecordedAndNoIncidentOpens() {
        Created am = api.alertmanager("");

        api.bearer(am).body(fixture("alertmanager-resolved.json"))
                .post("/api/v1/integrations/" + am.id() + "/alertmanager").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.alerts(am).size() == 2);
        api.bearer(am).body(fixture("alertmanager-firing.json"))
                .post("/api/v1/integrations/" + am.id() + "/alertmanager").then().statusCode(202);
        awaitGrouped(am, "SentinelAfterOutOfOrder");

        assertThat(api.incidents()).hasSize(1);
        assertThat(api.incidents().get(0).get("title")).isEqualTo("SentinelAfterOutOfOrder");
        assertThat(api.alerts(am)).filteredOn(a -> !"sentinel".equals(a.get("fingerprint")))
                .hasSize(2)
                .allSatisfy(alert -> {
                    assertThat(alert.get("status")).isEqualTo("RESOLVED");
                    assertThat(alert.get("incidentId")).isNull();
                });
    }

    @Test
    void givenAGrafanaContactPoint_whenItsFiringAndResolvedPayloadsArrive_thenTheIncidentOpensAndRecovers() {
        Created grafana = api.create("{\"name\":\"grafana-prod\",\"kind\":\"GRAFANA\",\"defaultService\":\"platform\","
                + "\"severityMapping\":{\"critical\":\"P0\"},\"groupingKey\":\"{alertname}/{service}\"}");

        api.bearer(grafana).body(fixture("grafana-firing.json"))
                .post("/api/v1/integrations/" + grafana.id() + "/grafana").then().statusCode(202);
        String id = (String) api.awaitIncidents(1).get(0).get("id");
        api.bearer(grafana).body(fixture("grafana-resolved.json"))
                .post("/api/v1/integrations/" + grafana.id() + "/grafana").then().statusCode(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> "RECOVERED".equals(api.incident(id).get("status")));
        Map<String, Object> incident = api.incident(id);
        assertThat(incident.get("severity")).isEqualTo("P0");
        assertThat(incident.get("services")).isEqualTo(List.of("storage"));
        assertThat(alertFact(api.timeline(id), 0).get("groupingKey")).isEqualTo("DiskFull/storage");
    }

    @Test
    void givenAGenericIntegration_whenASignedAlertArrives_thenItOpensAnIncidentAndBadSignaturesAreRefused() {
        Created generic = api.create("{\"name\":\"cron-checks\",\"kind\":\"GENERIC\",\"defaultService\":\"batch\"}");
        String body = fixture("generic-firing.json");
        long now = Instant.now().getEpochSecond();
        String path = "/api/v1/integrations/" + generic.id() + "/generic";

        api.signed(generic, now, body).post(path).then().statusCode(202).body("alerts", equalTo(1));

        Map<String, Object> incident = api.incident((String) api.awaitIncidents(1).get(0).get("id"));
        assertThat(incident.get("severity")).isEqualTo("P2");
        assertThat(incident.get("services")).isEqualTo(List.of("orders-db"));
        api.signed(generic, now - 301, body).post(path).then().statusCode(401)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).header("X-Firedrill-Timestamp", String.valueOf(now))
                .header("X-Firedrill-Signature", "v1=" + AlertApi.hmac("not-the-secret", now + "." + body))
                .body(body).post(path).then().statusCode(401);
        given().contentType(ContentType.JSON).body(body).post(path).then().statusCode(401);
        String unsummarised = "{\"dedupKey\":\"k\",\"status\":\"firing\"}";
        api.signed(generic, now, unsummarised).post(path).then().statusCode(400)
                .body("errors[0].field", equalTo("summary"));
    }

    @Test
    void givenWrongCredentialsOrIntegrations_whenPosting_then401Or404() {
        Created am = api.alertmanager("");
        String body = fixture("alertmanager-firing.json");
        String path = "/api/v1/integrations/" + am.id() + "/alertmanager";

        given().contentType(ContentType.JSON).body(body).post(path).then().statusCode(401)
                .header("WWW-Authenticate", "Bearer realm=\"firedrill\"").contentType("application/problem+json");
        given().contentType(ContentType.JSON).header("Authorization", "Bearer fdr_wrong").body(body).post(path)
                .then().statusCode(401);
        api.bearer(am).body(body).post("/api/v1/integrations/00000000-0000-4000-8000-000000000000/alertmanager")
                .then().statusCode(404).contentType("application/problem+json");
        api.bearer(am).body(body).post("/api/v1/integrations/not-a-uuid/alertmanager").then().statusCode(404);
        api.bearer(am).body(fixture("grafana-firing.json")).post("/api/v1/integrations/" + am.id() + "/grafana")
                .then().statusCode(404);
        api.as().delete("/api/v1/integrations/" + am.id()).then().statusCode(204);
        api.bearer(am).body(body).post(path).then().statusCode(404);
    }

    @Test
    void givenAnIntegration_whenItsSecretIsRotated_thenOnlyTheNewSecretIsAccepted() {
        Created generic = api.create("{\"name\":\"rotating\",\"kind\":\"GENERIC\",\"defaultService\":\"batch\"}");
        String body = fixture("generic-firing.json");
        String path = "/api/v1/integrations/" + generic.id() + "/generic";
        long now = Instant.now().getEpochSecond();

        String secret = api.as().header("If-Match", "\"1\"").post("/api/v1/integrations/" + generic.id() + "/secret")
                .then().statusCode(200).body("version", equalTo(2)).extract().path("secret");

        assertThat(secret).startsWith("fdr_").isNotEqualTo(generic.secret());
        api.signed(generic, now, body).post(path).then().statusCode(401);
        api.signed(new Created(generic.id(), secret), now, body).post(path).then().statusCode(202);
        api.as().get("/api/v1/integrations/" + generic.id()).then().statusCode(200).body("secret", nullValue());
        api.as().header("If-Match", "\"1\"").post("/api/v1/integrations/" + generic.id() + "/secret")
                .then().statusCode(412);
        api.as().header("Idempotency-Key", "r1").post("/api/v1/integrations/" + generic.id() + "/secret")
                .then().statusCode(400).body("errors[0].field", equalTo("Idempotency-Key"));
        Created am = api.alertmanager("");
        String amSecret = api.as().post("/api/v1/integrations/" + am.id() + "/secret").then().statusCode(200)
                .extract().path("secret");
        api.bearer(am).body(fixture("alertmanager-firing.json")).post("/api/v1/integrations/" + am.id() + "/alertmanager")
                .then().statusCode(401);
        api.bearer(new Created(am.id(), amSecret)).body(fixture("alertmanager-firing.json"))
                .post("/api/v1/integrations/" + am.id() + "/alertmanager").then().statusCode(202);
    }

    @Test
    void givenMalformedOrOversizedPayloads_whenPosting_then400NamingTheFieldOr413() throws Exception {
        Created am = api.alertmanager("");
        String path = "/api/v1/integrations/" + am.id() + "/alertmanager";
        String body = fixture("alertmanager-firing.json");

        api.bearer(am).body("{not json").post(path).then().statusCode(400).body("errors[0].field", equalTo("$"));
        api.bearer(am).body(body.replaceFirst("\"startsAt\": \"2026-11-30T09:58:00Z\",", ""))
                .post(path).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("alerts[0].startsAt"));
        api.bearer(am).body(body.replaceFirst("\"status\": \"firing\",\n      \"labels\"", "\"status\": \"burning\",\n      \"labels\""))
                .post(path).then().statusCode(400).body("errors[0].field", equalTo("alerts[0].status"));
        api.bearer(am).body(body.replace("\"2026-11-30T09:59:30Z\"", "\"yesterday\""))
                .post(path).then().statusCode(400).body("errors[0].field", equalTo("alerts[1].startsAt"));
        api.bearer(am).body(body.replace("\"version\": \"4\"", "\"version\": \"3\"")).post(path)
                .then().statusCode(400).body("errors[0].field", equalTo("version"));
        api.bearer(am).body(AlertStormTest.payload("big", 1_001, 0)).post(path).then().statusCode(413)
                .contentType("application/problem+json");
        // Refused while it is read, and the connection closed: a client library may fail its write before it reads
        // the answer (Broken pipe), so this one is sent by hand and the answer read whatever became of the write.
        byte[] padded = ("{\"pad\":\"" + "x".repeat(1 << 20) + "\"}").getBytes(StandardCharsets.UTF_8);
        RawHttp.Answer tooLarge = RawHttp.send("POST", path, Map.of("Authorization", "Bearer " + am.secret(),
                "Content-Type", "application/json", "Content-Length", String.valueOf(padded.length)), padded);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(api.alerts(am)).isEmpty();
    }

    @Test
    void givenIntegrations_whenManaged_thenTheSecretIsShownOnceAndSettingsAreValidated() {
        Created am = api.alertmanager(",\"groupingKey\":\"{alertname}/{service}\"");

        assertThat(am.secret()).startsWith("fdr_");
        api.as().get("/api/v1/integrations/" + am.id()).then().statusCode(200)
                .body("secret", nullValue())
                .body("groupingKey", equalTo("{alertname}/{service}"))
                .body("severityLabel", equalTo("severity"))
                .body("autoResolve", equalTo("RESOLVE_INCIDENT"))
                .body("receiverUrl", org.hamcrest.Matchers.endsWith("/api/v1/integrations/" + am.id() + "/alertmanager"));
        api.as().get("/api/v1/integrations").then().statusCode(200).body("items.size()", equalTo(1))
                .body("items[0].secret", nullValue());
        api.as().header("If-Match", "\"1\"").body("{\"autoResolve\":\"NOTE_ONLY\"}")
                .patch("/api/v1/integrations/" + am.id()).then().statusCode(200)
                .body("autoResolve", equalTo("NOTE_ONLY")).body("version", equalTo(2))
                .body("groupingKey", equalTo("{alertname}/{service}"));
        api.as().header("If-Match", "\"1\"").body("{\"name\":\"late\"}").patch("/api/v1/integrations/" + am.id())
                .then().statusCode(412);
        api.as().body("{\"kind\":\"GRAFANA\"}").patch("/api/v1/integrations/" + am.id()).then().statusCode(400)
                .body("errors[0].field", equalTo("kind"));
        api.as().body("{\"name\":\"x\",\"kind\":\"ALERTMANAGER\"}").post("/api/v1/integrations").then()
                .statusCode(400).body("errors[0].field", equalTo("defaultService"));
        api.as().body("{\"name\":\"x\",\"kind\":\"ALERTMANAGER\",\"defaultService\":\"s\",\"groupingKey\":\"{oops\"}")
                .post("/api/v1/integrations").then().statusCode(400).body("errors[0].field", equalTo("groupingKey"));
        api.as().body("{\"name\":\"x\",\"kind\":\"PAGERDUTY\",\"defaultService\":\"s\"}")
                .post("/api/v1/integrations").then().statusCode(400).body("errors[0].field", equalTo("kind"));
        api.as().body("{\"name\":\"x\",\"kind\":\"ALERTMANAGER\",\"defaultService\":\"s\",\"severityMapping\":{\"critical\":\"SEV1\"}}")
                .post("/api/v1/integrations").then().statusCode(400);
        api.as().header("Idempotency-Key", "k1").body("{\"name\":\"x\",\"kind\":\"ALERTMANAGER\",\"defaultService\":\"s\"}")
                .post("/api/v1/integrations").then().statusCode(400).body("errors[0].field", equalTo("Idempotency-Key"));
        given().contentType(ContentType.JSON).header("X-Test-Tenant", "someone-else")
                .get("/api/v1/integrations/" + am.id()).then().statusCode(404);
    }

    /** The grouping processor forgets its position and its memory of the integration's keys and alerts. */
    private void loseTheGroupingMemory(Created am) throws Exception {
        processors.processor(AlertGroupingProcessor.PROCESSOR).shutdown().get(30, TimeUnit.SECONDS);
        try {
            tokens.deleteProcessor("alert-grouping").get(30, TimeUnit.SECONDS);
            pool.preparedQuery("DELETE FROM alert_state WHERE integration_id = $1").execute(Tuple.of(UUID.fromString(am.id())))
                    .await().atMost(Duration.ofSeconds(10));
            pool.preparedQuery("DELETE FROM alert_group WHERE integration_id = $1").execute(Tuple.of(UUID.fromString(am.id())))
                    .await().atMost(Duration.ofSeconds(10));
        } finally {
            processors.processor(AlertGroupingProcessor.PROCESSOR).start().get(30, TimeUnit.SECONDS);
        }
    }

    /** Posts a firing alert of a key of its own and waits for its incident: every earlier delivery was grouped. */
    private void awaitGrouped(Created am, String alertname) {
        api.bearer(am).body(AlertStormTest.payload(alertname, 1, 0).replace("\"storm-0\"", "\"sentinel\""))
                .post("/api/v1/integrations/" + am.id() + "/alertmanager").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.incidents().stream()
                .anyMatch(incident -> alertname.equals(incident.get("title"))));
    }

    private String nameOf(Created integration) {
        return api.as().get("/api/v1/integrations/" + integration.id()).then().statusCode(200).extract().path("name");
    }

    private static String firstAlertOnly(String payload) {
        int second = payload.indexOf("    {\n      \"status\": \"firing\"", payload.indexOf("\"fingerprint\""));
        int end = payload.indexOf("  ],", second);
        return payload.substring(0, payload.lastIndexOf(',', second)) + "\n" + payload.substring(end);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> entry) {
        return (Map<String, Object>) entry.get("data");
    }

    /** The {@code n}th AlertReceived fact's data. */
    private static Map<String, Object> alertFact(List<Map<String, Object>> timeline, int n) {
        return data(timeline.stream().filter(e -> "AlertReceived".equals(e.get("type"))).skip(n).findFirst().orElseThrow());
    }
}
