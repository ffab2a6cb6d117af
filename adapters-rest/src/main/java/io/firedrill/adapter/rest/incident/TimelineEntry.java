package io.firedrill.adapter.rest.incident;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.firedrill.application.port.in.incident.RecordedIncidentEvent;
import io.firedrill.domain.incident.IncidentEvent;
import io.firedrill.domain.incident.IncidentTimeline;
import java.time.Instant;

/**
 * One fact on an incident's timeline.
 *
 * @param sequence the fact's place in the incident's log, from 1
 * @param occurredAt when it happened; in an OCCURRED replay, with later corrections applied
 * @param recordedAt when Firedrill learned it
 * @param type the event type, for example {@code IncidentAcknowledged}: its stored name without the prefix
 * @param actor who caused it
 * @param source the channel it came through ({@code api}, {@code webhook}, ...)
 * @param summary one human sentence
 * @param data the event exactly as stored
 */
public record TimelineEntry(long sequence, String eventId, Instant occurredAt, Instant recordedAt, String type,
                            Actor actor, String source, String summary, @JsonRawValue String data) {

    /** Who caused a fact: a user, an integration or Firedrill itself. */
    public record Actor(String kind, String name) {
    }

    static TimelineEntry of(RecordedIncidentEvent recorded) {
        return of(recorded, recorded.event());
    }

    /** The entry of a recorded event, showing {@code fact} (the event or its re-timed copy). */
    static TimelineEntry of(RecordedIncidentEvent recorded, IncidentEvent fact) {
        return new TimelineEntry(recorded.sequence(), recorded.eventId(), fact.occurredAt(), fact.recordedAt(),
                recorded.type().substring(recorded.type().indexOf('.') + 1), new Actor(fact.by().kind().name(), fact.by().name()), recorded.source(),
                IncidentTimeline.summary(fact), recorded.payloadJson());
    }
}
