package io.firedrill.application.port.in.incident;

import io.firedrill.application.port.in.CommandMetadata;
import io.firedrill.domain.incident.IncidentEvent;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An incident event as it stands in the log.
 *
 * @param sequence its place in the incident's log, from 1
 * @param eventId the stored event id
 * @param type the stored type name, e.g. {@code incident.IncidentAcknowledged}
 * @param event the fact
 * @param metadata tenant, actor, source, correlation and causation ids
 * @param payloadJson the payload exactly as stored
 */
public record RecordedIncidentEvent(long sequence, String eventId, String type, IncidentEvent event, Map<String, String> metadata,
                                    String payloadJson) {

    public RecordedIncidentEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(event, "event");
        metadata = Map.copyOf(metadata);
        Objects.requireNonNull(payloadJson, "payloadJson");
    }

    /** The channel the fact came through ({@code api}, {@code webhook}, ...), or {@code null} if unknown. */
    public String source() {
        return metadata.get(CommandMetadata.SOURCE);
    }

    /** The facts alone, in log order. */
    public static List<IncidentEvent> facts(List<RecordedIncidentEvent> log) {
        return log.stream().map(RecordedIncidentEvent::event).toList();
    }
}
