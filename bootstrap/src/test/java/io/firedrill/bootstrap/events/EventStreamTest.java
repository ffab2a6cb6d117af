package io.firedrill.bootstrap.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firedrill.adapter.persistence.eventstore.PgEventFeed;
import io.firedrill.adapter.persistence.eventstore.PgEventLog;
import io.firedrill.adapter.persistence.eventstore.PgLogNotifications;
import io.firedrill.adapter.persistence.pool.BoundedPgPoolCreator;
import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.port.in.events.EventFeed;
import io.firedrill.application.port.in.security.Role;
import io.firedrill.application.port.out.EventLogFeed;
import io.firedrill.bootstrap.TestAuth;
import io.firedrill.bootstrap.events.SseClient.Event;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/events/stream}: a tenant's facts as server-sent events in log order, each with its position as
 * its id; a reconnection with {@code Last-Event-ID} goes on exactly after it; filters by type and subject; other
 * tenants' facts never arrive; a revoked token ends the stream.
 */
@QuarkusTest
class EventStreamTest {

    private static final Duration WITHIN = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String tenant = "stream-" + UUID.randomUUID().toString().substring(0, 8);

    @Inject
    BoundedPgPoolCreator creator;

    @Inject
    Vertx vertx;

    @Test
    void newFactsArriveInOrderWithTheirPositions_andAReconnectionResumesExactlyAfterTheLastOneReceived() throws Exception {
        String incident;
        List<Event> received = new ArrayList<>();
        try (SseClient stream = open("/api/v1/events/stream", Map.of())) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
            incident = declare(tenant, "Checkout returns 502");
            note(tenant, incident, "one");
            note(tenant, incident, "two");
            for (int i = 0; i < 3; i++) {
                received.add(stream.next(WITHIN));
            }
        }
        assertThat(received).extracting(Event::name)
                .containsExactly("incident.IncidentDeclared", "incident.NoteAdded", "incident.NoteAdded");
        assertThat(received).extracting(Event::fields).allSatisfy(fields ->
                assertThat(fields).as("the fields of an event").containsOnly("id", "event", "data"));
        JsonNode declared = JSON.readTree(received.get(0).data());
        assertThat(declared.path("position").asText()).isEqualTo(received.get(0).id());
        assertThat(declared.path("type").asText()).isEqualTo("incident.IncidentDeclared");
        assertThat(declared.path("version").asInt()).isEqualTo(1);
        assertThat(declared.path("subjects").path("incidentId").asText()).isEqualTo(incident);
        assertThat(declared.path("subjects").has("tenant")).isFalse();
        assertThat(declared.path("actor").path("kind").asText()).isEqualTo("USER");
        assertThat(declared.path("actor").path("name").asText()).isEqualTo("alice");
        assertThat(declared.path("source").asText()).isEqualTo("api");
        assertThat(declared.path("data").path("title").asText()).isEqualTo("Checkout returns 502");
        assertThat(Long.parseLong(received.get(1).id())).isGreaterThan(Long.parseLong(received.get(0).id()));
        assertThat(Long.parseLong(received.get(2).id())).isGreaterThan(Long.parseLong(received.get(1).id()));

