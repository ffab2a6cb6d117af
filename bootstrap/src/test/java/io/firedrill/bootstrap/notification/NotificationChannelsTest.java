package io.firedrill.bootstrap.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.firedrill.bootstrap.TestAuth;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Notification channels against stand-ins of every vendor's endpoint ({@link VendorServers}), which check signatures
 * and message shapes as the vendors document them: a test send arrives once, signed, in the vendor's format; the
 * vendor's refusals, rate limits, failures and silence come back as the test's report; destinations outside the
 * outbound rules are refused when saved; URLs and secrets are stored sealed and never shown.
 */
@QuarkusTest
class NotificationChannelsTest {

    private static final String CHANNELS = "/api/v1/notification-channels";

    @Inject
    Pool pool;

    private final String tenant = "notify-" + UUID.randomUUID().toString().substring(0, 8);
    private VendorServers vendors;

    @BeforeEach
    void start() throws Exception {
        TestAuth.tenant(tenant);
        vendors = new VendorServers();
    }

    @AfterEach
    void stop() {
        vendors.close();
    }

    private ExtractableResponse<Response> create(String body) {
        return given().contentType(ContentType.JSON).header(TestAuth.TENANT, tenant).body(body).post(CHANNELS)
                .then().extract();
    }

    private String channel(String kind, String vendor, String secret) {
        String body = "{\"name\":\"" + vendor + " war room\",\"kind\":\"" + kind + "\",\"url\":\"" + vendors.url(vendor)
                + "\"" + (secret == null ? "" : ",\"secret\":\"" + secret + "\"") + "}";
        ExtractableResponse<Response> created = create(body);
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        if (kind.equals("WEBHOOK")) {
            vendors.webhookSecret = created.path("secret");
        }
        return created.path("id");
    }

