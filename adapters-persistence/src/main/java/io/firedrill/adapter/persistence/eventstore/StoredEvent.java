package io.firedrill.adapter.persistence.eventstore;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An event as the log stores it: serialised payload, explicit type name and version, metadata and
 * tags.
 *
 * @param eventId     unique id; appending an id that is already stored stores nothing
 * @param typeName    the stored type name, never derived from a Java class name
 * @param typeVersion the version of the payload's schema
 * @param payloadJson the payload as a JSON document
 * @param metadata    tenant, actor, source, correlation and causation ids and anything else
 * @param tags        what sourcing and append conditions match on
 * @param timestamp   when the event message was created
 */
public record StoredEvent(String eventId, String typeName, String typeVersion, String payloadJson,
                          Map<String, String> metadata, Set<EventTag> tags, Instant timestamp) {

    public StoredEvent {
        Objects.requireNonNull(eventId, "event id");
        Objects.requireNonNull(typeName, "type name");
        Objects.requireNonNull(typeVersion, "type version");
        Objects.requireNonNull(payloadJson, "payload");
        Objects.requireNonNull(timestamp, "timestamp");
        metadata = Map.copyOf(metadata);
        tags = Set.copyOf(tags);
    }
}
