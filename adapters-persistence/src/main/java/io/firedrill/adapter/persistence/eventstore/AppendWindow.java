package io.firedrill.adapter.persistence.eventstore;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the writer knows of the end of the event log, learnt from its own batches: every event stored at a position in
 * ({@code start}, {@code drawn}], where {@code drawn} is the last position the log's sequence has handed out. For
 * those events it keeps only, per tag, per type and per (tag, type), the newest marker of an append that holds one.
 *
 * <p>The database confirms that the window is still the whole end of the log when it holds the append lock: the
 * sequence still stands at {@code drawn} on the same server (the same start time: a failover or a restart may have
 * lost positions), so no other writer has drawn a position since. Every statement that writes to the log draws one
 * (V18's trigger): another instance's append, a hand-written insert, update or delete, a transaction that rolled
 * back, even an insert that sets positions itself. While both hold, a condition whose marker is at or after
 * {@code start} can be decided here, and the batch written as one plain insert instead of through
 * {@code event_store_append}. A marker stands where an append or a read ended, so an append's events are all after a
 * marker or all at or before it; the window counts each event at its append's marker, which can only make it find a
 * conflict where the database would not, never miss one. Whatever is uncertain sends the batch to the database's
 * checks.
 *
 * <p>Every update states a fact that holds whatever order concurrent batches complete in; a claim that a later batch
 * has made stale fails the database's confirmation.
 */
final class AppendWindow {

    /** The most (tag, type) pairs kept before the window starts again at the writer's last position. */
    static final int MAX_KEYS = 50_000;

    private final int maxKeys;
    private final Map<EventTag, Long> byTag = new HashMap<>();
    private final Map<String, Long> byType = new HashMap<>();
    private final Map<TagType, Long> byTagAndType = new HashMap<>();
    private boolean known;
    private Instant serverStarted;
    /** Whether the last batch found the sequence where the window left it: no other writer is appending now. */
    private boolean alone;
    private long start;
    private long drawn;
    private long newest;

    AppendWindow(int maxKeys) {
        this.maxKeys = maxKeys;
    }

    /** An append of a committed batch that stored events: its events and its marker (their highest position). */
    record Appended(List<StoredEvent> events, long marker) {
    }

    private record TagType(EventTag tag, String type) {
    }

    /** Where the sequence must stand, on which server, for a batch's conditions to hold as the window decided them. */
    record Expected(long drawn, Instant serverStarted) {
    }

    /**
     * The position the sequence must stand at for every condition of {@code conditions} to hold, when the window can
     * decide them all and they all hold; empty when the database must check them.
     */
    synchronized Optional<Expected> expected(List<AppendRequest.Condition> conditions) {
        if (!known || !alone) {
            return Optional.empty();
        }
        for (AppendRequest.Condition condition : conditions) {
            if (condition.marker() < start) {
                return Optional.empty();
            }
            for (EventFilter.Alternative alternative : condition.filter().alternatives()) {
                if (newestMatching(alternative) > condition.marker()) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new Expected(drawn, serverStarted));
    }

    /**
     * At least the marker of the newest append in the window with an event that matches {@code alternative}, or
     * {@code start} when none has. Such an event carries every tag of the alternative, so the least recent of those
     * tags bounds it; with types, each tag is looked up with each type.
     */
    private long newestMatching(EventFilter.Alternative alternative) {
        if (alternative.tags().isEmpty()) {
            if (alternative.types().isEmpty()) {
                return newest;
            }
            return alternative.types().stream().mapToLong(type -> byType.getOrDefault(type, start)).max().orElseThrow();
        }
        long bound = Long.MAX_VALUE;
        for (EventTag tag : alternative.tags()) {
            long newestWithTag = alternative.types().isEmpty()
                    ? byTag.getOrDefault(tag, start)
                    : alternative.types().stream()
                            .mapToLong(type -> byTagAndType.getOrDefault(new TagType(tag, type), start)).max().orElseThrow();
            bound = Math.min(bound, newestWithTag);
        }
        return bound;
    }

    /**
     * A batch committed on the server started at {@code started}: the sequence stood at {@code drawnBefore} when it took
     * the lock, the batch drew {@code draws} positions (one for its insert statement, then one per row that went to the
     * insert, stored or skipped as an id stored before; none when it inserted nothing), and {@code appended} are its
     * appends that stored events, in order. The window grows by the batch when it started where the window ends, and
     * starts again at {@code drawnBefore} otherwise. When the highest marker is not the last position drawn, where the
     * sequence stands is not known, and the window is forgotten.
     */
    synchronized void committed(Instant started, long drawnBefore, int draws, List<Appended> appended) {
        boolean continues = known && started.equals(serverStarted) && drawnBefore == drawn;
        if (!continues) {
            restart(started, drawnBefore);
        }
        long highest = drawnBefore;
        for (Appended append : appended) {
            if (append.marker() <= drawnBefore) {
                continue; // its events were all stored before the batch
            }
            for (StoredEvent event : append.events()) {
                byType.merge(event.typeName(), append.marker(), Math::max);
                for (EventTag tag : event.tags()) {
                    byTag.merge(tag, append.marker(), Math::max);
                    byTagAndType.merge(new TagType(tag, event.typeName()), append.marker(), Math::max);
                }
            }
            highest = Math.max(highest, append.marker());
        }
        if (highest != drawnBefore + draws) {
            forget();
            return;
        }
        newest = Math.max(newest, highest);
        drawn = highest;
        alone = continues;
        if (byTagAndType.size() > maxKeys) {
            restart(started, drawn);
        }
    }

    /**
     * The sequence stood at {@code drawnNow} under the lock, on the server started at {@code started}, instead of where
     * the window ends: another writer appended. Nothing was written; the window starts again there, and the database
     * checks conditions until a batch finds the log where this writer left it.
     */
    synchronized void drawnByOthers(Instant started, long drawnNow) {
        restart(started, drawnNow);
        alone = false;
    }

    /** Where the log ends is not known (a statement failed, or its answer was lost). */
    synchronized void forget() {
        known = false;
        alone = false;
        clear();
    }

    private void restart(Instant started, long at) {
        clear();
        known = true;
        serverStarted = Objects.requireNonNull(started);
        start = at;
        drawn = at;
        newest = at;
    }

    private void clear() {
        byTag.clear();
        byType.clear();
        byTagAndType.clear();
    }
}
