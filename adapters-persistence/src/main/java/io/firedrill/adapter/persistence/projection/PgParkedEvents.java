package io.firedrill.adapter.persistence.projection;

import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The events each event processor parked ({@code projection_parked_event}): events it could not apply, with their
 * error, and the later events of the same subject that wait behind them. Every statement is one implicit
 * transaction on the shared pool (whose sessions carry the statement timeout).
 *
 * <p>Ordering with a retry: {@link #holdBehind} locks the first parked event of the subject it finds
 * ({@code FOR KEY SHARE}) while it parks the new event behind it, and a retry deletes an event only after applying
 * it. So either the retry's delete comes first (the event ahead was applied: the new one is applied directly), or
 * the new event is parked before the delete commits and the retry, which reads the subject's rows again after each
 * delete, finds it.
 *
 * <p>A discarded row ({@link #discard}) stays as a record but counts for nothing: it holds none of its subject's
 * events (the first row not discarded does), is not retried and is not counted; only the processor meeting that
 * same event again (a redelivery) still finds it, and skips the event.
 */
@ApplicationScoped
public class PgParkedEvents {

    /** The longest error message kept. */
    static final int MESSAGE_LIMIT = 2000;

    private static final String COLUMNS = "processor, position, event_id, type_name, subject, tenant_id, waiting_behind,"
            + " error_class, error_message, attempts, first_parked_at, last_attempt_at, discarded_at, discarded_by,"
            + " discard_reason";
    private static final String HOLD = "WITH ahead AS (SELECT position FROM projection_parked_event"
            + " WHERE processor = $1 AND subject = $2 AND position <= $3 AND (discarded_at IS NULL OR position = $3)"
            + " ORDER BY position LIMIT 1 FOR KEY SHARE),"
            + " held AS (INSERT INTO projection_parked_event (processor, position, event_id, type_name, subject, tenant_id,"
            + " waiting_behind) SELECT $1, $3, $4, $5, $2, $6, ahead.position FROM ahead WHERE ahead.position < $3"
            + " ON CONFLICT (processor, position) DO NOTHING)"
            + " SELECT position FROM ahead";
    private static final String PARK = "INSERT INTO projection_parked_event (processor, position, event_id, type_name,"
            + " subject, tenant_id, error_class, error_message) VALUES ($1, $2, $3, $4, $5, $6, $7, left($8, "
            + MESSAGE_LIMIT + ")) ON CONFLICT (processor, position) DO UPDATE SET error_class = EXCLUDED.error_class,"
            + " error_message = EXCLUDED.error_message, waiting_behind = NULL,"
            + " attempts = projection_parked_event.attempts + 1, last_attempt_at = clock_timestamp()"
            + " WHERE projection_parked_event.discarded_at IS NULL";
    private static final String BEHIND = "UPDATE projection_parked_event SET waiting_behind = $3"
            + " WHERE processor = $1 AND subject = $2 AND position > $3 AND waiting_behind IS NOT NULL"
            + " AND discarded_at IS NULL";
    private static final String DISCARD = "WITH discarded AS (UPDATE projection_parked_event SET"
            + " discarded_at = clock_timestamp(), discarded_by = $3, discard_reason = left($4, " + MESSAGE_LIMIT + ")"
            + " WHERE processor = $1 AND position = $2 AND discarded_at IS NULL RETURNING " + COLUMNS + ")"
            + " SELECT " + COLUMNS + " FROM discarded UNION ALL SELECT " + COLUMNS + " FROM projection_parked_event"
            + " WHERE processor = $1 AND position = $2 AND NOT EXISTS (SELECT 1 FROM discarded)";

    private final Pool pool;

    @Inject
    public PgParkedEvents(Pool pool) {
        this.pool = pool;
    }

    /** An event as a processor met it. */
    public record Event(String processor, long position, String eventId, String typeName, String subject, String tenant) {
    }

    /**
     * A parked event.
     *
     * @param waitingBehind the position of the parked event of the same subject it waits behind; {@code null} when
     *     it failed itself ({@code errorClass} and {@code errorMessage} say how)
     * @param discardedAt when an operator discarded it, {@code null} while it is parked
     * @param discardedBy who discarded it
     * @param discardReason why
     */
    public record Parked(Event event, Long waitingBehind, String errorClass, String errorMessage, int attempts,
                         Instant firstParkedAt, Instant lastAttemptAt, Instant discardedAt, String discardedBy,
                         String discardReason) {
    }

    /**
     * Parks {@code event} behind an earlier parked event of its subject, if there is one, and answers that
     * event's position; answers the event's own position when it is parked already; empty when nothing of its
     * subject is parked at or before it (the processor applies it).
     */
    public CompletableFuture<Optional<Long>> holdBehind(Event event) {
        return pool.preparedQuery(HOLD)
                .execute(Tuple.of(event.processor(), event.subject(), event.position(), event.eventId(), event.typeName(),
                        event.tenant()))
                .map(rows -> rows.size() == 0 ? Optional.<Long>empty() : Optional.of(rows.iterator().next().getLong(0)))
                .toCompletionStage().toCompletableFuture();
    }

    /**
     * Of a batch's subjects and positions: the subjects with an event parked (not discarded) by the processor, whose
     * events must wait behind it, and the positions that are parked themselves (discarded ones included: a
     * redelivered discarded event is passed over). Such events go through {@link #holdBehind}, one at a time.
     */
    public CompletableFuture<Held> held(String processor, Collection<String> subjects, Collection<Long> positions) {
        return pool.preparedQuery("SELECT subject, position, discarded_at IS NULL AS holding FROM projection_parked_event"
                        + " WHERE processor = $1 AND ((subject = ANY($2) AND discarded_at IS NULL) OR position = ANY($3))")
                .execute(Tuple.of(processor).addArrayOfString(subjects.toArray(String[]::new))
                        .addArrayOfLong(positions.toArray(Long[]::new)))
                .map(rows -> {
                    Set<String> holding = new HashSet<>();
                    Set<Long> parkedPositions = new HashSet<>();
                    for (Row row : rows) {
                        if (row.getBoolean("holding")) {
                            holding.add(row.getString("subject"));
                        }
                        parkedPositions.add(row.getLong("position"));
                    }
                    return new Held(Set.copyOf(holding), Set.copyOf(parkedPositions));
                })
                .toCompletionStage().toCompletableFuture();
    }

    /** Which of {@code positions} an operator discarded in the processor (a rebuild passes over them too). */
    public CompletableFuture<Set<Long>> discardedAmong(String processor, Collection<Long> positions) {
        return pool.preparedQuery("SELECT position FROM projection_parked_event WHERE processor = $1"
                        + " AND position = ANY($2) AND discarded_at IS NOT NULL")
                .execute(Tuple.of(processor).addArrayOfLong(positions.toArray(Long[]::new)))
                .map(rows -> {
                    Set<Long> discarded = new HashSet<>();
                    rows.forEach(row -> discarded.add(row.getLong(0)));
                    return Set.copyOf(discarded);
                })
                .toCompletionStage().toCompletableFuture();
    }

    /** What {@link #held} found: subjects with a parked event, and positions parked themselves. */
    public record Held(Set<String> subjects, Set<Long> positions) {

        /** Whether an event of {@code subject} at {@code position} must go through {@link #holdBehind}. */
        public boolean holds(String subject, long position) {
            return subjects.contains(subject) || positions.contains(position);
        }
    }

    /** Parks an event that failed, or records that a parked one failed again (one more attempt, the new error). */
    public CompletableFuture<Void> park(Event event, String errorClass, String errorMessage) {
        return pool.preparedQuery(PARK)
                .execute(Tuple.of(event.processor(), event.position(), event.eventId(), event.typeName(), event.subject(),
                        event.tenant(), errorClass, errorMessage == null ? "" : errorMessage))
                .<Void>mapEmpty().toCompletionStage().toCompletableFuture();
    }

    /** Parks {@code event} after it failed again on a retry, and makes its subject's later parked events wait behind it. */
    public CompletableFuture<Void> parkAgain(Event event, String errorClass, String errorMessage) {
        return pool.withTransaction(connection -> connection.preparedQuery(PARK)
                        .execute(Tuple.of(event.processor(), event.position(), event.eventId(), event.typeName(),
                                event.subject(), event.tenant(), errorClass, errorMessage == null ? "" : errorMessage))
                        .compose(ignored -> connection.preparedQuery(BEHIND)
                                .execute(Tuple.of(event.processor(), event.subject(), event.position()))))
                .<Void>mapEmpty().toCompletionStage().toCompletableFuture();
    }

    /** Un-parks an event that has been applied. */
    public CompletableFuture<Void> unpark(String processor, long position) {
        return pool.preparedQuery("DELETE FROM projection_parked_event WHERE processor = $1 AND position = $2")
                .execute(Tuple.of(processor, position))
                .<Void>mapEmpty().toCompletionStage().toCompletableFuture();
    }

    /**
     * Discards the parked event at {@code position}: its row stays, flagged with who, when and why, and counts for
     * nothing more. Answers the row (as it was when an earlier discard already flagged it), or empty when the
     * processor has no parked event there.
     */
    public CompletableFuture<Optional<Parked>> discard(String processor, long position, String by, String reason) {
        return pool.preparedQuery(DISCARD)
                .execute(Tuple.of(processor, position, by, reason))
                .map(rows -> PgParkedEvents.parked(rows).stream().findFirst())
                .toCompletionStage().toCompletableFuture();
    }

    /** Forgets every parked event of a processor (its read model is being rebuilt from the first event). */
    public CompletableFuture<Void> clear(String processor) {
        return pool.preparedQuery("DELETE FROM projection_parked_event WHERE processor = $1")
                .execute(Tuple.of(processor))
                .<Void>mapEmpty().toCompletionStage().toCompletableFuture();
    }

    /**
     * Up to {@code limit} parked events of a processor after position {@code after}, in position order: those still
     * parked, or with {@code discarded} those discarded.
     */
    public CompletableFuture<List<Parked>> list(String processor, long after, int limit, boolean discarded) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM projection_parked_event WHERE processor = $1"
                        + " AND position > $2 AND (discarded_at IS NOT NULL) = $4 ORDER BY position LIMIT $3")
                .execute(Tuple.of(processor, after, limit, discarded))
                .map(PgParkedEvents::parked)
                .toCompletionStage().toCompletableFuture();
    }

    /** Up to {@code limit} parked events of one subject of a processor after position {@code after}, in position order. */
    public CompletableFuture<List<Parked>> ofSubject(String processor, String subject, long after, int limit) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM projection_parked_event WHERE processor = $1"
                        + " AND subject = $2 AND position > $3 AND discarded_at IS NULL ORDER BY position LIMIT $4")
                .execute(Tuple.of(processor, subject, after, limit))
                .map(PgParkedEvents::parked)
                .toCompletionStage().toCompletableFuture();
    }

    /** The subjects of a processor with parked events, the one parked first first. */
    public CompletableFuture<List<String>> subjects(String processor) {
        return pool.preparedQuery("SELECT subject FROM projection_parked_event WHERE processor = $1"
                        + " AND discarded_at IS NULL GROUP BY subject ORDER BY min(position)")
                .execute(Tuple.of(processor))
                .map(rows -> {
                    List<String> subjects = new ArrayList<>();
                    rows.forEach(row -> subjects.add(row.getString(0)));
                    return subjects;
                })
                .toCompletionStage().toCompletableFuture();
    }

    /** How many events each processor has parked, discarded ones not counted (processors with none are absent). */
    public CompletableFuture<Map<String, Long>> counts() {
        return pool.query("SELECT processor, count(*) FROM projection_parked_event WHERE discarded_at IS NULL"
                        + " GROUP BY processor").execute()
                .map(rows -> {
                    Map<String, Long> counts = new HashMap<>();
                    rows.forEach(row -> counts.put(row.getString(0), row.getLong(1)));
                    return counts;
                })
                .toCompletionStage().toCompletableFuture();
    }

    private static List<Parked> parked(io.vertx.sqlclient.RowSet<Row> rows) {
        List<Parked> parked = new ArrayList<>(rows.size());
        for (Row row : rows) {
            Event event = new Event(row.getString("processor"), row.getLong("position"), row.getString("event_id"),
                    row.getString("type_name"), row.getString("subject"), row.getString("tenant_id"));
            parked.add(new Parked(event, row.getLong("waiting_behind"), row.getString("error_class"),
                    row.getString("error_message"), row.getInteger("attempts"),
                    row.getOffsetDateTime("first_parked_at").toInstant(), row.getOffsetDateTime("last_attempt_at").toInstant(),
                    instant(row, "discarded_at"), row.getString("discarded_by"), row.getString("discard_reason")));
        }
        return parked;
    }

    private static Instant instant(Row row, String column) {
        var value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
