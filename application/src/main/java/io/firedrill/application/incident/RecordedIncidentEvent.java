package io.firedrill.application.incident;

import io.firedrill.application.command.CommandMetadata;
import io.firedrill.domain.incident.IncidentEvent;
import java.util.Map;
import java.util.Objects;

/**
 * An incident event as it stands in the log.
 *
 * @param sequence its place in the incident's log, from 1
 * @param eventId the stored event id
 * @param event the fact
 * @param metadata tenant, actor, source, correlation and causation ids
 * @param payloadJson the payload exactly as stored
 */
public record RecordedIncidentEvent(long sequence, String eventId, IncidentEvent event, Map<String, String> metadata,
                                    String payloadJson) {

    public RecordedIncidentEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(event, "event");
        metadata = Map.copyOf(metadata);
        Objects.requireNonNull(payloadJson, "payloadJson");
    }

    /** The channel the fact came through ({@code api}, {@code webhook}, ...), or {@code null} if unknown. */
    public String source() {
        return metadata.get(CommandMetadata.SOURCE);
    }
}
