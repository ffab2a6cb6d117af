package io.firedrill.bootstrap.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
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

        RawHttp.Answer answer = RawHttp.send("POST", "/api/v1/incidents",
                Map.of("Content-Type", "application/json", "Transfer-Encoding", "chunked"), body);

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

    private final Map<String, String> secrets = new java.util.HashMap<>();

    private String integration(String kind) {
        var created = given().contentType(ContentType.JSON).header("X-Firedrill-Actor", "ops")
                .header("X-Firedrill-Tenant", tenant)
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
