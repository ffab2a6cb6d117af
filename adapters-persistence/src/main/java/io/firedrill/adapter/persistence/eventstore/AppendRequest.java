package io.firedrill.adapter.persistence.eventstore;

import java.util.List;
import java.util.Optional;

/**
 * Events to append atomically, optionally on the condition that no event matching {@code filter}
 * was stored after position {@code marker}.
 */
public record AppendRequest(List<StoredEvent> events, Optional<Condition> condition) {

    /** Refuse the append if an event matching {@code filter} has a position above {@code marker}. */
    public record Condition(EventFilter filter, long marker) {
    }

    public AppendRequest {
        events = List.copyOf(events);
    }

    public static AppendRequest unconditional(List<StoredEvent> events) {
        return new AppendRequest(events, Optional.empty());
    }

    public static AppendRequest conditional(List<StoredEvent> events, EventFilter filter, long marker) {
        return new AppendRequest(events, Optional.of(new Condition(filter, marker)));
    }
}
