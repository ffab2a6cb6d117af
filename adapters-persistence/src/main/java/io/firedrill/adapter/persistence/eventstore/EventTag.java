package io.firedrill.adapter.persistence.eventstore;

import java.util.Objects;

/** A key/value label on a stored event, the unit that sourcing and append conditions match on. */
public record EventTag(String key, String value) {

    public EventTag {
        Objects.requireNonNull(key, "tag key");
        Objects.requireNonNull(value, "tag value");
    }
}
