package io.firedrill.bootstrap.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.messaging.eventhandling.gateway.EventGateway;
import org.junit.jupiter.api.Test;

/** Events published through Axon's gateway land in PostgreSQL, not in an in-memory default. */
@QuarkusTest
class AxonUsesThePostgresEventStoreTest {

    /** A payload with a marker the test can find in the stored JSON. */
    public record Probe(String marker) {
    }

    @Inject
    EventGateway events;

    @Inject
    Pool pool;

    @Test
    void anEventPublishedThroughAxonIsStoredInTheEventLog() throws Exception {
        String marker = UUID.randomUUID().toString();

        events.publish(List.of(new Probe(marker))).get(20, TimeUnit.SECONDS);

        long stored = pool.preparedQuery("SELECT count(*) AS n FROM event_store_event WHERE payload ->> 'marker' = $1")
                .execute(Tuple.of(marker)).await().atMost(Duration.ofSeconds(5))
                .iterator().next().getLong("n");
        assertThat(stored).isEqualTo(1);
    }
}
