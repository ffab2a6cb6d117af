package io.firedrill.application.port.out;

import io.firedrill.application.port.in.actionitem.ActionItemQueries.Page;
import io.firedrill.application.port.in.actionitem.ActionItemQueries.Query;
import io.firedrill.application.port.in.actionitem.ActionItemQueries.Report;
import io.firedrill.domain.actionitem.ActionItem;
import io.firedrill.domain.actionitem.ActionItemId;
import io.firedrill.domain.shared.TenantId;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * The action item read model: one row per action item holding its folded state, fed by the action item
 * projection, queried by the list, the report and the reminder job. Rows can be dropped and rebuilt from the
 * event log.
 */
public interface ActionItemViews extends RowBatches<ActionItem> {

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

    /** An item the reminder job may have to act on. */
    record Due(TenantId tenant, ActionItemId id, LocalDate dueDate) {
    }
}
