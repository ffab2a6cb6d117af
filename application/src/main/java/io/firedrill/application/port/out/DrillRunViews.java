package io.firedrill.application.port.out;

import io.firedrill.application.port.in.drill.DrillRunQueries.Page;
import io.firedrill.application.port.in.drill.DrillRunQueries.Query;
import io.firedrill.domain.drill.DrillRun;
import io.firedrill.domain.drill.DrillRunId;
import io.firedrill.domain.shared.TenantId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * The drill run read model: one row per run holding its folded state, fed by the drill run projection, queried by the
 * list and by the runner for the runs that are running. Rows can be dropped and rebuilt from the event log.
 */
public interface DrillRunViews extends RowBatches<DrillRun> {

    /** Applies the event at {@code position} to the run's row ({@link DrillRun#EMPTY} for a new run). Idempotent by position. */
    CompletableFuture<Void> apply(TenantId tenant, DrillRunId id, long position, UnaryOperator<DrillRun> change);

    /** One page of the tenant's runs, newest first. */
    CompletableFuture<Page> list(Query query);

    /** Runs of every tenant that have not ended or not been scored, oldest first, at most {@code limit}. */
    CompletableFuture<List<Running>> running(int limit);

    /**
     * Runs of every tenant that ended before {@code endedBefore}, are not reviewed and were not nudged on
     * {@code notRemindedOn}, longest waiting first.
     */
    CompletableFuture<List<Running>> awaitingReview(java.time.Instant endedBefore, java.time.LocalDate notRemindedOn,
                                                    int limit);

    /** Removes every row, before a rebuild from the log. */
    CompletableFuture<Void> clear();

    /** A run the drill runner has work for: it has not ended, or has not been scored. */
    record Running(TenantId tenant, DrillRunId id) {
    }
}