    private ExtractableResponse<Response> test(String id) {
        return given().contentType(ContentType.JSON).header(TestAuth.TENANT, tenant).header(TestAuth.ACTOR, "ops-lead").post(CHANNELS + "/" + id + "/test")
                .then().statusCode(200).extract();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SLACK", "FEISHU", "DINGTALK", "WECOM", "TEAMS", "WEBHOOK"})
    void aTestMessageArrivesOnce_signedAndShapedAsTheVendorDocuments(String kind) {
        String vendor = kind.toLowerCase();
        String secret = switch (kind) {
            case "FEISHU" -> VendorServers.FEISHU_SECRET;
            case "DINGTALK" -> VendorServers.DINGTALK_SECRET;
            default -> null;
        };
        String id = channel(kind, vendor, secret);

        ExtractableResponse<Response> report = test(id);

        assertThat(report.<Boolean>path("accepted")).as(report.asString()).isTrue();
        assertThat(report.<Integer>path("status")).isEqualTo(kind.equals("TEAMS") ? 202 : kind.equals("WEBHOOK") ? 204 : 200);
        assertThat(vendors.of(vendor)).hasSize(1);
        VendorServers.Received received = vendors.of(vendor).getFirst();
        String text = received.body().toString();
        assertThat(text).contains("Firedrill test message").contains(vendor + " war room").contains("ops-lead")
                .containsPattern("fd-test-[0-9a-f-]{36}");
        if (kind.equals("WEBHOOK")) {
            assertThat(received.headers().get("webhook-id")).startsWith("fd-test-");
            assertThat(received.body().path("type").asText()).isEqualTo("firedrill.test");
            assertThat(received.body().path("data").path("id").asText()).isEqualTo(received.headers().get("webhook-id"));
        }
    }

    @Test
    void theUrlAndSecretAreWriteOnly_andStoredSealed() throws Exception {
        String id = channel("FEISHU", "feishu", VendorServers.FEISHU_SECRET);

        String shown = given().header(TestAuth.TENANT, tenant).get(CHANNELS + "/" + id).then().statusCode(200)
                .body("host", equalTo("127.0.0.1")).body("kind", equalTo("FEISHU")).body("language", equalTo("en"))
                .body("drills", equalTo(false)).body("secret", nullValue()).extract().asString();
        assertThat(shown).doesNotContain("0f1e2d3c").doesNotContain(VendorServers.FEISHU_SECRET);
        given().header(TestAuth.TENANT, tenant).get(CHANNELS).then().statusCode(200)
                .body("items.size()", equalTo(1)).body(not(containsString(VendorServers.FEISHU_SECRET)));

        Row row = row(id);
        assertThat(row.getString("destination_sealed")).startsWith("aes-gcm:v1:").doesNotContain("0f1e2d3c");
        assertThat(row.getString("secret_sealed")).startsWith("aes-gcm:v1:").doesNotContain(VendorServers.FEISHU_SECRET);

        given().header(TestAuth.TENANT, tenant).delete(CHANNELS + "/" + id).then().statusCode(204);
        given().header(TestAuth.TENANT, tenant).get(CHANNELS + "/" + id).then().statusCode(404);
        given().contentType(ContentType.JSON).header(TestAuth.TENANT, tenant).post(CHANNELS + "/" + id + "/test").then().statusCode(404);
        Row deleted = row(id);
        assertThat(deleted.getString("destination_sealed")).isNull();
        assertThat(deleted.getString("secret_sealed")).isNull();
    }

    @Test
    void anotherTenantsChannelDoesNotExist() {
        String id = channel("SLACK", "slack", null);
        String other = tenant + "-other";
        TestAuth.tenant(other);
        given().header(TestAuth.TENANT, other).get(CHANNELS + "/" + id).then().statusCode(404);
        given().contentType(ContentType.JSON).header(TestAuth.TENANT, other).post(CHANNELS + "/" + id + "/test").then().statusCode(404);
        assertThat(vendors.received).isEmpty();
    }

    @Test
    void aWrongSigningSecretIsTheVendorsRefusal_notRetryable() {
        String id = channel("FEISHU", "feishu", "not-the-bots-secret");
        ExtractableResponse<Response> report = test(id);
        assertThat(report.<Boolean>path("accepted")).isFalse();
        assertThat(report.<String>path("vendorCode")).isEqualTo("19021");
        assertThat(report.<String>path("detail")).contains("sign match fail");
        assertThat(report.<Boolean>path("retryable")).isFalse();

        String ding = channel("DINGTALK", "dingtalk", "SECwrong");
        ExtractableResponse<Response> dingReport = test(ding);
        assertThat(dingReport.<String>path("vendorCode")).isEqualTo("310000");
        assertThat(dingReport.<Boolean>path("retryable")).isFalse();
        assertThat(vendors.received).isEmpty();
    }

    @Test
    void rateLimitsFailuresAndSilenceAreReported_asRetryable() {
        String slack = channel("SLACK", "slack", null);
        String dingtalk = channel("DINGTALK", "dingtalk", VendorServers.DINGTALK_SECRET);
        String wecom = channel("WECOM", "wecom", null);

        vendors.mode = VendorServers.Mode.RATE_LIMITED;
        ExtractableResponse<Response> limited = test(slack);
        assertThat(limited.<Integer>path("status")).isEqualTo(429);
        assertThat(limited.<Integer>path("retryAfterSeconds")).isEqualTo(7);
        assertThat(limited.<Boolean>path("retryable")).isTrue();
        assertThat(test(dingtalk).<String>path("vendorCode")).isEqualTo("130101");
        ExtractableResponse<Response> wecomLimited = test(wecom);
        assertThat(wecomLimited.<String>path("vendorCode")).isEqualTo("45009");
        assertThat(wecomLimited.<Boolean>path("retryable")).isTrue();

        vendors.mode = VendorServers.Mode.SERVER_ERROR;
        ExtractableResponse<Response> failed = test(slack);
        assertThat(failed.<Integer>path("status")).isEqualTo(500);
        assertThat(failed.<Boolean>path("accepted")).isFalse();
        assertThat(failed.<Boolean>path("retryable")).isTrue();

        // the test profile's read timeout is 2 s and the send timeout 3 s
        vendors.mode = VendorServers.Mode.SLOW;
        vendors.slowMillis = 6_000;
        ExtractableResponse<Response> silent = test(slack);
        assertThat(silent.<Integer>path("status")).isEqualTo(0);
        assertThat(silent.<Boolean>path("retryable")).isTrue();
        assertThat(silent.<Integer>path("latencyMs")).isBetween(1_500, 2_900);
        assertThat(silent.<String>path("detail")).contains("read timeout").doesNotContain(VendorServers.SLACK_PATH)
                .doesNotContain("7IsoQTrixdUtE971O1xQTm4T");
        assertThat(vendors.received).isEmpty();
    }

    @Test
    void destinationsOutsideTheOutboundRules_areRefusedWhenSaved_namingTheField() {
        refused("{\"name\":\"x\",\"kind\":\"SLACK\",\"url\":\"https://hooks.slack.com.evil.test/services/x\"}", "url",
                "host of the vendor");
        refused("{\"name\":\"x\",\"kind\":\"TEAMS\",\"url\":\"https://example.com/workflows/x\"}", "url",
                "host of the vendor");
        refused("{\"name\":\"x\",\"kind\":\"WEBHOOK\",\"url\":\"https://receiver.example.com/hooks\"}", "url",
                "URL prefixes the operator allows");
        refused("{\"name\":\"x\",\"kind\":\"WEBHOOK\",\"url\":\"http://127.0.0.1.evil.test/hooks\"}", "url",
                "URL prefixes the operator allows");
        refused("{\"name\":\"x\",\"kind\":\"SLACK\",\"url\":\"ftp://hooks.slack.com/services/x\"}", "url", "https://");
        refused("{\"name\":\"x\",\"kind\":\"SLACK\",\"url\":\"https://user:pw@hooks.slack.com/services/x\"}", "url",
                "without user information");
        refused("{\"name\":\"x\",\"kind\":\"SLACK\"}", "url", "must be given");
        refused("{\"name\":\"x\",\"kind\":\"FEISHU\",\"url\":\"" + vendors.url("feishu") + "\"}", "secret", "must be given");
        refused("{\"name\":\"x\",\"kind\":\"SLACK\",\"url\":\"" + vendors.url("slack") + "\",\"secret\":\"s\"}", "secret",
                "not used");
        refused("{\"name\":\"x\",\"kind\":\"WEBHOOK\",\"url\":\"" + vendors.url("webhook") + "\",\"secret\":\"whsec_x\"}",
                "secret", "issued by Firedrill");
        refused("{\"name\":\" \",\"kind\":\"SLACK\",\"url\":\"" + vendors.url("slack") + "\"}", "name", "blank");
        refused("{\"name\":\"x\",\"kind\":\"SLACK\",\"language\":\"fr\",\"url\":\"" + vendors.url("slack") + "\"}",
                "language", "en or zh");
        given().header(TestAuth.TENANT, tenant).get(CHANNELS).then().statusCode(200).body("items.size()", equalTo(0));
    }

    private void refused(String body, String field, String detail) {
        given().contentType(ContentType.JSON).header(TestAuth.TENANT, tenant).body(body).post(CHANNELS).then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo(field)).body("errors[0].message", containsString(detail));
    }

