package io.firedrill.bootstrap.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firedrill.adapter.rest.security.AccessTable;
import io.firedrill.adapter.rest.security.AccessTable.Access;
import io.firedrill.adapter.rest.security.AccessTable.AnyPrincipal;
import io.firedrill.adapter.rest.security.AccessTable.IntegrationCredential;
import io.firedrill.adapter.rest.security.AccessTable.Needs;
import io.firedrill.application.port.in.security.Role;
import io.firedrill.bootstrap.TestAuth;
import io.firedrill.bootstrap.events.SseClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of the OpenAPI document, called by every role in its own tenant and in another, by a platform admin,
 * by an integration's credential, and with no, an expired and a revoked token; each answer compared with the access
 * matrix published in {@code docs/security.md}, which must also be the table the code enforces. A new endpoint
 * without a matrix entry fails here.
 */
@QuarkusTest
class AccessMatrixTest {

    private static final Path DOC = Path.of("..", "docs", "security.md");
    private static final Pattern ROW = Pattern.compile("^\\| `(GET|POST|PUT|PATCH|DELETE) (/[^`]*)` \\|(.*)\\|\\s*$");
    private static final List<String> COLUMNS = List.of("viewer", "responder", "commander", "admin", "integration",
            "platform-admin");
    /** Test fixtures that are not part of Firedrill's API. */
    private static final String FIXTURES = "/toy/";

    private final String own = "matrix-a-" + UUID.randomUUID().toString().substring(0, 8);
    private final String other = "matrix-b-" + UUID.randomUUID().toString().substring(0, 8);

    /** A caller of the matrix: its name in the report, its role, and its {@code Authorization} (or none). */
    private record Caller(String name, Role role, boolean ownTenant, boolean valid, String authorization) {
    }

    /**
     * The own tenant's objects, by the collection path their {@code {id}} follows, and its integrations of each kind
     * (the receiver's last path segment) with their secrets.
     */
    private record Fixtures(Map<String, String> ids, Map<String, String[]> integrations) {
    }

    @Test
    void theOpenApiDocumentTheTableAndThePublishedMatrixNameTheSameEndpoints() throws IOException {
        Map<String, Access> published = published();
        assertThat(published).as("docs/security.md matrix").containsExactlyInAnyOrderEntriesOf(AccessTable.entries());
        assertThat(openApiEndpoints()).as("endpoints of the OpenAPI document")
                .containsExactlyInAnyOrderElementsOf(published.keySet());
    }

    @Test
    void everyEndpointAnswersEveryCallerAsTheMatrixSays() throws IOException {
        Map<String, Access> published = published();
        Fixtures fixtures = fixtures();
        List<Caller> callers = callers();
        List<String> mismatches = new ArrayList<>();
        int calls = 0;
        // deletions last, so that every other call meets the fixtures as they were made
        Set<String> streams = streamingEndpoints();
        List<String> endpoints = openApiEndpoints().stream()
                .sorted(java.util.Comparator.comparing((String endpoint) -> endpoint.startsWith("DELETE ")))
                .toList();
        for (String endpoint : endpoints) {
            Access access = published.get(endpoint);
            if (access == null) {
                mismatches.add(endpoint + ": no entry in the published matrix");
                continue;
            }
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String template = endpoint.substring(endpoint.indexOf(' ') + 1);
            for (Caller caller : callers) {
                RequestSpecification request = given().header(TestAuth.ANONYMOUS, "yes");
                if (caller.role() == Role.INTEGRATION) {
                    request = asIntegration(request, template, fixtures);
                } else if (caller.authorization() != null) {
                    request = request.header("Authorization", caller.authorization());
                }
                if (!method.equals("GET") && !method.equals("DELETE")) {
                    request = request.contentType(ContentType.JSON).body("{}");
                }
                Answer answer = streams.contains(endpoint) ? stream(path(template, fixtures), caller)
                        : Answer.of(request.request(method, path(template, fixtures)));
                calls++;
                String mismatch = mismatch(access, template, caller, answer, fixtures);
                if (mismatch != null) {
                    mismatches.add(endpoint + " as " + caller.name() + ": " + mismatch);
                }
            }
        }
        assertThat(mismatches).as("mismatches in %d calls", calls).isEmpty();
        assertThat(calls).isGreaterThan(published.size() * callers.size() - 1);
    }

