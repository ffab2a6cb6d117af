package io.firedrill.adapter.persistence.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which conditions the writer's window decides, and when it leaves them to the database. */
class AppendWindowTest {

    private static final EventTag INCIDENT = new EventTag("incident", "I-1");
    private static final EventTag OTHER = new EventTag("incident", "I-2");
    private static final EventTag TENANT = new EventTag("tenant", "default");

    private static final Instant SERVER = Instant.parse("2026-12-07T00:00:00Z");

    private final AppendWindow window = new AppendWindow(AppendWindow.MAX_KEYS);

    @Test
    void decidesNothingUntilTwoBatchesInARowFoundTheLogWhereTheWriterLeftIt() {
        AppendRequest.Condition free = onTag(OTHER, 0);
        assertThat(window.expected(List.of(free))).isEmpty();

        window.committed(SERVER, 10, 1, List.of(appended(11, "test.Noted", INCIDENT)));
        // The first batch only tells where the log was: another writer may still be appending.
        assertThat(window.expected(List.of(onTag(OTHER, 10)))).isEmpty();

        window.committed(SERVER, 11, 1, List.of(appended(12, "test.Noted", INCIDENT)));
        assertThat(window.expected(List.of(onTag(OTHER, 10)))).isEqualTo(at(12));
    }

    @Test
    void aConditionWithAnEventAfterItsMarkerIsLeftToTheDatabase() {
        warmedUp();
        window.committed(SERVER, 12, 1, List.of(appended(13, "test.Noted", INCIDENT, TENANT)));

        assertThat(window.expected(List.of(onTag(INCIDENT, 12)))).isEmpty();
        assertThat(window.expected(List.of(onTag(INCIDENT, 13)))).isEqualTo(at(13));
        // An event must carry every tag of the condition: the least recent of them bounds it.
        assertThat(window.expected(List.of(onTags(Set.of(OTHER, TENANT), 12)))).isEqualTo(at(13));
        assertThat(window.expected(List.of(onTags(Set.of(INCIDENT, TENANT), 12)))).isEmpty();
        // One condition of a batch that cannot be decided sends the whole batch to the database.
        assertThat(window.expected(List.of(onTag(OTHER, 12), onTag(INCIDENT, 12)))).isEmpty();
    }

    @Test
    void typesNarrowTheEventsThatBreakACondition() {
        warmedUp();
        window.committed(SERVER, 12, 1, List.of(appended(13, "test.Noted", INCIDENT)));

        assertThat(window.expected(List.of(condition(Set.of("test.Declared"), Set.of(INCIDENT), 12))))
                .isEqualTo(at(13));
        assertThat(window.expected(List.of(condition(Set.of("test.Declared", "test.Noted"), Set.of(INCIDENT), 12))))
                .isEmpty();
        assertThat(window.expected(List.of(condition(Set.of("test.Noted"), Set.of(), 12)))).isEmpty();
        assertThat(window.expected(List.of(condition(Set.of("test.Declared"), Set.of(), 12))))
                .isEqualTo(at(13));
        assertThat(window.expected(List.of(condition(Set.of(), Set.of(), 12)))).isEmpty();
        assertThat(window.expected(List.of(condition(Set.of(), Set.of(), 13)))).isEqualTo(at(13));
    }

    @Test
    void aMarkerBeforeTheWindowIsLeftToTheDatabase() {
        warmedUp(); // the window starts at 10
        assertThat(window.expected(List.of(onTag(OTHER, 9)))).isEmpty();
        assertThat(window.expected(List.of(onTag(OTHER, 10)))).isEqualTo(at(12));
    }

    @Test
    void anotherWriterSendsConditionsToTheDatabaseUntilABatchFindsTheLogWhereItWasLeft() {
        warmedUp();
        window.drawnByOthers(SERVER, 20);
        assertThat(window.expected(List.of(onTag(OTHER, 20)))).isEmpty();

        // Checked by the database, and another writer appended again before it: still the database.
        window.committed(SERVER, 21, 1, List.of(appended(22, "test.Noted", INCIDENT)));
        assertThat(window.expected(List.of(onTag(OTHER, 22)))).isEmpty();

        window.committed(SERVER, 22, 1, List.of(appended(23, "test.Noted", INCIDENT)));
        // What the other writer appended before 21 is not known: only markers from there on are decided.
        assertThat(window.expected(List.of(onTag(OTHER, 20)))).isEmpty();
        assertThat(window.expected(List.of(onTag(OTHER, 21)))).isEqualTo(at(23));
    }

    @Test
    void aBatchWhoseLastRowsWereStoredBeforeLeavesWhereTheSequenceStandsUnknown() {
        warmedUp();
        // Two rows went to the insert and each drew a position; the second was an id stored before, so the highest
        // new position (13) is not the last one drawn (14).
        window.committed(SERVER, 12, 2, List.of(appended(13, "test.Noted", INCIDENT), appended(5, "test.Noted", OTHER)));
        assertThat(window.expected(List.of(onTag(OTHER, 13)))).isEmpty();
    }

