package io.firedrill.application.port.out;

import io.firedrill.domain.incident.Incident;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.incident.IncidentStatus;
import io.firedrill.domain.incident.Severity;
import io.firedrill.domain.shared.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * The incident list read model: one row per incident holding its folded state, fed by the incident list
 * projection and queried by the list endpoint. Rows can be dropped and rebuilt from the event log.
 */
public interface IncidentListViews {

    /**
     * Applies the event at {@code position} to the incident's row: {@code change} gets the stored state
     * ({@link Incident#EMPTY} for a new incident) and returns the next one. Idempotent by position: an event
     * at or below the row's last applied position changes nothing, so a redelivered event is harmless.
     */
    CompletableFuture<Void> apply(TenantId tenant, IncidentId id, long position, UnaryOperator<Incident> change);

    /** One page of the tenant's incidents, newest detection first. */
    CompletableFuture<Page> list(Query query);

    /** Removes every row, before a rebuild from the log. */
    CompletableFuture<Void> clear();

    /**
     * A list query; {@code null} or empty filters do not filter.
     *
     * @param from detected at or after this instant
     * @param to detected before this instant
     * @param text matched case-insensitively against number, title and summary
     * @param limit 1-500
     * @param cursor the {@link Page#nextCursor()} of the previous page, or {@code null} for the first
     */
    record Query(TenantId tenant, Set<IncidentStatus> statuses, Set<Severity> severities, String service,
                 Boolean drill, Instant from, Instant to, String text, int limit, Cursor cursor) {

        public Query {
            Objects.requireNonNull(tenant, "tenant");
            statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
            severities = severities == null ? Set.of() : Set.copyOf(severities);
            if (limit < 1 || limit > 500) {
                throw new IllegalArgumentException("limit must be between 1 and 500");
            }
        }
    }

    /** Where a page ends: the sort key of its last row. */
    record Cursor(Instant detectedAt, IncidentId id) {

        public Cursor {
            Objects.requireNonNull(detectedAt, "detectedAt");
            Objects.requireNonNull(id, "id");
        }
    }

    /** A page of incidents and the cursor of the next page, {@code null} on the last page. */
    record Page(List<Incident> items, Cursor nextCursor) {

        public Page {
            items = List.copyOf(items);
        }
    }
}
