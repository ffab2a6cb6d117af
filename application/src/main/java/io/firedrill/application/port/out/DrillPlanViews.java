package io.firedrill.application.port.out;

import io.firedrill.application.port.in.drill.DrillPlanQueries.Page;
import io.firedrill.application.port.in.drill.DrillPlanQueries.Query;
import io.firedrill.domain.drill.DrillPlan;
import io.firedrill.domain.drill.DrillPlanId;
import io.firedrill.domain.shared.TenantId;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * The drill plan read model: one row per plan holding its folded state, fed by the drill plan projection, queried by
 * the list. Rows can be dropped and rebuilt from the event log.
 */
public interface DrillPlanViews extends RowBatches<DrillPlan> {

    /**
     * Applies the event at {@code position} to the plan's row: {@code change} gets the stored state
     * ({@link DrillPlan#EMPTY} for a new plan) and returns the next one. Idempotent by position.
     */
    CompletableFuture<Void> apply(TenantId tenant, DrillPlanId id, long position, UnaryOperator<DrillPlan> change);

    /** One page of the tenant's plans, by name then id. */
    CompletableFuture<Page> list(Query query);

    /** Every enabled plan that has a schedule, of every tenant. */
    CompletableFuture<java.util.List<Scheduled>> scheduled();

    /** An enabled plan with a schedule, which applies from {@code since} (no instant before it is due). */
    record Scheduled(TenantId tenant, DrillPlanId id, io.firedrill.domain.drill.DrillSchedule schedule, java.time.Instant since) {
    }

    /** Removes every row, before a rebuild from the log. */
    CompletableFuture<Void> clear();
}
