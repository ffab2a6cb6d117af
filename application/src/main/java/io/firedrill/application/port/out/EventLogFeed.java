package io.firedrill.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** The event log read in position order for one tenant, as other tools follow it, and told when it grows. */
public interface EventLogFeed {

    /**
     * One stored event as written.
     *
     * @param position    its place in the log; positions follow commit order
     * @param tags        its tags (key to value; a key that stands twice keeps one value), the tenant's among them
     * @param recordedAt  when it was written to the log
     */
    record Stored(long position, String eventId, String typeName, String typeVersion, byte[] payloadJson,
                  Map<String, String> metadata, Map<String, String> tags, Instant recordedAt) {
    }

    /**
     * Events of a read, and how far the log was examined: no matching event at or below {@code scannedTo} is missing
     * from this read and those before it, nor will one appear later.
     *
     * @param more whether the read stopped at its limit ({@code scannedTo} is then its last event's position)
     */
    record Batch(List<Stored> events, long scannedTo, boolean more) {
    }

    /** A tag an event must carry. */
    record Subject(String key, String value) {
    }

    /**
     * Up to {@code limit} events of {@code tenant} after position {@code after}, in position order: of the stored
     * type names {@code typeNames} (any when empty) and carrying one of {@code subjects} (any when empty).
     */
    CompletableFuture<Batch> read(String tenant, Set<String> typeNames, Set<Subject> subjects, long after, int limit);

    /** The highest position stored, 0 for an empty log. */
    CompletableFuture<Long> head();

    /**
     * Calls {@code wake} after appends commit, on any instance (folded: one call may stand for many appends), and once
     * after listening resumed from a lost connection. Returns what stops it. {@code wake} only signals.
     */
    Runnable listen(Runnable wake);
}
