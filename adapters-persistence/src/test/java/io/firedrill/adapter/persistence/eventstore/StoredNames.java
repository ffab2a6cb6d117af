package io.firedrill.adapter.persistence.eventstore;

import io.firedrill.application.slice.EventTypes.StoredType;
import io.firedrill.application.slice.EventTypes;
import java.util.List;

/** The stored names of a slice's events, as its table declares them: what the round-trip tests iterate over. */
final class StoredNames {

    private StoredNames() {
    }

    static List<String> names(EventTypes<?> table) {
        return table.storedTypes().stream().map(StoredType::name).toList();
    }

    static String nameOf(EventTypes<?> table, Object event) {
        return table.stored(event.getClass()).orElseThrow().name();
    }

    static <E> Class<? extends E> typeOf(EventTypes<E> table, String name) {
        return table.stored(name).orElseThrow().type().asSubclass(table.eventType());
    }
}