    /** An answer's status and body (for a stream: what it sent within a moment). */
    private record Answer(int statusCode, String asString) {
        static Answer of(Response response) {
            return new Answer(response.statusCode(), response.asString());
        }
    }

    /**
     * An event stream's answer: its status, and for a 200 what it sent from the start of the log within half a second
     * (another tenant's stream must show none of the fixtures); the stream is closed then.
     */
    private static Answer stream(String path, Caller caller) {
        Map<String, String> headers = caller.authorization() == null ? Map.of()
                : Map.of("Authorization", caller.authorization());
        try (SseClient stream = SseClient.open(path + "?after=0", headers)) {
            if (stream.status() != 200) {
                return new Answer(stream.status(), stream.body());
            }
            StringBuilder sent = new StringBuilder();
            SseClient.Event event;
            while ((event = stream.poll(java.time.Duration.ofMillis(500))) != null && event != SseClient.END) {
                sent.append(event.data()).append('\n');
            }
            return new Answer(200, sent.toString());
        } catch (Exception e) {
            throw new IllegalStateException("the stream " + path + " failed", e);
        }
    }

    /** The endpoints whose answer is an event stream (text/event-stream in the OpenAPI document). */
    private static Set<String> streamingEndpoints() {
        JsonPath document = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = document.getMap("paths");
        Set<String> streams = new java.util.HashSet<>();
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            if (String.valueOf(operation).contains("text/event-stream")) {
                streams.add(method.toUpperCase(Locale.ROOT) + " " + path);
            }
        }));
        return streams;
    }

    /** Why an answer does not match the matrix, or {@code null} when it does. */
    private static String mismatch(Access access, String template, Caller caller, Answer answer, Fixtures fixtures) {
        int status = answer.statusCode();
        if (status >= 500) {
            return "answered " + status + " " + answer.asString();
        }
        boolean allowed;
        if (!caller.valid()) {
            return status == 401 ? null : "expected 401, answered " + status;
        } else if (caller.role() == Role.INTEGRATION || access instanceof IntegrationCredential) {
            // an integration's credential opens its own receiver and nothing else; an API token opens no receiver
            allowed = caller.role() == Role.INTEGRATION && access instanceof IntegrationCredential;
            if (!allowed) {
                return status == 401 ? null : "expected 401, answered " + status;
            }
        } else if (access instanceof AnyPrincipal) {
            allowed = true;
        } else {
            allowed = caller.role().grants(((Needs) access).role());
        }
        if (!allowed) {
            return status == 403 ? null : "expected 403, answered " + status;
        }
        if (status == 401 || status == 403) {
            return "expected to be let through, answered " + status + " " + answer.asString();
        }
        if (!caller.ownTenant() && namesOwnObject(template)) {
            return status == 404 || status == 400 ? null
                    : "expected 404 (another tenant's object), answered " + status + " " + answer.asString();
        }
        if (!caller.ownTenant() && caller.role() != Role.PLATFORM_ADMIN) {
            String body = answer.asString();
            for (String id : fixtures.ids().values()) {
                if (body.contains(id)) {
                    return "another tenant's answer shows " + id;
                }
            }
        }
        return null;
    }

    private static boolean namesOwnObject(String template) {
        return template.matches("/api/v1/(incidents|action-items|drill-plans|drill-runs|integrations|tokens|notification-channels|notification-routes)/\\{id}.*");
    }

    private static String path(String template, Fixtures fixtures) {
        String kind = receiverKind(template);
        String path = kind == null ? template : template.replace("{id}", fixtures.integrations().get(kind)[0]);
        for (Map.Entry<String, String> id : fixtures.ids().entrySet()) {
            if (path.startsWith(id.getKey() + "/{id}")) {
                path = path.replace("{id}", id.getValue());
            }
        }
        return path.replace("{tenant}", fixtures.ids().get("tenant"))
                .replace("{name}", path.contains("/projections/") ? "no-such-projection" : "bob")
                .replace("{n}", "1").replace("{metric}", "mttr").replace("{position}", "1")
                .replace("{type}", "incident.declared").replace("{language}", "en")
                .replace("{id}", fixtures.ids().get("/api/v1/tokens"));
    }

    private Fixtures fixtures() {
        TestAuth.tenant(own);
        TestAuth.tenant(other);
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("/api/v1/incidents", created(asAdmin()
                .body("{\"title\":\"Matrix\",\"severity\":\"P2\",\"services\":[\"web\"]}").post("/api/v1/incidents")));
        ids.put("/api/v1/action-items", created(asAdmin()
                .body("{\"title\":\"Matrix item\",\"owner\":\"alice\",\"dueDate\":\"2031-01-01\",\"priority\":\"HIGH\","
                        + "\"kind\":\"CORRECTIVE\"}").post("/api/v1/action-items")));
        ids.put("/api/v1/drill-plans", created(asAdmin().body("""
                {"name":"matrix","service":"web","scenario":"s","hypothesis":"h","owner":"alice","severity":"P3",
                 "steps":[{"kind":"MANUAL","name":"m","manual":{"instructions":"do it"}}],"schedule":null}""").post("/api/v1/drill-plans")));
        ids.put("/api/v1/drill-runs", created(asAdmin()
                .post("/api/v1/drill-plans/" + ids.get("/api/v1/drill-plans") + "/runs")));
        Map<String, String[]> integrations = new LinkedHashMap<>();
        for (String kind : List.of("alertmanager", "grafana", "generic")) {
            var integration = asAdmin().body("{\"name\":\"matrix-" + kind + "\",\"kind\":\""
                            + kind.toUpperCase(Locale.ROOT) + "\",\"defaultService\":\"web\"}")
                    .post("/api/v1/integrations").then().statusCode(201).extract();
            integrations.put(kind, new String[] {integration.path("id"), integration.path("secret")});
        }
        ids.put("/api/v1/integrations", integrations.get("alertmanager")[0]);
        ids.put("/api/v1/tokens", asAdmin().body("{\"name\":\"victim\",\"roles\":[\"viewer\"]}").post("/api/v1/tokens")
                .then().statusCode(201).extract().path("id"));
        // a closed port on the loopback address: a test send answers at once, and nothing leaves the machine
        ids.put("/api/v1/notification-channels", created(asAdmin().body("{\"name\":\"matrix\",\"kind\":\"SLACK\","
                + "\"url\":\"http://127.0.0.1:9/services/T/B/matrix\"}").post("/api/v1/notification-channels")));
        ids.put("/api/v1/notification-routes", created(asAdmin().body("{\"name\":\"matrix\",\"channelId\":\""
                + ids.get("/api/v1/notification-channels") + "\",\"types\":[\"incident.declared\"]}")
                .post("/api/v1/notification-routes")));
        ids.put("tenant", own);
        return new Fixtures(ids, integrations);
    }

    private RequestSpecification asAdmin() {
        return given().contentType(ContentType.JSON).header(TestAuth.TENANT, own);
    }

    private static String created(Response response) {
        String location = response.then().statusCode(201).extract().header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /**
     * An integration's own credential: at a receiver, that of the receiver's integration (a bearer secret, or for a
     * generic receiver the signature of the body); elsewhere the Alertmanager integration's bearer secret.
     */
    private static RequestSpecification asIntegration(RequestSpecification request, String template, Fixtures fixtures) {
        String kind = receiverKind(template);
        String secret = fixtures.integrations().get(kind == null ? "alertmanager" : kind)[1];
        if (!"generic".equals(kind)) {
            return request.header("Authorization", "Bearer " + secret);
        }
        long timestamp = Instant.now().getEpochSecond();
        return request.header("X-Firedrill-Timestamp", String.valueOf(timestamp))
                .header("X-Firedrill-Signature", "v1=" + hmac(secret, timestamp + ".{}"));
    }

    private static String receiverKind(String template) {
        Matcher receiver = Pattern.compile("/api/v1/integrations/\\{id}/(alertmanager|grafana|generic)").matcher(template);
        return receiver.matches() ? receiver.group(1) : null;
    }

    private static String hmac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Caller> callers() {
        List<Caller> callers = new ArrayList<>();
        // another tenant's callers first: an own admin's deletion must not be what makes their answer a 404
        for (Role role : List.of(Role.VIEWER, Role.RESPONDER, Role.COMMANDER, Role.ADMIN)) {
            callers.add(new Caller(role.wireName() + " of another tenant", role, false, true,
                    TestAuth.bearer("matrix-" + role.wireName(), other, role)));
        }
        for (Role role : List.of(Role.VIEWER, Role.RESPONDER, Role.COMMANDER, Role.ADMIN)) {
            callers.add(new Caller(role.wireName() + " of the tenant", role, true, true,
                    TestAuth.bearer("matrix-" + role.wireName(), own, role)));
        }
        callers.add(new Caller("platform admin", Role.PLATFORM_ADMIN, false, true,
                TestAuth.platformAdmin("matrix-platform-admin")));
        callers.add(new Caller("the tenant's integration", Role.INTEGRATION, true, true, null));
        callers.add(new Caller("no token", null, true, false, null));
        callers.add(new Caller("expired admin token", Role.ADMIN, true, false, expiredToken()));
        callers.add(new Caller("revoked admin token", Role.ADMIN, true, false, revokedToken()));
        return callers;
    }

    private String expiredToken() {
        Instant soon = Instant.now().plusSeconds(2);
        String secret = asAdmin().body("{\"name\":\"expiring\",\"roles\":[\"admin\"],\"expiresAt\":\"" + soon + "\"}")
                .post("/api/v1/tokens").then().statusCode(201).extract().path("secret");
        given().header("Authorization", "Bearer " + secret).get("/api/v1/me").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> given().header("Authorization", "Bearer " + secret)
                .get("/api/v1/me").statusCode() == 401);
        return "Bearer " + secret;
    }

    private String revokedToken() {
        var created = asAdmin().body("{\"name\":\"revoked\",\"roles\":[\"admin\"]}").post("/api/v1/tokens")
                .then().statusCode(201).extract();
        given().header("Authorization", "Bearer " + created.path("secret")).get("/api/v1/me").then().statusCode(200);
        given().header(TestAuth.TENANT, own).delete("/api/v1/tokens/" + created.path("id")).then().statusCode(200);
        return "Bearer " + created.path("secret");
    }

    /** The endpoints of the OpenAPI document ({@code "GET /api/v1/incidents"}), sorted, test fixtures left out. */
    private static List<String> openApiEndpoints() {
        JsonPath document = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Map<String, Object>> paths = document.getMap("paths");
        List<String> endpoints = new ArrayList<>();
        paths.forEach((path, operations) -> {
            if (path.startsWith(FIXTURES)) {
                return;
            }
            operations.keySet().stream().filter(key -> List.of("get", "post", "put", "patch", "delete").contains(key))
                    .forEach(method -> endpoints.add(method.toUpperCase(Locale.ROOT) + " " + path));
        });
        return endpoints.stream().sorted().toList();
    }

    /** The matrix of docs/security.md: each endpoint and what it requires, read from its ✓ columns. */
    static Map<String, Access> published() throws IOException {
        Map<String, Access> matrix = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DOC)) {
            Matcher row = ROW.matcher(line);
            if (!row.matches()) {
                continue;
            }
            String[] cells = row.group(3).split("\\|", -1);
            assertThat(cells).as("cells of " + line).hasSize(COLUMNS.size());
            List<String> ticked = new ArrayList<>();
            for (int i = 0; i < COLUMNS.size(); i++) {
                if (cells[i].strip().equals("✓")) {
                    ticked.add(COLUMNS.get(i));
                } else {
                    assertThat(cells[i].strip()).as("cell %s of %s", COLUMNS.get(i), line).isEmpty();
                }
            }
            assertThat(matrix.put(row.group(1) + " " + row.group(2), access(ticked, line))).as("twice: " + line).isNull();
        }
        return matrix;
    }

    private static Access access(List<String> ticked, String line) {
        if (ticked.equals(List.of("viewer", "responder", "commander", "admin", "platform-admin"))) {
            return new AnyPrincipal();
        }
        if (ticked.equals(List.of("integration"))) {
            return new IntegrationCredential();
        }
        if (ticked.equals(List.of("platform-admin"))) {
            return new Needs(Role.PLATFORM_ADMIN);
        }
        List<String> tenantRoles = COLUMNS.subList(0, 4);
        for (int i = 0; i < tenantRoles.size(); i++) {
            if (ticked.equals(tenantRoles.subList(i, tenantRoles.size()))) {
                return new Needs(Role.ofWireName(tenantRoles.get(i)).orElseThrow());
            }
        }
        throw new AssertionError("not a set of roles the model has: " + ticked + " in " + line);
    }
}
