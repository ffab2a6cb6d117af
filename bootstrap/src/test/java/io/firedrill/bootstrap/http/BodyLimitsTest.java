package io.firedrill.bootstrap.http;

import io.firedrill.bootstrap.TestAuth;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Bodies, request lines and headers are limited while they are read (issue 21, items 6 and 10): an over-size or
 * unauthenticated request is answered before its body has been sent, so none is buffered, and every refusal is a
 * problem+json like any other.
 */
@QuarkusTest
class BodyLimitsTest {

    private static final int COMMAND_LIMIT = 256 * 1024;
    private static final int BODY_LIMIT = 1024 * 1024;

    private final String tenant = "limits-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aCommandAnnouncingMoreThanTheCommandLimitIs413BeforeItsBodyIsSent() throws Exception {
        RawHttp.Answer answer = RawHttp.send("POST", "/api/v1/incidents",
                Map.of("Content-Type", "application/json", "Content-Length", String.valueOf(COMMAND_LIMIT + 1)), null);

        assertProblem(answer, 413);
        assertThat(answer.body()).contains(String.valueOf(COMMAND_LIMIT));
    }

    @Test
    void aChunkedCommandBodyIsRefusedWith413OnceItPassesTheLimitWithoutWaitingForItsEnd() throws Exception {
        byte[] start = "{\"title\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] filler = new byte[64 * 1024];
        Arrays.fill(filler, (byte) 'x');
        // just past the limit, unfinished: no terminating chunk follows
        byte[] body = concat(RawHttp.chunk(start), RawHttp.chunk(filler), RawHttp.chunk(filler), RawHttp.chunk(filler),
                RawHttp.chunk(filler));

        RawHttp.Answer answer = RawHttp.send("POST", "/api/v1/incidents", Map.of("Content-Type", "application/json",
                "Transfer-Encoding", "chunked", "Authorization", TestAuth.bearer("ops", tenant)), body);

        assertProblem(answer, 413);
    }

    @Test
    void aBodyAnnouncingMoreThanTheHttpLimitIs413ProblemOnAnyPath() throws Exception {
        for (String path : new String[] {"/api/v1/incidents", "/nowhere/" + UUID.randomUUID(), "/q/health/ready"}) {
            RawHttp.Answer answer = RawHttp.send("POST", path,
                    Map.of("Content-Type", "application/json", "Content-Length", String.valueOf(20 * BODY_LIMIT)), null);

            assertProblem(answer, 413);
        }
    }

    @Test
    void aRequestLineOverTheLimitIs414Problem() throws Exception {
        RawHttp.Answer answer = RawHttp.send("GET", "/api/v1/incidents?service=" + "a".repeat(5000), Map.of(), null);

        assertProblem(answer, 414);
    }

    @Test
    void headersOverTheLimitAre431Problem() throws Exception {
        RawHttp.Answer answer = RawHttp.send("GET", "/api/v1/incidents", Map.of("X-Padding", "p".repeat(17 * 1024)), null);

        assertProblem(answer, 431);
    }

    @Test
    void aReceiverRefusesAWrongBearerTokenBeforeTheBodyIsSent() throws Exception {
        String id = integration("ALERTMANAGER");

        RawHttp.Answer answer = RawHttp.send("POST", "/api/v1/integrations/" + id + "/alertmanager",
                Map.of("Content-Type", "application/json", "Authorization", "Bearer fdr_wrong",
                        "Content-Length", String.valueOf(BODY_LIMIT - 1)), null);

        assertProblem(answer, 401);
    }

    @Test
    void aReceiverRefusesAnUnsignedOrStaleGenericDeliveryBeforeTheBodyIsSent() throws Exception {
        String id = integration("GENERIC");
        String path = "/api/v1/integrations/" + id + "/generic";

        assertProblem(RawHttp.send("POST", path,
                Map.of("Content-Type", "application/json", "Content-Length", String.valueOf(BODY_LIMIT - 1)), null), 401);
        assertProblem(RawHttp.send("POST", path,
                Map.of("Content-Type", "application/json", "Content-Length", String.valueOf(BODY_LIMIT - 1),
                        "X-Firedrill-Timestamp", String.valueOf(Instant.now().getEpochSecond() - 3600),
                        "X-Firedrill-Signature", "v1=00"), null), 401);
    }

    @Test
    void anUnknownIntegrationIsRefusedBeforeTheBodyIsSent() throws Exception {
        RawHttp.Answer answer = RawHttp.send("POST", "/api/v1/integrations/" + UUID.randomUUID() + "/alertmanager",
                Map.of("Content-Type", "application/json", "Authorization", "Bearer fdr_wrong",
                        "Content-Length", String.valueOf(BODY_LIMIT - 1)), null);

        assertProblem(answer, 404);
    }

    @Test
    void anAuthenticatedChunkedReceiverBodyIsRefusedWith413OnceItPassesTheLimit() throws Exception {
        String id = integration("ALERTMANAGER");
        String secret = secrets.get(id);
        byte[] filler = new byte[256 * 1024];
        Arrays.fill(filler, (byte) ' ');
        byte[] body = concat(RawHttp.chunk(filler), RawHttp.chunk(filler), RawHttp.chunk(filler), RawHttp.chunk(filler),
                RawHttp.chunk(new byte[] {' '}));

        RawHttp.Answer answer = RawHttp.send("POST", "/api/v1/integrations/" + id + "/alertmanager",
                Map.of("Content-Type", "application/json", "Authorization", "Bearer " + secret,
                        "Transfer-Encoding", "chunked"), body);

        assertProblem(answer, 413);
    }

    @Test
    void overHttp2ACommandOverTheLimitIs413ProblemAndOnlyItsStreamEnds() throws Exception {
        try (Http2 h2 = new Http2()) {
            assertLive(h2);

            Http2.Answer announced = h2.send(HttpMethod.POST, "/api/v1/incidents", commandHeaders(), filler(COMMAND_LIMIT + 1));
            assertProblem(announced.asRaw(), 413);
            assertThat(announced.body()).contains(String.valueOf(COMMAND_LIMIT));
            assertLive(h2);

            // no length announced: refused by the command body limit while it is read
            Http2.Answer unannounced = h2.sendUnannounced(HttpMethod.POST, "/api/v1/incidents", commandHeaders(),
                    filler(COMMAND_LIMIT + 1));
            assertProblem(unannounced.asRaw(), 413);
            assertLive(h2);

            assertOneConnectionStillOpen(h2);
        }
    }

    @Test
    void overHttp2AReceiverRefusalBeforeTheBodyIsReadIsAProblemAndOnlyItsStreamEnds() throws Exception {
        String id = integration("ALERTMANAGER");
        try (Http2 h2 = new Http2()) {
            Http2.Answer wrongBearer = h2.send(HttpMethod.POST, "/api/v1/integrations/" + id + "/alertmanager",
                    Map.of("Content-Type", "application/json", "Authorization", "Bearer fdr_wrong"), filler(300 * 1024));
            assertProblem(wrongBearer.asRaw(), 401);
            assertLive(h2);

            Http2.Answer tooLarge = h2.send(HttpMethod.POST, "/api/v1/integrations/" + id + "/alertmanager",
                    Map.of("Content-Type", "application/json", "Authorization", "Bearer " + secrets.get(id)),
                    filler(BODY_LIMIT + 1));
            assertProblem(tooLarge.asRaw(), 413);
            assertLive(h2);

            assertOneConnectionStillOpen(h2);
        }
    }

    @Test
    void overHttp2UriHeaderAndMediaTypeRefusalsAreProblemsAndOnlyTheirStreamsEnd() throws Exception {
        try (Http2 h2 = new Http2()) {
            assertProblem(h2.send(HttpMethod.GET, "/api/v1/incidents?service=" + "a".repeat(5000), Map.of(), null)
                    .asRaw(), 414);
            assertProblem(h2.send(HttpMethod.GET, "/api/v1/incidents", Map.of("X-Padding", "p".repeat(17 * 1024)), null)
                    .asRaw(), 431);
            Map<String, String> plainText = new java.util.HashMap<>(commandHeaders());
            plainText.put("Content-Type", "text/plain");
            assertProblem(h2.send(HttpMethod.POST, "/api/v1/incidents", plainText, declaration()).asRaw(), 415);
            assertLive(h2);

            assertOneConnectionStillOpen(h2);
        }
    }

    @Test
    void overHttp11ARefusalOfAnUnreadBodyClosesTheKeepAliveConnectionAfterTheProblem() throws Exception {
        try (Http2 http11 = Http2.http11()) {
            assertThat(http11.send(HttpMethod.GET, "/q/health/live", Map.of(), null).status()).isEqualTo(200);

            Http2.Answer refused = http11.sendHeadOnly(HttpMethod.POST, "/api/v1/incidents", commandHeaders(),
                    COMMAND_LIMIT + 1);

            assertProblem(refused.asRaw(), 413);
            assertThat(refused.header("Connection")).isEqualToIgnoringCase("close");
            // the unread body is not taken for the next request: the connection ends with the answer
            await().atMost(RawHttp.ANSWER_WITHIN).untilAsserted(() -> assertThat(http11.closed()).isEqualTo(1));
            assertThat(http11.send(HttpMethod.GET, "/q/health/live", Map.of(), null).status()).isEqualTo(200);
            assertThat(http11.opened()).isEqualTo(2);
        }
    }

    private Map<String, String> commandHeaders() {
        return Map.of("Content-Type", "application/json", "Authorization", TestAuth.bearer("ops", tenant));
    }

    private static byte[] declaration() {
        return "{\"title\":\"Checkout errors\",\"severity\":\"P1\",\"services\":[\"checkout\"]}"
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] filler(int length) {
        byte[] body = new byte[length];
        Arrays.fill(body, (byte) ' ');
        return body;
    }

    private static void assertLive(Http2 h2) throws Exception {
        Http2.Answer live = h2.send(HttpMethod.GET, "/q/health/live", Map.of(), null);
        assertThat(live.version()).isEqualTo(HttpVersion.HTTP_2);
        assertThat(live.status()).as("%s", live).isEqualTo(200);
    }

    /** Every request went over the one connection, and no refusal closed it (a GOAWAY ends every stream on it). */
    private static void assertOneConnectionStillOpen(Http2 h2) {
        assertThat(h2.opened()).as("connections opened").isEqualTo(1);
        assertThat(h2.closed()).as("connections closed").isZero();
    }

    private final Map<String, String> secrets = new java.util.HashMap<>();

    private String integration(String kind) {
        var created = given().contentType(ContentType.JSON).header("X-Test-Actor", "ops")
                .header("X-Test-Tenant", tenant)
                .body("{\"name\":\"limits-" + UUID.randomUUID().toString().substring(0, 6) + "\",\"kind\":\"" + kind
                        + "\",\"defaultService\":\"svc\"}")
                .post("/api/v1/integrations").then().statusCode(201).extract();
        secrets.put(created.path("id"), created.path("secret"));
        return created.path("id");
    }

    static void assertProblem(RawHttp.Answer answer, int status) {
        assertThat(answer.status()).as("status of %s", answer).isEqualTo(status);
        assertThat(answer.header("Content-Type")).as("content type of %s", answer).startsWith("application/problem+json");
        JsonPath problem = new JsonPath(answer.body());
        assertThat(problem.getInt("status")).isEqualTo(status);
        assertThat(problem.getString("title")).isNotBlank();
        assertThat(problem.getString("detail")).isNotBlank();
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
