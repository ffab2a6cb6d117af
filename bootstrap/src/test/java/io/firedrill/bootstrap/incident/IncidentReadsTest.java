package io.firedrill.bootstrap.incident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firedrill.adapter.persistence.eventstore.AppendRequest;
import io.firedrill.adapter.persistence.eventstore.EventTag;
import io.firedrill.adapter.persistence.eventstore.PgEventLog;
import io.firedrill.adapter.persistence.eventstore.StoredEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Reading one incident serves the state its commands (or an earlier read) cached, with the events appended since
 * folded in: never stale, whoever appended them.
 */
@QuarkusTest
class IncidentReadsTest {

    private static final String INCIDENTS = "/api/v1/incidents";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Pool pool;

    @Test
    void anIncidentReadAfterAnotherInstanceAppendedToItShowsWhatItAppended() throws Exception {
        String template = IncidentApiTest.declare("default", IncidentApiTest.declaration("Template for a note"));
        IncidentApiTest.as("alice").body(Map.of("text", "a note to copy")).post(INCIDENTS + "/" + template + "/notes")
                .then().statusCode(200);
        String incident = IncidentApiTest.declare("default", IncidentApiTest.declaration("Read while others write"));
        given().get(INCIDENTS + "/" + incident).then().statusCode(200).header("ETag", equalTo("\"1\""));

        // Another instance appends a note to it: this instance's cached state does not have it.
        Row note = pool.preparedQuery("SELECT payload::text AS payload, metadata::text AS metadata, type_version"
                        + " FROM event_store_event WHERE type_name = 'incident.NoteAdded' AND tags @> $1::text::jsonb")
                .execute(Tuple.of("[{\"key\":\"incidentId\",\"value\":\"" + template + "\"}]"))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).iterator().next();
        Map<String, String> metadata = JSON.readValue(note.getString("metadata"), new TypeReference<>() {
        });
        new PgEventLog(pool, 64, 4096, 1).append(AppendRequest.unconditional(List.of(new StoredEvent(
                UUID.randomUUID().toString(), "incident.NoteAdded", note.getString("type_version"),
                note.getString("payload").replace(template, incident), metadata,
                Set.of(new EventTag("incidentId", incident), new EventTag("tenant", "default")), Instant.now()))))
                .get(10, TimeUnit.SECONDS);

        given().get(INCIDENTS + "/" + incident).then().statusCode(200).header("ETag", equalTo("\"2\""))
                .body("version", equalTo(2));
        // And a command decides over it too: its If-Match must name the version with the other instance's note.
        IncidentApiTest.as("bob").contentType(ContentType.JSON).header("If-Match", "\"2\"")
                .body(Map.of("text", "seen it")).post(INCIDENTS + "/" + incident + "/notes")
                .then().statusCode(200);
        assertThat(given().get(INCIDENTS + "/" + incident).then().statusCode(200).extract().<Integer>path("version"))
                .isEqualTo(3);
    }

    @Test
    void anUnknownIncidentIsNotFound_andStaysSoOnceRead() {
        String unknown = UUID.randomUUID().toString();
        given().get(INCIDENTS + "/" + unknown).then().statusCode(404);
        given().get(INCIDENTS + "/" + unknown).then().statusCode(404);
    }
}