    @Test
    void changes_moveTheVersion_keepTheKind_andReplaceTheDestination() {
        String id = channel("DINGTALK", "dingtalk", "SECold");
        assertThat(test(id).<String>path("vendorCode")).isEqualTo("310000");

        given().contentType(ContentType.JSON).header(TestAuth.TENANT, tenant).header("If-Match", "\"1\"")
                .body("{\"name\":\"钉钉值班群\",\"language\":\"zh\",\"drills\":true,\"secret\":\""
                        + VendorServers.DINGTALK_SECRET + "\"}")
                .patch(CHANNELS + "/" + id).then().statusCode(200).header("ETag", "\"2\"")
                .body("name", equalTo("钉钉值班群")).body("language", equalTo("zh")).body("drills", equalTo(true));
        given().contentType(ContentType.JSON).header(TestAuth.TENANT, tenant).header("If-Match", "\"1\"")
                .body("{\"name\":\"late\"}").patch(CHANNELS + "/" + id).then().statusCode(412);
        given().contentType(ContentType.JSON).header(TestAuth.TENANT, tenant).body("{\"kind\":\"SLACK\"}")
                .patch(CHANNELS + "/" + id).then().statusCode(400).body("errors[0].field", equalTo("kind"));

        ExtractableResponse<Response> report = test(id);
        assertThat(report.<Boolean>path("accepted")).as(report.asString()).isTrue();
        String markdown = vendors.of("dingtalk").getFirst().body().path("markdown").path("text").asText();
        assertThat(markdown).contains("Firedrill 测试消息").contains("钉钉值班群");
    }

    @Test
    void aSignedWebhooksSecretIsShownOnce_andARotationReplacesIt() {
        String id = channel("WEBHOOK", "webhook", null);
        String first = vendors.webhookSecret;
        assertThat(first).startsWith("whsec_");
        given().header(TestAuth.TENANT, tenant).get(CHANNELS + "/" + id).then().body("secret", nullValue());

        String second = given().contentType(ContentType.JSON).header(TestAuth.TENANT, tenant).post(CHANNELS + "/" + id + "/secret").then()
                .statusCode(200).header("ETag", "\"2\"").extract().path("secret");
        assertThat(second).startsWith("whsec_").isNotEqualTo(first);
        // the receiver still verifies with the old secret: the send is refused
        ExtractableResponse<Response> stale = test(id);
        assertThat(stale.<Integer>path("status")).isEqualTo(401);
        vendors.webhookSecret = second;
        assertThat(test(id).<Boolean>path("accepted")).isTrue();

        String slack = channel("SLACK", "slack", null);
        given().contentType(ContentType.JSON).header(TestAuth.TENANT, tenant).post(CHANNELS + "/" + slack + "/secret").then().statusCode(400)
                .body("errors[0].field", equalTo("kind"));
    }

    private Row row(String id) throws Exception {
        return pool.preparedQuery("SELECT destination_sealed, secret_sealed FROM notification_channel WHERE channel_id = $1")
                .execute(Tuple.of(UUID.fromString(id))).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS).iterator().next();
    }
}
