package io.firedrill.domain.alert;

import java.util.Objects;
import java.util.UUID;

/** The identity of an alert integration. */
public record IntegrationId(UUID value) {

    public IntegrationId {
        Objects.requireNonNull(value, "integrationId");
    }

    /** Parses the canonical UUID form; anything else is an {@link IllegalArgumentException} naming the field. */
    public static IntegrationId parse(String text) {
        try {
            return new IntegrationId(UUID.fromString(text));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("integrationId must be a UUID");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
