package io.firedrill.bootstrap.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.firedrill.adapter.persistence.eventstore.PgEventStorageEngine;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventsourcing.eventstore.AppendCondition;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.GenericTaggedEventMessage;
import org.axonframework.messaging.core.MessageType;
import org.axonframework.messaging.eventhandling.EventMessage;
import org.axonframework.messaging.eventhandling.GenericEventMessage;
import org.axonframework.messaging.eventstreaming.EventCriteria;
import org.axonframework.messaging.eventstreaming.Tag;
import org.junit.jupiter.api.Test;

/** Firedrill's PostgreSQL engine against the shared contract, plus what only a durable log promises. */
@QuarkusTest
class PgEventStorageEngineContractTest extends EventStorageEngineContract {

    @Inject
    PgEventStorageEngine engine;

    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    @Override
    EventStorageEngine engine() {
        return engine;
    }

    @Test
    void reappendingAnEventWithAStoredIdStoresItOnce() throws Exception {
        Tag mine = uniqueTag();
        var event = event("test.Noted", 1, mine);

        append(AppendCondition.none(), event);
        append(AppendCondition.none(), event);

        assertThat(source(EventCriteria.havingTags(mine)).events()).hasSize(1);
    }

    @Test
    void streamsOfExactlyOneReadBatchAndOneEventMoreAreSourcedWholeWithAMarkerToAppendAgainst() throws Exception {
        // the first batch comes with the head in one statement; a full first batch goes on through a cursor
        int batch = Integer.parseInt(PgEventStorageEngine.DEFAULT_READ_BATCH);
        for (int size : new int[] {batch, batch + 1}) {
            Tag mine = uniqueTag();
            List<org.axonframework.eventsourcing.eventstore.TaggedEventMessage<?>> events = new java.util.ArrayList<>();
            for (int n = 0; n < size; n++) {
                events.add(event("test.Noted", n, mine));
            }
            append(AppendCondition.none(), events.toArray(org.axonframework.eventsourcing.eventstore.TaggedEventMessage[]::new));
            append(AppendCondition.none(), event("test.Noted", -1, uniqueTag()));

            Sourced sourced = source(EventCriteria.havingTags(mine));

            assertThat(sourced.payloads()).extracting(Noted::n)
                    .isEqualTo(java.util.stream.IntStream.range(0, size).boxed().toList());
            append(AppendCondition.withCriteria(EventCriteria.havingTags(mine)).withMarker(sourced.marker().orElseThrow()),
                    event("test.Noted", size, mine));
            assertThat(source(EventCriteria.havingTags(mine)).events()).hasSize(size + 1);
        }
    }

    @Test
    void aSourcingStreamClosedEarlyReleasesItsCursorAndConnection() throws Exception {
        Tag mine = uniqueTag();
        List<org.axonframework.eventsourcing.eventstore.TaggedEventMessage<?>> events = new java.util.ArrayList<>();
        // more than the two batches a stream buffers, so the cursor is still open after the first entry
        int size = 3 * Integer.parseInt(PgEventStorageEngine.DEFAULT_READ_BATCH);
        for (int n = 0; n < size; n++) {
            events.add(event("test.Noted", n, mine));
        }
        append(AppendCondition.none(), events.toArray(org.axonframework.eventsourcing.eventstore.TaggedEventMessage[]::new));

        var stream = engine.source(org.axonframework.eventsourcing.eventstore.SourcingCondition.conditionFor(
                EventCriteria.havingTags(mine)), null);
        assertThat(take(stream, 1)).hasSize(1);
        // the pump may be fetching its next batch at this instant: wait for the session to be seen
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> openCursors() > 0);
        stream.close();

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> openCursors() == 0);
    }

    /** Sessions of this database inside a sourcing read (fetching, or idle between fetches): open cursors. */
    private long openCursors() {
        return pool.query("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND state IN ('idle in transaction', 'active') AND query LIKE 'SELECT position, event_id%'")
                .execute().await().atMost(java.time.Duration.ofSeconds(5)).iterator().next().getLong("n");
    }

    @Test
    void identityTypeMetadataAndTimestampSurviveTheRoundTrip() throws Exception {
        Tag mine = uniqueTag();
        EventMessage original = new GenericEventMessage("evt-" + mine.value(), new MessageType("test.Noted", "2"),
                new Noted("kept", 7), Map.of("tenant", "acme", "actor", "user:alice", "correlationId", "c-1"),
                java.time.Instant.parse("2026-11-22T10:15:30.123456Z"));

        append(AppendCondition.none(), new GenericTaggedEventMessage<>(original, Set.of(mine)));

        EventMessage read = source(EventCriteria.havingTags(mine)).events().getFirst();
        assertThat(read.identifier()).isEqualTo(original.identifier());
        assertThat(read.type()).isEqualTo(original.type());
        assertThat(read.metadata()).containsAllEntriesOf(original.metadata());
        assertThat(read.timestamp()).isEqualTo(original.timestamp());
        assertThat(payload(read)).isEqualTo(new Noted("kept", 7));
        assertThat(List.of(read)).hasSize(1);
    }
}
