package io.firedrill.domain.postmortem;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One row of a postmortem's timeline table: a key fact of the incident.
 *
 * @param at when it happened; for a corrected milestone the corrected instant
 * @param kind what sort of fact it is: {@code declared}, {@code detected}, {@code alert},
 *     {@code acknowledged}, {@code severity}, {@code commander}, {@code status-update},
 *     {@code mitigation}, {@code resolved}, {@code reopened} or {@code key-note}
 * @param actor the name of who (or which integration) caused it
 * @param text one human sentence, without the actor
 * @param eventIds the stored incident events the row rests on, the original fact first
 */
public record TimelineRow(Instant at, String kind, String actor, String text, List<String> eventIds) {

    public TimelineRow {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        eventIds = eventIds == null ? List.of() : List.copyOf(eventIds);
    }
}
