package io.firedrill.application.port.in.actionitem;

import io.firedrill.domain.actionitem.ActionItem;
import io.firedrill.domain.actionitem.ActionItemEvent;
import io.firedrill.domain.actionitem.ActionItemId;
import io.firedrill.domain.actionitem.ActionItemStatus;
import io.firedrill.domain.actionitem.Priority;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.shared.TenantId;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * What can be read about action items: one item (from its log, always current) and its history, and the list and
 * the report from the action item read model. Scoped to the tenant: another tenant's item is
 * {@link ActionItemNotFound}.
 */
public interface ActionItemQueries {

    /** The item's facts in log order; {@link ActionItemNotFound} when the tenant has no such item. */
    CompletableFuture<List<Recorded>> history(TenantId tenant, ActionItemId id);

    /** The item as it stands now. */
    CompletableFuture<ActionItem> item(TenantId tenant, ActionItemId id);

    /** One page of the tenant's items, soonest due first. */
    CompletableFuture<Page> list(Query query);

    /** The tenant's figures as of {@code today}. */
    CompletableFuture<Report> report(TenantId tenant, LocalDate today);

    /**
     * One fact of an action item as stored.
     *
     * @param type the stored type name, e.g. {@code actionitem.ActionItemCreated}
     * @param source the channel it came through ({@code api}, {@code scheduler})
     */
    record Recorded(String eventId, String type, ActionItemEvent event, String source) {

        public Recorded {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(event, "event");
        }
    }

    /**
     * A list query; {@code null} or empty filters do not filter.
     *
     * @param overdue only overdue items ({@code true}) or only the others ({@code false}), as of {@code today}
     * @param dueBefore due strictly before this day
     * @param limit 1-500
     * @param cursor the {@link Page#nextCursor()} of the previous page, or {@code null} for the first
     */
    public record Query(TenantId tenant, String owner, Set<ActionItemStatus> statuses, Set<Priority> priorities,
                 Boolean overdue, IncidentId incidentId, LocalDate dueBefore, LocalDate today, int limit,
                 Cursor cursor) {

        public Query {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(today, "today");
            statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
            priorities = priorities == null ? Set.of() : Set.copyOf(priorities);
            if (limit < 1 || limit > 500) {
                throw new IllegalArgumentException("limit must be between 1 and 500");
            }
        }
    }

    /** Where a page ends: the sort key of its last row. */
    public record Cursor(LocalDate dueDate, ActionItemId id) {

        public Cursor {
            Objects.requireNonNull(dueDate, "dueDate");
            Objects.requireNonNull(id, "id");
        }
    }

    /** A page of items and the cursor of the next page, {@code null} on the last page. */
    public record Page(List<ActionItem> items, Cursor nextCursor) {

        public Page {
            items = List.copyOf(items);
        }
    }

    /**
     * Counts of action items. Overdue items are also counted under their status.
     *
     * @param completionRate {@code completed / (total - cancelled)}; {@code null} when nothing is left to count
     */
    public record Totals(long total, long notStarted, long inProgress, long blocked, long completed, long cancelled,
                  long overdue, Double completionRate) {

        /** The totals of these counts, with the completion rate derived from them. */
        public static Totals of(long total, long notStarted, long inProgress, long blocked, long completed,
                                long cancelled, long overdue) {
            long counted = total - cancelled;
            return new Totals(total, notStarted, inProgress, blocked, completed, cancelled, overdue,
                    counted == 0 ? null : (double) completed / counted);
        }
    }

    /** The tenant's figures, overall, by owner and by priority (every priority, also those with no items). */
    public record Report(LocalDate asOf, Totals overall, Map<String, Totals> byOwner, Map<Priority, Totals> byPriority) {

        public Report {
            byOwner = Map.copyOf(byOwner);
            byPriority = Map.copyOf(byPriority);
        }
    }
}
