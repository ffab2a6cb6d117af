package io.firedrill.bootstrap.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.firedrill.adapter.persistence.eventstore.AppendRequest;
import io.firedrill.adapter.persistence.eventstore.EventTag;
import io.firedrill.adapter.persistence.eventstore.PgEventLog;
import io.firedrill.adapter.persistence.eventstore.StoredEvent;
import io.firedrill.application.port.out.EventLogFeed;
import io.firedrill.application.port.out.EventLogFeed.Stored;
import io.firedrill.application.port.out.EventLogFeed.Subject;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The event feed's reads of the log: one tenant's events only, in position order, read page after page with none
 * skipped at a page's end (a full page goes on from its last event, not from the head it saw), filtered by type and
 * subject.
 */
@QuarkusTest
class EventFeedReadsTest {

    @Inject
    PgEventLog log;

    @Inject
    EventLogFeed feed;

    private final String tenant = "feed-" + UUID.randomUUID().toString().substring(0, 8);
    private final String other = "feed-other-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void pagesOfOneTenantFollowEachOtherWithoutGaps_andFiltersKeepTheTypesAndSubjectsAsked() throws Exception {
        long start = feed.head().get(10, TimeUnit.SECONDS);
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        List<String> ours = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String subject = i % 2 == 0 ? a : b;
            String type = i % 3 == 0 ? "test.Opened" : "test.Noted";
            append(event(tenant, type, subject, "ours-" + i));
            append(event(other, type, subject, "theirs-" + i));
            ours.add(type + " " + subject + " ours-" + i);
        }

        List<String> read = new ArrayList<>();
        long after = start;
        List<Boolean> more = new ArrayList<>();
        EventLogFeed.Batch batch;
        do {
            batch = feed.read(tenant, Set.of(), Set.of(), after, 2).get(10, TimeUnit.SECONDS);
            for (Stored stored : batch.events()) {
                assertThat(stored.position()).isGreaterThan(after);
                read.add(stored.typeName() + " " + stored.tags().get("subject") + " "
                        + new String(stored.payloadJson(), StandardCharsets.UTF_8).replaceAll(".*\"(ours-\\d)\".*", "$1"));
            }
            more.add(batch.more());
            after = batch.scannedTo();
        } while (batch.more());
        assertThat(read).containsExactlyElementsOf(ours);
        assertThat(more).containsExactly(true, true, true, false);

        List<String> opened = feed.read(tenant, Set.of("test.Opened"), Set.of(new Subject("subject", a)), start, 100)
                .get(10, TimeUnit.SECONDS).events().stream()
                .map(stored -> new String(stored.payloadJson(), StandardCharsets.UTF_8)).toList();
        assertThat(opened).hasSize(2).allMatch(json -> json.contains("ours-0") || json.contains("ours-6"));
        assertThat(feed.read(tenant, Set.of(), Set.of(new Subject("subject", b)), start, 100).get(10, TimeUnit.SECONDS)
                .events()).hasSize(3);
    }

    @Test
    void aReadExaminesAtMostAWindowOfPositions_andTheNextGoesOnWhereItStopped() throws Exception {
        long start = feed.head().get(10, TimeUnit.SECONDS);
        // more than a window of another tenant's events, then one of ours
        for (int batch = 0; batch < 41; batch++) {
            List<StoredEvent> theirs = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                theirs.add(event(other, "test.Noted", UUID.randomUUID().toString(), "theirs"));
            }
            log.append(AppendRequest.unconditional(theirs)).get(30, TimeUnit.SECONDS);
        }
        append(event(tenant, "test.Rare", UUID.randomUUID().toString(), "ours"));

        EventLogFeed.Batch first = feed.read(tenant, Set.of("test.Rare"), Set.of(), start, 200).get(10, TimeUnit.SECONDS);
        assertThat(first.events()).isEmpty();
        assertThat(first.more()).as("a window examined, the head not reached").isTrue();
        assertThat(first.scannedTo()).isEqualTo(start + 20_000);
        EventLogFeed.Batch second = feed.read(tenant, Set.of("test.Rare"), Set.of(), first.scannedTo(), 200)
                .get(10, TimeUnit.SECONDS);
        assertThat(second.events()).extracting(EventLogFeed.Stored::typeName).containsExactly("test.Rare");
        assertThat(second.more()).isFalse();
    }

    private void append(StoredEvent event) throws Exception {
        log.append(AppendRequest.unconditional(List.of(event))).get(10, TimeUnit.SECONDS);
    }

    private static StoredEvent event(String tenant, String type, String subject, String text) {
        return new StoredEvent(UUID.randomUUID().toString(), type, "1", "{\"text\":\"" + text + "\"}",
                Map.of("tenant", tenant, "actor", "user:test"),
                Set.of(new EventTag("tenant", tenant), new EventTag("subject", subject)), Instant.now());
    }
}
