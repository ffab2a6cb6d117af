package io.firedrill.domain.actionitem;

import java.util.Objects;
import java.util.UUID;

/** The identity of an action item. */
public record ActionItemId(UUID value) {

    public ActionItemId {
        Objects.requireNonNull(value, "actionItemId");
    }

    /** Parses the canonical UUID form; anything else is an {@link IllegalArgumentException} naming the field. */
    public static ActionItemId parse(String text) {
        try {
            return new ActionItemId(UUID.fromString(text));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("actionItemId must be a UUID");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
