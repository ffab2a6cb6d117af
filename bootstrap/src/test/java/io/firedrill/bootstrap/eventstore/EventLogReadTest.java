package io.firedrill.bootstrap.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.firedrill.adapter.persistence.eventstore.AppendRequest;
import io.firedrill.adapter.persistence.eventstore.EventFilter;
import io.firedrill.adapter.persistence.eventstore.EventTag;
import io.firedrill.adapter.persistence.eventstore.PgEventLog;
import io.firedrill.adapter.persistence.eventstore.StoredEvent;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Reads say how far they examined the log, so that a reader of event types that are rare (or absent) goes on
 * from the head instead of scanning the same stretch of log on every poll.
 */
@QuarkusTest
class EventLogReadTest {

    @Inject
    PgEventLog log;

    @Test
    void givenNoMatchingEvent_whenRead_thenTheReadExaminedTheLogUpToItsHead() throws Exception {
        String type = "test.Rare" + UUID.randomUUID().toString().replace("-", "");
        log.append(AppendRequest.unconditional(List.of(event("test.Common"), event("test.Common")))).get(10, TimeUnit.SECONDS);
        long head = log.head().get(10, TimeUnit.SECONDS);

        PgEventLog.Batch none = log.read(EventFilter.of(Set.of(type), Set.of()), -1, Long.MAX_VALUE, 100)
                .get(10, TimeUnit.SECONDS);
        assertThat(none.events()).isEmpty();
        assertThat(none.scannedTo()).isGreaterThanOrEqualTo(head);

        PgEventLog.Batch bounded = log.read(EventFilter.of(Set.of(type), Set.of()), -1, head - 1, 100)
                .get(10, TimeUnit.SECONDS);
        assertThat(bounded.scannedTo()).isEqualTo(head - 1);

        log.append(AppendRequest.unconditional(List.of(event(type)))).get(10, TimeUnit.SECONDS);
        PgEventLog.Batch found = log.read(EventFilter.of(Set.of(type), Set.of()), none.scannedTo(), Long.MAX_VALUE, 100)
                .get(10, TimeUnit.SECONDS);
        assertThat(found.events()).extracting(event -> event.event().typeName()).containsExactly(type);
        assertThat(found.scannedTo()).isGreaterThanOrEqualTo(found.events().getLast().position());
    }

    private static StoredEvent event(String type) {
        return new StoredEvent(UUID.randomUUID().toString(), type, "1", "{}", Map.of("tenant", "default",
                "actor", "user:test"), Set.of(new EventTag("kind", "read-test")), Instant.parse("2026-11-22T10:00:00Z"));
    }
}
