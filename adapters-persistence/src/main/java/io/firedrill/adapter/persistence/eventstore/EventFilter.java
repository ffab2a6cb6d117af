package io.firedrill.adapter.persistence.eventstore;

import java.util.List;
import java.util.Set;

/**
 * Which events a read or an append condition is about: an event matches when it matches any of the
 * alternatives; an alternative matches an event that carries all its tags and, when it names types,
 * has one of them. An alternative with neither tags nor types matches every event.
 */
public record EventFilter(List<Alternative> alternatives) {

    /** Matches every event. */
    public static final EventFilter ALL = new EventFilter(List.of(new Alternative(Set.of(), Set.of())));

    public EventFilter {
        if (alternatives.isEmpty()) {
            throw new IllegalArgumentException("a filter needs at least one alternative; use ALL to match everything");
        }
        alternatives = List.copyOf(alternatives);
    }

    public static EventFilter of(Set<String> types, Set<EventTag> tags) {
        return new EventFilter(List.of(new Alternative(types, tags)));
    }

    /** One conjunction of required tags and allowed types. */
    public record Alternative(Set<String> types, Set<EventTag> tags) {
        public Alternative {
            types = Set.copyOf(types);
            tags = Set.copyOf(tags);
        }

        boolean matchesEverything() {
            return types.isEmpty() && tags.isEmpty();
        }

        boolean matches(StoredEvent event) {
            return (types.isEmpty() || types.contains(event.typeName())) && event.tags().containsAll(tags);
        }
    }

    public boolean matches(StoredEvent event) {
        return alternatives.stream().anyMatch(a -> a.matches(event));
    }

    boolean matchesEverything() {
        return alternatives.stream().anyMatch(Alternative::matchesEverything);
    }
}
