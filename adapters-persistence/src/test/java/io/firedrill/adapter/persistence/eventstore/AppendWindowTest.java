package io.firedrill.adapter.persistence.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which conditions the writer's window decides, and when it leaves them to the database. */
class AppendWindowTest {

    private static final EventTag INCIDENT = new EventTag("incident", "I-1");
    private static final EventTag OTHER = new EventTag("incident", "I-2");
    private static final EventTag TENANT = new EventTag("tenant", "default");

    private final AppendWindow window = new AppendWindow(AppendWindow.MAX_KEYS);

    @Test
    void decidesNothingUntilTwoBatchesInARowFoundTheLogWhereTheWriterLeftIt() {
        AppendRequest.Condition free = onTag(OTHER, 0);
        assertThat(window.expectedDrawn(List.of(free))).isEmpty();

        window.committed(10, 1, List.of(appended(11, "test.Noted", INCIDENT)));
        // The first batch only tells where the log was: another writer may still be appending.
        assertThat(window.expectedDrawn(List.of(onTag(OTHER, 10)))).isEmpty();

        window.committed(11, 1, List.of(appended(12, "test.Noted", INCIDENT)));
        assertThat(window.expectedDrawn(List.of(onTag(OTHER, 10)))).isEqualTo(OptionalLong.of(12));
    }

    @Test
    void aConditionWithAnEventAfterItsMarkerIsLeftToTheDatabase() {
        warmedUp();
        window.committed(12, 1, List.of(appended(13, "test.Noted", INCIDENT, TENANT)));

        assertThat(window.expectedDrawn(List.of(onTag(INCIDENT, 12)))).isEmpty();
        assertThat(window.expectedDrawn(List.of(onTag(INCIDENT, 13)))).isEqualTo(OptionalLong.of(13));
        // An event must carry every tag of the condition: the least recent of them bounds it.
        assertThat(window.expectedDrawn(List.of(onTags(Set.of(OTHER, TENANT), 12)))).isEqualTo(OptionalLong.of(13));
        assertThat(window.expectedDrawn(List.of(onTags(Set.of(INCIDENT, TENANT), 12)))).isEmpty();
        // One condition of a batch that cannot be decided sends the whole batch to the database.
        assertThat(window.expectedDrawn(List.of(onTag(OTHER, 12), onTag(INCIDENT, 12)))).isEmpty();
    }

    @Test
    void typesNarrowTheEventsThatBreakACondition() {
        warmedUp();
        window.committed(12, 1, List.of(appended(13, "test.Noted", INCIDENT)));

        assertThat(window.expectedDrawn(List.of(condition(Set.of("test.Declared"), Set.of(INCIDENT), 12))))
                .isEqualTo(OptionalLong.of(13));
        assertThat(window.expectedDrawn(List.of(condition(Set.of("test.Declared", "test.Noted"), Set.of(INCIDENT), 12))))
                .isEmpty();
        assertThat(window.expectedDrawn(List.of(condition(Set.of("test.Noted"), Set.of(), 12)))).isEmpty();
        assertThat(window.expectedDrawn(List.of(condition(Set.of("test.Declared"), Set.of(), 12))))
                .isEqualTo(OptionalLong.of(13));
        assertThat(window.expectedDrawn(List.of(condition(Set.of(), Set.of(), 12)))).isEmpty();
        assertThat(window.expectedDrawn(List.of(condition(Set.of(), Set.of(), 13)))).isEqualTo(OptionalLong.of(13));
    }

    @Test
    void aMarkerBeforeTheWindowIsLeftToTheDatabase() {
        warmedUp(); // the window starts at 10
        assertThat(window.expectedDrawn(List.of(onTag(OTHER, 9)))).isEmpty();
        assertThat(window.expectedDrawn(List.of(onTag(OTHER, 10)))).isEqualTo(OptionalLong.of(12));
    }

    @Test
    void anotherWriterSendsConditionsToTheDatabaseUntilABatchFindsTheLogWhereItWasLeft() {
        warmedUp();
        window.drawnByOthers(20);
        assertThat(window.expectedDrawn(List.of(onTag(OTHER, 20)))).isEmpty();

        // Checked by the database, and another writer appended again before it: still the database.
        window.committed(21, 1, List.of(appended(22, "test.Noted", INCIDENT)));
        assertThat(window.expectedDrawn(List.of(onTag(OTHER, 22)))).isEmpty();

        window.committed(22, 1, List.of(appended(23, "test.Noted", INCIDENT)));
        // What the other writer appended before 21 is not known: only markers from there on are decided.
        assertThat(window.expectedDrawn(List.of(onTag(OTHER, 20)))).isEmpty();
        assertThat(window.expectedDrawn(List.of(onTag(OTHER, 21)))).isEqualTo(OptionalLong.of(23));
    }

    @Test
    void aBatchWhoseLastRowsWereStoredBeforeLeavesWhereTheSequenceStandsUnknown() {
        warmedUp();
        // Two rows went to the insert and each drew a position; the second was an id stored before, so the highest
        // new position (13) is not the last one drawn (14).
        window.committed(12, 2, List.of(appended(13, "test.Noted", INCIDENT), appended(5, "test.Noted", OTHER)));
        assertThat(window.expectedDrawn(List.of(onTag(OTHER, 13)))).isEmpty();
    }

    @Test
    void aBatchWithNothingInsertedKeepsTheWindow() {
        warmedUp();
        window.committed(12, 0, List.of());
        assertThat(window.expectedDrawn(List.of(onTag(OTHER, 12)))).isEqualTo(OptionalLong.of(12));
    }

    @Test
    void aForgottenWindowDecidesNothing() {
        warmedUp();
        window.forget();
        assertThat(window.expectedDrawn(List.of(onTag(OTHER, 12)))).isEmpty();
    }

    @Test
    void aWindowWithTooManyKeysStartsAgainAtTheLastPositionDrawn() {
        AppendWindow small = new AppendWindow(2);
        small.committed(10, 1, List.of(appended(11, "test.Noted", INCIDENT)));
        small.committed(11, 1, List.of(appended(12, "test.Noted", OTHER)));
        assertThat(small.expectedDrawn(List.of(onTag(TENANT, 10)))).isEqualTo(OptionalLong.of(12));

        small.committed(12, 1, List.of(appended(13, "test.Noted", TENANT)));
        assertThat(small.expectedDrawn(List.of(onTag(INCIDENT, 12)))).isEmpty();
        assertThat(small.expectedDrawn(List.of(onTag(TENANT, 13)))).isEqualTo(OptionalLong.of(13));
    }

    /** Two batches in a row from position 10: the window holds (10, 12] and decides. */
    private void warmedUp() {
        window.committed(10, 1, List.of(appended(11, "test.Noted", INCIDENT)));
        window.committed(11, 1, List.of(appended(12, "test.Noted", INCIDENT)));
    }

    private static AppendWindow.Appended appended(long marker, String type, EventTag... tags) {
        return new AppendWindow.Appended(List.of(new StoredEvent(UUID.randomUUID().toString(), type, "1", "{}",
                Map.of(), Set.of(tags), Instant.EPOCH)), marker);
    }

    private static AppendRequest.Condition onTag(EventTag tag, long marker) {
        return onTags(Set.of(tag), marker);
    }

    private static AppendRequest.Condition onTags(Set<EventTag> tags, long marker) {
        return condition(Set.of(), tags, marker);
    }

    private static AppendRequest.Condition condition(Set<String> types, Set<EventTag> tags, long marker) {
        return new AppendRequest.Condition(EventFilter.of(types, tags), marker);
    }
}
