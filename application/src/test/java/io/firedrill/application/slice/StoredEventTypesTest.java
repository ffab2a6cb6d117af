package io.firedrill.application.slice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Stored event names and versions are frozen data: the list in {@code stored-event-types.txt} must agree with what
 * the slices declare. The other tests show the check failing when a stored name changes without an upcaster, and
 * holding when only the Java record is renamed or an upcaster carries the old name.
 */
class StoredEventTypesTest {

    /** A test concept whose record was once stored as {@code test.ThingMade}. */
    sealed interface ThingEvent {
        String thingId();
    }

    /** The record as it is today; its Java name changed from ThingMade, its stored name did not have to. */
    record ThingCreated(String thingId, String label) implements ThingEvent {
    }

    private static final Set<String> FROZEN_TEST_NAMES = Set.of("test.ThingMade 1");

    @Test
    void everyStoredNameAndVersionIsFrozenAndStillReadable() {
        assertThat(FrozenStoredTypes.violations(FrozenStoredTypes.load(), Slices.load().storedEvents())).isEmpty();
    }

    @Test
    void renamingTheJavaRecordKeepingItsStoredNameIsFree() {
        StoredEvents declared = storedEvents(EventTypes.of("test", ThingEvent.class)
                .event("test.ThingMade", 1, ThingCreated.class));

        assertThat(FrozenStoredTypes.violations(FROZEN_TEST_NAMES, declared)).isEmpty();
    }

    @Test
    void renamingTheStoredNameWithoutAnUpcasterFails() {
        StoredEvents declared = storedEvents(EventTypes.of("test", ThingEvent.class)
                .event("test.ThingCreated", 1, ThingCreated.class));

        List<String> violations = FrozenStoredTypes.violations(FROZEN_TEST_NAMES, declared);

        assertThat(violations).hasSize(2);
        assertThat(violations.get(0)).contains("test.ThingMade version 1 can no longer be read");
        assertThat(violations.get(1)).contains("add the line 'test.ThingCreated 1'");
    }

    @Test
    void renamingTheStoredNameWithAnUpcasterFromTheOldOneHoldsOnceTheNewNameIsFrozen() {
        StoredEvents declared = storedEvents(EventTypes.of("test", ThingEvent.class)
                .event("test.ThingCreated", 1, ThingCreated.class)
                .upcaster("test.ThingMade", 1, "test.ThingCreated", 1, payload -> payload));

        assertThat(FrozenStoredTypes.violations(Set.of("test.ThingMade 1", "test.ThingCreated 1"), declared)).isEmpty();
    }

    @Test
    void aNewVersionWithoutAnUpcasterFromTheOldOneFails() {
        StoredEvents declared = storedEvents(EventTypes.of("test", ThingEvent.class)
                .event("test.ThingMade", 2, ThingCreated.class));

        assertThat(FrozenStoredTypes.violations(Set.of("test.ThingMade 1", "test.ThingMade 2"), declared))
                .singleElement().asString().contains("test.ThingMade version 1 can no longer be read");
    }

    private static StoredEvents storedEvents(EventTypes.Builder<ThingEvent> table) {
        return new StoredEvents(List.of(table.tags((event, metadata) -> Set.of()).build()));
    }

}
