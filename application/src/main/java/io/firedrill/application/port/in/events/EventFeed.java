package io.firedrill.application.port.in.events;

import io.firedrill.domain.shared.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A tenant's facts in the order the log holds them, for other tools to follow: each carries its log position, and
 * reading again after a position goes on exactly after it, on any instance and after restarts.
 */
public interface EventFeed {

    /** The most events one {@link #read} returns. */
    int MAX_LIMIT = 500;

    /** The fact types a query may name: today's stored type names, such as {@code incident.IncidentDeclared}. */
    Set<String> types();

    /** The subject kinds a query may name ({@code incident}, …) and the field of a fact that holds each. */
    Map<String, String> subjectKinds();

    /**
     * Which facts to read.
     *
     * @param types    today's type names; empty for every type
     * @param subjects facts about any of these; empty for every subject
     * @param after    the position after which to read (0 for the start of the log)
     * @param limit    1 to {@link #MAX_LIMIT}
     */
    record Query(TenantId tenant, Set<String> types, Set<Subject> subjects, long after, int limit) {
        public Query {
            Objects.requireNonNull(tenant, "tenant");
            types = Set.copyOf(types);
            subjects = Set.copyOf(subjects);
            if (after < 0) {
                throw new IllegalArgumentException("after must not be negative");
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT);
            }
        }

        /** The same query after another position. */
        public Query after(long position) {
            return new Query(tenant, types, subjects, position, limit);
        }
    }

    /** A subject: its kind (a key of {@link #subjectKinds()}) and id. */
    record Subject(String kind, String id) {
        public Subject {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * A fact as the feed shows it.
     *
     * @param type        today's type name
     * @param version     the version of today's schema of the type; {@code dataJson} is in it
     * @param subjects    the ids the fact is about ({@code incidentId}, {@code drillRunId}, …)
     * @param actor       who caused it, {@code kind:name} ({@code USER:alice}); {@code null} if not recorded
     * @param source      through what ({@code api}, {@code webhook}, {@code scheduler}, …); {@code null} if not recorded
     * @param recordedAt  when it was written to the log
     * @param dataJson    the fact itself, as JSON
     */
    record Fact(long position, String eventId, String type, int version, Map<String, String> subjects, String actor,
                String source, Instant recordedAt, String dataJson) {
    }

    /**
     * Facts of a read and how far the log was examined: the next read goes on after {@code scannedTo}, which may be
     * beyond the last fact (the log was examined further and held nothing more for the query).
     *
     * @param more whether the read stopped at its limit, so more facts may follow at once
     */
    record Page(List<Fact> facts, long scannedTo, boolean more) {
    }

    /** Up to {@code query.limit()} facts after {@code query.after()}. */
    CompletableFuture<Page> read(Query query);

    /** The position of the newest fact of the log (of any tenant), 0 for an empty log: where a reader of new facts starts. */
    CompletableFuture<Long> head();

    /**
     * Calls {@code wake} when facts may have been appended (by any instance; folded), until the returned action is run.
     * {@code wake} must only signal.
     */
    Runnable onAppend(Runnable wake);
}