        note(tenant, incident, "three, while nobody listened");
        try (SseClient resumed = open("/api/v1/events/stream?after=0", Map.of("Last-Event-ID", received.get(0).id()))) {
            List<String> texts = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Event event = resumed.next(WITHIN);
                ids.add(event.id());
                texts.add(JSON.readTree(event.data()).path("data").path("text").asText());
            }
            // Last-Event-ID wins over after=0: exactly the facts after the one named, none twice
            assertThat(texts).containsExactly("one", "two", "three, while nobody listened");
            assertThat(ids.subList(0, 2)).containsExactly(received.get(1).id(), received.get(2).id());
        }
    }

    @Test
    void anotherInstanceReadsExactlyTheFactsAfterAnIdThisOneSent() throws Exception {
        List<Event> received = new ArrayList<>();
        String incident;
        try (SseClient stream = open("/api/v1/events/stream", Map.of())) {
            incident = declare(tenant, "Seen here");
            note(tenant, incident, "one");
            note(tenant, incident, "two");
            for (int i = 0; i < 3; i++) {
                received.add(stream.next(WITHIN));
            }
        }
        // Another instance: the log's feed built again over a pool of its own on the same database (the position is
        // the log's; the HTTP layer above it keeps nothing between connections).
        Pool own = PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(1)).connectingTo(creator.connectOptions())
                .using(vertx).build();
        try {
            PgEventFeed other = new PgEventFeed(new PgEventLog(own, 64, 4096, 1), new PgLogNotifications(own, creator));
            EventLogFeed.Batch after = other.read(tenant, Set.of(), Set.of(), Long.parseLong(received.get(0).id()), 100)
                    .get(10, TimeUnit.SECONDS);
            assertThat(after.events()).extracting(stored -> Long.toString(stored.position()))
                    .containsExactly(received.get(1).id(), received.get(2).id());
            assertThat(after.more()).isFalse();
        } finally {
            own.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aClientThatReconnectsBeforeAnyFactGoesOnFromWhereItsStreamStarted() throws Exception {
        String start;
        try (SseClient stream = open("/api/v1/events/stream", Map.of())) {
            org.awaitility.Awaitility.await().atMost(WITHIN).until(() -> stream.lastEventId() != null);
            start = stream.lastEventId();
            assertThat(stream.firstComment()).isEqualTo("firedrill event stream after position " + start);
        }
        String incident = declare(tenant, "While the client was away");
        try (SseClient again = open("/api/v1/events/stream", Map.of("Last-Event-ID", start))) {
            assertThat(JSON.readTree(again.next(WITHIN).data()).path("subjects").path("incidentId").asText())
                    .isEqualTo(incident);
        }
    }

    @Test
    void aQuietStreamSendsKeepAlivesWithThePositionItReadUpTo() throws Exception {
        try (SseClient stream = open("/api/v1/events/stream?type=metrics.DefinitionChosen", Map.of())) {
            org.awaitility.Awaitility.await().atMost(WITHIN).until(() -> stream.lastEventId() != null);
            long start = Long.parseLong(stream.lastEventId());
            declare(tenant, "Not a metric setting");
            // test keep-alive: 2 s; the stream has read past the declaration, sent nothing for it, and says so
            org.awaitility.Awaitility.await().atMost(WITHIN)
                    .until(() -> Long.parseLong(stream.lastEventId()) > start);
            assertThat(stream.poll(Duration.ZERO)).as("no fact of another type").isNull();
        }
    }

    @Test
    void typeAndSubjectFiltersKeepOnlyTheFactsAsked_fromTheStartOfTheLog() throws Exception {
        String watched = declare(tenant, "Watched");
        String other = declare(tenant, "Other");
        note(tenant, other, "not this one");
        note(tenant, watched, "this one");
        try (SseClient stream = open("/api/v1/events/stream?after=0&type=incident.NoteAdded&subject=incident:" + watched,
                Map.of())) {
            Event event = stream.next(WITHIN);
            assertThat(event.name()).isEqualTo("incident.NoteAdded");
            assertThat(JSON.readTree(event.data()).path("data").path("text").asText()).isEqualTo("this one");
            note(tenant, other, "not this one either");
            note(tenant, watched, "and this one");
            Event next = stream.next(WITHIN);
            assertThat(JSON.readTree(next.data()).path("data").path("text").asText()).isEqualTo("and this one");
        }
    }

    @Test
    void anotherTenantsFactsNeverArrive() throws Exception {
        String other = "stream-other-" + UUID.randomUUID().toString().substring(0, 8);
        try (SseClient stream = open("/api/v1/events/stream", Map.of())) {
            declare(other, "Theirs");
            String ours = declare(tenant, "Ours");
            Event first = stream.next(WITHIN);
            // the other tenant's declaration came first in the log; what arrives first is ours
            assertThat(JSON.readTree(first.data()).path("subjects").path("incidentId").asText()).isEqualTo(ours);
        }
    }

    @Test
    void aRevokedTokenEndsItsStream() throws Exception {
        TestAuth.tenant(tenant);
        var created = given().contentType(ContentType.JSON).header(TestAuth.TENANT, tenant)
                .body("{\"name\":\"dashboard\",\"subject\":\"board\",\"roles\":[\"viewer\"]}").post("/api/v1/tokens")
                .then().statusCode(201).extract();
        try (SseClient stream = SseClient.open("/api/v1/events/stream",
                Map.of("Authorization", "Bearer " + created.path("secret")))) {
            assertThat(stream.status()).isEqualTo(200);
            String incident = declare(tenant, "Seen");
            assertThat(JSON.readTree(stream.next(WITHIN).data()).path("subjects").path("incidentId").asText())
                    .isEqualTo(incident);
            given().header(TestAuth.TENANT, tenant).delete("/api/v1/tokens/" + created.path("id")).then().statusCode(200);
            note(tenant, incident, "after the revocation");
            assertThat(stream.next(WITHIN)).isSameAs(SseClient.END);
        }
    }

    @Test
    void badParametersAre400sNamingTheParameter_andAStreamNeedsAToken() {
        TestAuth.tenant(tenant);
        refused("type=incident.NoSuchThing", Map.of(), "type");
        refused("subject=incident", Map.of(), "subject");
        refused("subject=planet:" + UUID.randomUUID(), Map.of(), "subject");
        refused("subject=incident:not-a-uuid", Map.of(), "subject");
        refused("after=-1", Map.of(), "after");
        refused("", Map.of("Last-Event-ID", "abc"), "Last-Event-ID");
        given().header(TestAuth.ANONYMOUS, "yes").get("/api/v1/events/stream").then().statusCode(401);
    }

    @Test
    void thePublishedListOfFactTypesIsTheApplications() throws Exception {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "event-stream.md"));
        String list = doc.substring(doc.indexOf("### Fact types"), doc.indexOf("## How facts arrive"));
        java.util.Set<String> published = new java.util.TreeSet<>();
        java.util.regex.Matcher type = java.util.regex.Pattern.compile("`([a-z]+\\.[A-Za-z]+)`").matcher(list);
        while (type.find()) {
            published.add(type.group(1));
        }
        // the tests' own slice (io.firedrill.toy) is no part of the product
        assertThat(published).isEqualTo(new java.util.TreeSet<>(
                io.quarkus.arc.Arc.container().instance(UseCases.class).get().get(EventFeed.class).types().stream()
                        .filter(name -> !name.startsWith("toy.")).toList()));
    }

    private void refused(String query, Map<String, String> headers, String field) {
        given().header(TestAuth.TENANT, tenant).header(TestAuth.ROLE, "viewer").headers(headers)
                .get("/api/v1/events/stream" + (query.isEmpty() ? "" : "?" + query))
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo(field));
    }

    private SseClient open(String path, Map<String, String> headers) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("Authorization", TestAuth.bearer("viewer-vic", tenant, Role.VIEWER));
        return SseClient.open(path, all);
    }

    private static RequestSpecification as(String tenant) {
        return given().contentType(ContentType.JSON).header(TestAuth.TENANT, tenant).header(TestAuth.ACTOR, "alice")
                .header(TestAuth.ROLE, "responder");
    }

    private static String declare(String tenant, String title) {
        TestAuth.tenant(tenant);
        return as(tenant).body(Map.of("title", title, "severity", "P2", "services", List.of("checkout")))
                .post("/api/v1/incidents").then().statusCode(201).extract().path("id");
    }

    private static void note(String tenant, String incident, String text) {
        as(tenant).body(Map.of("text", text)).post("/api/v1/incidents/" + incident + "/notes").then().statusCode(200);
    }
}
