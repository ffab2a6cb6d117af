package io.firedrill.domain.notification;

import java.util.Objects;
import java.util.UUID;

/** The identity of a notification route. */
public record RouteId(UUID value) {

    public RouteId {
        Objects.requireNonNull(value, "routeId");
    }

    /** Parses the canonical UUID form; anything else is an {@link IllegalArgumentException} naming the field. */
    public static RouteId parse(String text) {
        try {
            return new RouteId(UUID.fromString(text));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("routeId must be a UUID");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
