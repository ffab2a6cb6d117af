package io.firedrill.domain.incident;

import java.util.UUID;

/**
 * The identity of an incident; the caller makes it (the domain never generates ids).
 *
 * @param value the UUID
 */
public record IncidentId(UUID value) {

    public IncidentId {
        Require.notNull(value, "incidentId");
    }

    /**
     * Parses the canonical UUID text.
     *
     * @throws IllegalArgumentException starting with {@code "incidentId"} when it is not a UUID
     */
    public static IncidentId of(String value) {
        Require.notNull(value, "incidentId");
        try {
            return new IncidentId(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("incidentId must be a UUID: '" + value + "'", e);
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
