package io.firedrill.domain.postmortem;

import io.firedrill.domain.incident.IncidentEvent;
import java.util.Objects;

/**
 * One stored incident event with the id the event store gave it: what a postmortem's pre-fill and its
 * staleness are computed from, and what its statements cite.
 *
 * @param eventId the stored event's id
 * @param fact the event
 */
public record SourcedFact(String eventId, IncidentEvent fact) {

    public SourcedFact {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(fact, "fact");
    }
}
