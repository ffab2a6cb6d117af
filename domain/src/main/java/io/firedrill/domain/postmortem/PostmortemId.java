package io.firedrill.domain.postmortem;

import io.firedrill.domain.incident.IncidentId;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * The identity of a postmortem. There is one postmortem per incident, so its id is derived from the
 * incident's ({@link #forIncident}): drafting twice for the same incident lands on the same stream.
 *
 * @param value the UUID
 */
public record PostmortemId(UUID value) {

    public PostmortemId {
        Objects.requireNonNull(value, "postmortemId");
    }

    /** The postmortem of {@code incidentId}: a name-based (version 3) UUID of {@code "postmortem/" + incidentId}. */
    public static PostmortemId forIncident(IncidentId incidentId) {
        Objects.requireNonNull(incidentId, "incidentId");
        return new PostmortemId(UUID.nameUUIDFromBytes(("postmortem/" + incidentId).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Parses the canonical UUID text.
     *
     * @throws IllegalArgumentException starting with {@code "postmortemId"} when it is not a UUID
     */
    public static PostmortemId of(String value) {
        if (value == null) {
            throw new IllegalArgumentException("postmortemId must not be null");
        }
        try {
            return new PostmortemId(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("postmortemId must be a UUID: '" + value + "'", e);
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
