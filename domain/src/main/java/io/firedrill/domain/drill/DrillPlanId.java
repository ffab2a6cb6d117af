package io.firedrill.domain.drill;

import java.util.Objects;
import java.util.UUID;

/** The identity of a drill plan. */
public record DrillPlanId(UUID value) {

    public DrillPlanId {
        Objects.requireNonNull(value, "drillPlanId");
    }

    /** Parses the canonical UUID form; anything else is an {@link IllegalArgumentException} naming the field. */
    public static DrillPlanId parse(String text) {
        try {
            return new DrillPlanId(UUID.fromString(text));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("drillPlanId must be a UUID");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
