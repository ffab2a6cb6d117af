package io.firedrill.bootstrap.http;

import io.firedrill.bootstrap.TestAuth;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Commands read JSON only (issue 21, item 10): a body sent without {@code Content-Type: application/json} (what a
 * browser's simple cross-site request looks like) is refused with 415 before it is read; a command without a body
 * needs no content type.
 */
@QuarkusTest
class ContentTypeTest {

    private final String tenant = "media-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String DECLARATION = "{\"title\":\"Checkout errors\",\"severity\":\"P1\",\"services\":[\"checkout\"]}";

    @ParameterizedTest(name = "{0} {1} with Content-Type ''{2}''")
    @CsvSource(delimiter = '|', value = {
            "POST  | /api/v1/incidents                                  | ",
            "POST  | /api/v1/incidents                                  | text/plain",
            "POST  | /api/v1/incidents                                  | application/x-www-form-urlencoded",
            "POST  | /api/v1/incidents/{id}/acknowledge                 | ",
            "POST  | /api/v1/incidents/{id}/notes                       | text/plain;charset=UTF-8",
            "PATCH | /api/v1/incidents/{id}/postmortem                  | ",
            "POST  | /api/v1/action-items                               | ",
            "PATCH | /api/v1/action-items/{id}                          | multipart/form-data; boundary=x",
            "POST  | /api/v1/integrations                               | ",
            "PATCH | /api/v1/integrations/{id}                          | ",
            "PUT   | /api/v1/metrics/definitions/mttr                   | "})
    void aCommandBodyThatIsNotDeclaredJsonIsRefusedWith415NamingTheHeader(String method, String path, String type)
            throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", TestAuth.bearer("alice", tenant));
        headers.put("Content-Length", String.valueOf(DECLARATION.getBytes(StandardCharsets.UTF_8).length));
        if (type != null) {
            headers.put("Content-Type", type);
        }

        RawHttp.Answer answer = RawHttp.send(method.strip(), path.strip().replace("{id}", UUID.randomUUID().toString()),
                headers, DECLARATION.getBytes(StandardCharsets.UTF_8));

        BodyLimitsTest.assertProblem(answer, 415);
        assertThat(new JsonPath(answer.body()).getString("errors[0].field")).isEqualTo("Content-Type");
    }

    @Test
    void overHttp2ACommandBodyWithoutContentTypeIsRefusedWith415WhetherItsLengthIsAnnouncedOrNot() throws Exception {
        byte[] body = DECLARATION.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = Map.of("Authorization", TestAuth.bearer("alice", tenant));
        Map<String, String> announced = new LinkedHashMap<>(headers);
        announced.put("Content-Length", String.valueOf(body.length));
        try (Http2 h2 = new Http2()) {
            // HTTP/2 may frame a body without announcing it, and has no Transfer-Encoding to say it is there
            for (Http2.Answer answer : new Http2.Answer[] {
                    h2.send(HttpMethod.POST, "/api/v1/incidents", announced, body),
                    h2.sendUnannounced(HttpMethod.POST, "/api/v1/incidents", headers, body)}) {
                assertThat(answer.version()).isEqualTo(HttpVersion.HTTP_2);
                BodyLimitsTest.assertProblem(answer.asRaw(), 415);
                assertThat(new JsonPath(answer.body()).getString("errors[0].field")).isEqualTo("Content-Type");
            }
            assertThat(h2.closed()).as("connections closed").isZero();
        }
    }

    @Test
    void overHttp2ACommandWithoutABodyNeedsNoContentType() throws Exception {
        String id = given().contentType(ContentType.JSON).header("X-Test-Actor", "alice")
                .header("X-Test-Tenant", tenant).body(DECLARATION)
                .post("/api/v1/incidents").then().statusCode(201).extract().path("id");
        try (Http2 h2 = new Http2()) {
            Http2.Answer answer = h2.send(HttpMethod.POST, "/api/v1/incidents/" + id + "/acknowledge",
                    Map.of("Authorization", TestAuth.bearer("alice", tenant)), null);

            assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        }
    }

    @Test
    void aCommandWithoutABodyNeedsNoContentType() throws Exception {
        String id = given().contentType(ContentType.JSON).header("X-Test-Actor", "alice")
                .header("X-Test-Tenant", tenant).body(DECLARATION)
                .post("/api/v1/incidents").then().statusCode(201).extract().path("id");

        RawHttp.Answer answer = RawHttp.send("POST", "/api/v1/incidents/" + id + "/acknowledge",
                Map.of("Authorization", TestAuth.bearer("alice", tenant), "Content-Length", "0"), null);

        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
    }

    @Test
    void aJsonCommandIsStillAccepted() {
        given().contentType("application/json; charset=UTF-8").header("X-Test-Actor", "alice")
                .header("X-Test-Tenant", tenant).body(DECLARATION)
                .post("/api/v1/incidents").then().statusCode(201);
    }
}
