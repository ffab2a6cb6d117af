package io.firedrill.application.port.in.incident;

import io.firedrill.domain.incident.Incident;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.incident.IncidentStatus;
import io.firedrill.domain.shared.Severity;
import io.firedrill.domain.shared.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A list query; {@code null} or empty filters do not filter.
 *
 * @param from detected at or after this instant
 * @param to detected before this instant
 * @param text matched case-insensitively against number, title and summary
 * @param limit 1-500
 * @param cursor the {@link Page#nextCursor()} of the previous page, or {@code null} for the first
 */
public record IncidentListQuery(TenantId tenant, Set<IncidentStatus> statuses, Set<Severity> severities,
                                String service, Boolean drill, Instant from, Instant to, String text, int limit,
                                Cursor cursor) {

    public IncidentListQuery {
        Objects.requireNonNull(tenant, "tenant");
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        severities = severities == null ? Set.of() : Set.copyOf(severities);
        if (limit < 1 || limit > 500) {
            throw new IllegalArgumentException("limit must be between 1 and 500");
        }
    }

    /** Where a page ends: the sort key of its last row. */
    public record Cursor(Instant detectedAt, IncidentId id) {

        public Cursor {
            Objects.requireNonNull(detectedAt, "detectedAt");
            Objects.requireNonNull(id, "id");
        }
    }

    /** A page of incidents and the cursor of the next page, {@code null} on the last page. */
    public record Page(List<Incident> items, Cursor nextCursor) {

        public Page {
            items = List.copyOf(items);
        }
    }
}
