package io.firedrill.toy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.firedrill.adapter.persistence.eventstore.PgEventStorageEngine;
import io.firedrill.application.port.in.CommandMetadata;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventsourcing.eventstore.AppendCondition;
import org.axonframework.eventsourcing.eventstore.GenericTaggedEventMessage;
import org.axonframework.messaging.core.MessageType;
import org.axonframework.messaging.eventhandling.GenericEventMessage;
import org.axonframework.messaging.eventstreaming.Tag;
import org.junit.jupiter.api.Test;

/**
 * A toy concept (a decider, two events, one command, one projection), added in its own package only, works end to
 * end: HTTP → its use case → its decider → the PostgreSQL event log under its stored names → its projection; its
 * rule violation is a problem+json 409; and a payload it stored under an older version is read through its
 * upcaster.
 */
@QuarkusTest
class ToyConceptTest {

    @Inject
    Pool pool;

    @Inject
    PgEventStorageEngine engine;

    private final String kettle = "kettle-" + UUID.randomUUID();

    @Test
    void aConceptAddedInItsOwnPackageRunsEndToEnd() {
        boil(kettle, 1).body("appended", equalTo(2)).body("litres", equalTo(1)).body("boils", equalTo(1));
        boil(kettle, 1).body("appended", equalTo(1)).body("boils", equalTo(2)).body("version", equalTo(3));

        assertThat(storedTypes(kettle)).containsExactly("toy.KettleFilled/2", "toy.KettleBoiled/1", "toy.KettleBoiled/1");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/toy/kettles/" + kettle)
                .then().statusCode(200).body("boils", equalTo(2)).body("litres", equalTo(1)));
    }

    @Test
    void itsRuleViolationIsAProblemNamingTheField() {
        given().contentType(ContentType.JSON).body(Map.of("litres", 3)).post("/toy/kettles/" + kettle + "/boil")
                .then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("TOO_MUCH_WATER")).body("errors[0].field", equalTo("litres"));
        assertThat(storedTypes(kettle)).isEmpty();
    }

    @Test
    void aFactStoredUnderTheOldVersionIsReadThroughItsUpcaster() throws Exception {
        byte[] v1 = ("{\"kettleId\":\"" + kettle + "\",\"liters\":2,\"at\":\"2026-12-01T10:00:00Z\"}")
                .getBytes(StandardCharsets.UTF_8);
        GenericEventMessage message = new GenericEventMessage(UUID.randomUUID().toString(),
                new MessageType("toy.KettleFilled", "1"), v1,
                Map.of(CommandMetadata.TENANT, "default", CommandMetadata.ACTOR, "user:toy", CommandMetadata.SOURCE, "api"),
                java.time.Instant.parse("2026-12-01T10:00:00Z"));
        engine.appendEvents(AppendCondition.none(), null, List.of(new GenericTaggedEventMessage<>(message,
                        Set.of(Tag.of("kettleId", kettle), Tag.of(CommandMetadata.TENANT, "default")))))
                .thenCompose(transaction -> transaction.commit(null))
                .get(20, TimeUnit.SECONDS);

        // The command sources the v1 fact as a filled kettle of 2 litres: it only boils.
        boil(kettle, 1).body("appended", equalTo(1)).body("litres", equalTo(2)).body("boils", equalTo(1));
        assertThat(storedTypes(kettle)).containsExactly("toy.KettleFilled/1", "toy.KettleBoiled/1");
        // The projection read the v1 fact through the upcaster too: its litres are the old payload's.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/toy/kettles/" + kettle)
                .then().statusCode(200).body("boils", equalTo(1)).body("litres", equalTo(2)));
    }

    private static io.restassured.response.ValidatableResponse boil(String kettle, int litres) {
        return given().contentType(ContentType.JSON).body(Map.of("litres", litres))
                .post("/toy/kettles/" + kettle + "/boil").then().statusCode(200);
    }

    private List<String> storedTypes(String kettle) {
        List<String> types = new ArrayList<>();
        for (Row row : pool.preparedQuery("SELECT type_name, type_version FROM event_store_event"
                        + " WHERE payload ->> 'kettleId' = $1 ORDER BY position")
                .execute(Tuple.of(kettle)).await().atMost(Duration.ofSeconds(10))) {
            types.add(row.getString("type_name") + "/" + row.getString("type_version"));
        }
        return types;
    }
}
