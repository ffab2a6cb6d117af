package io.firedrill.domain.drill;

import java.util.Objects;
import java.util.UUID;

/** The identity of a drill run. */
public record DrillRunId(UUID value) {

    public DrillRunId {
        Objects.requireNonNull(value, "drillRunId");
    }

    /** Parses the canonical UUID form; anything else is an {@link IllegalArgumentException} naming the field. */
    public static DrillRunId parse(String text) {
        try {
            return new DrillRunId(UUID.fromString(text));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("drillRunId must be a UUID");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
