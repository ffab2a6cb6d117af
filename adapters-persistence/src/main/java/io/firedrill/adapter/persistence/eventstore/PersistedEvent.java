package io.firedrill.adapter.persistence.eventstore;

import java.time.Instant;

/** A stored event with the global position the log gave it and when it was written. */
public record PersistedEvent(long position, StoredEvent event, Instant recordedAt) {
}
