package io.firedrill.application.port.out;

import io.firedrill.domain.actionitem.ActionItem;
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
import java.util.function.UnaryOperator;

/**
 * The action item read model: one row per action item holding its folded state, fed by the action item
 * projection, queried by the list, the report and the reminder job. Rows can be dropped and rebuilt from the
 * event log.
 */
public interface ActionItemViews {

    /**
     * Applies the event at {@code position} to the item's row: {@code change} gets the stored state
     * ({@link ActionItem#EMPTY} for a new item) and returns the next one. Idempotent by position.
     */
    CompletableFuture<Void> apply(TenantId tenant, ActionItemId id, long position, UnaryOperator<ActionItem> change);

    /** One page of the tenant's action items, earliest due date first. */
    CompletableFuture<Page> list(Query query);

    /** The tenant's figures on {@code today} (overdue is derived with it). */
    CompletableFuture<Report> report(TenantId tenant, LocalDate today);

    /**
     * Open items of every tenant that the reminder job may have to act on, in due-date order after
     * {@code after}: past their due date on {@code today} and not yet recorded overdue for it, or due within
     * {@code leadDays} and not yet reminded for it.
     */
    CompletableFuture<List<Due>> due(LocalDate today, int leadDays, Due after, int limit);

    /** Removes every row, before a rebuild from the log. */
    CompletableFuture<Void> clear();

    /**
     * A list query; {@code null} or empty filters do not filter.
     *
     * @param overdue only overdue items ({@code true}) or only the others ({@code false}), as of {@code today}
     * @param dueBefore due strictly before this day
     * @param limit 1-500
     * @param cursor the {@link Page#nextCursor()} of the previous page, or {@code null} for the first
     */
    record Query(TenantId tenant, String owner, Set<ActionItemStatus> statuses, Set<Priority> priorities,
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
    record Cursor(LocalDate dueDate, ActionItemId id) {

        public Cursor {
            Objects.requireNonNull(dueDate, "dueDate");
            Objects.requireNonNull(id, "id");
        }
    }

    /** A page of items and the cursor of the next page, {@code null} on the last page. */
    record Page(List<ActionItem> items, Cursor nextCursor) {

        public Page {
            items = List.copyOf(items);
        }
    }

    /** An item the reminder job may have to act on. */
    record Due(TenantId tenant, ActionItemId id, LocalDate dueDate) {
    }

    /**
     * Counts of action items. Overdue items are also counted under their status.
     *
     * @param completionRate {@code completed / (total - cancelled)}; {@code null} when nothing is left to count
     */
    record Totals(long total, long notStarted, long inProgress, long blocked, long completed, long cancelled,
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
    record Report(LocalDate asOf, Totals overall, Map<String, Totals> byOwner, Map<Priority, Totals> byPriority) {

        public Report {
            byOwner = Map.copyOf(byOwner);
            byPriority = Map.copyOf(byPriority);
        }
    }
}
