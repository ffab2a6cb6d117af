package io.firedrill.bootstrap.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firedrill.adapter.persistence.eventstore.PgEventStorageEngine;
import io.firedrill.adapter.persistence.tokenstore.PgTokenStore;
import io.firedrill.bootstrap.axon.AxonRuntime;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.eventhandling.gateway.EventGateway;
import org.axonframework.messaging.eventhandling.processing.streaming.token.store.TokenStore;
import org.axonframework.messaging.core.MessageType;
import org.axonframework.messaging.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

/** Axon runs on Firedrill's PostgreSQL stores, never on its in-memory defaults. */
@QuarkusTest
class AxonUsesThePostgresEventStoreTest {

    /** A payload with a marker the test can find in the stored JSON. */
    public record Probe(String marker) {
    }

    @Inject
    EventGateway events;

    @Inject
    Pool pool;

    @Inject
    AxonRuntime axon;

    @Test
    void theConfiguredStoresAreThePostgresOnes() {
        assertThat(axon.component(EventStorageEngine.class)).isInstanceOf(PgEventStorageEngine.class);
        assertThat(axon.component(TokenStore.class)).isInstanceOf(PgTokenStore.class);
    }

    @Test
    void anEventPublishedThroughAxonIsStoredInTheEventLog() throws Exception {
        String marker = UUID.randomUUID().toString();

        events.publish(List.of(new GenericEventMessage(new MessageType("test.Probe"), new Probe(marker)))).get(20, TimeUnit.SECONDS);

        // Axon 5.0.1's StorageEngineBackedEventStore.publish without a processing context completes
        // its future before the append has committed (thenApply where thenCompose was meant), so the
        // row is awaited rather than expected at once.
        await().atMost(Duration.ofSeconds(10)).until(() -> pool
                .preparedQuery("SELECT count(*) AS n FROM event_store_event WHERE payload ->> 'marker' = $1")
                .execute(Tuple.of(marker)).await().atMost(Duration.ofSeconds(5))
                .iterator().next().getLong("n") == 1);
    }
}