    @Test
    void aBatchWithNothingInsertedKeepsTheWindow() {
        warmedUp();
        window.committed(SERVER, 12, 0, List.of());
        assertThat(window.expected(List.of(onTag(OTHER, 12)))).isEqualTo(at(12));
    }

    @Test
    void aForgottenWindowDecidesNothing() {
        warmedUp();
        window.forget();
        assertThat(window.expected(List.of(onTag(OTHER, 12)))).isEmpty();
    }

    @Test
    void aWindowWithTooManyKeysStartsAgainAtTheLastPositionDrawn() {
        AppendWindow small = new AppendWindow(2);
        small.committed(SERVER, 10, 1, List.of(appended(11, "test.Noted", INCIDENT)));
        small.committed(SERVER, 11, 1, List.of(appended(12, "test.Noted", OTHER)));
        assertThat(small.expected(List.of(onTag(TENANT, 10)))).isEqualTo(at(12));

        small.committed(SERVER, 12, 1, List.of(appended(13, "test.Noted", TENANT)));
        assertThat(small.expected(List.of(onTag(INCIDENT, 12)))).isEmpty();
        assertThat(small.expected(List.of(onTag(TENANT, 13)))).isEqualTo(at(13));
    }

    private static Optional<AppendWindow.Expected> at(long drawn) {
        return Optional.of(new AppendWindow.Expected(drawn, SERVER));
    }

    @Test
    void aConditionWithSeveralAlternativesIsLeftToTheDatabaseWhenAnyMatches() {
        warmedUp();
        window.committed(SERVER, 12, 1, List.of(appended(13, "test.Noted", INCIDENT)));

        AppendRequest.Condition either = new AppendRequest.Condition(new EventFilter(List.of(
                new EventFilter.Alternative(Set.of(), Set.of(OTHER)),
                new EventFilter.Alternative(Set.of(), Set.of(INCIDENT)))), 12);
        assertThat(window.expected(List.of(either))).isEmpty();
        AppendRequest.Condition neither = new AppendRequest.Condition(new EventFilter(List.of(
                new EventFilter.Alternative(Set.of(), Set.of(OTHER)),
                new EventFilter.Alternative(Set.of("test.Declared"), Set.of()))), 12);
        assertThat(window.expected(List.of(neither))).isEqualTo(at(13));
    }

    @Test
    void aBatchOnAnotherServerStartsTheWindowAgain() {
        warmedUp();
        Instant failedOver = SERVER.plusSeconds(60);
        // The same position, on a server started later (a standby promoted, say): what the window knew may be lost.
        window.committed(failedOver, 12, 1, List.of(appended(13, "test.Noted", OTHER)));
        assertThat(window.expected(List.of(onTag(OTHER, 13)))).isEmpty();

        window.committed(failedOver, 13, 1, List.of(appended(14, "test.Noted", OTHER)));
        assertThat(window.expected(List.of(onTag(INCIDENT, 11)))).as("before the new start").isEmpty();
        assertThat(window.expected(List.of(onTag(INCIDENT, 12))))
                .isEqualTo(Optional.of(new AppendWindow.Expected(14, failedOver)));
    }

    @Test
    void batchesAnsweredOutOfOrderNeverLetTheWindowDecideOnWhatItMissed() {
        warmedUp(); // (10, 12]
        // Two writers' batches: X drew 13–14 and Y 15–16, and Y's answer is handled first.
        window.committed(SERVER, 14, 2, List.of(appended(16, "test.Noted", INCIDENT)));
        window.committed(SERVER, 12, 2, List.of(appended(14, "test.Noted", OTHER)));
        assertThat(window.expected(List.of(onTag(INCIDENT, 14)))).as("Y's event is after 14, and the window does not"
                + " hold it any more").isEmpty();
        assertThat(window.expected(List.of(onTag(TENANT, 14)))).isEmpty();

        // The next batch finds the sequence at 16, not at 14 where the window ends: it starts again there.
        window.committed(SERVER, 16, 2, List.of(appended(18, "test.Noted", TENANT)));
        window.committed(SERVER, 18, 2, List.of(appended(20, "test.Noted", TENANT)));
        assertThat(window.expected(List.of(onTag(INCIDENT, 14)))).isEmpty();
        assertThat(window.expected(List.of(onTag(INCIDENT, 16)))).isEqualTo(at(20));
    }

    /** Two batches in a row from position 10: the window holds (10, 12] and decides. */
    private void warmedUp() {
        window.committed(SERVER, 10, 1, List.of(appended(11, "test.Noted", INCIDENT)));
        window.committed(SERVER, 11, 1, List.of(appended(12, "test.Noted", INCIDENT)));
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
