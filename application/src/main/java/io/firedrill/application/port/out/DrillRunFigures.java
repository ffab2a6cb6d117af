package io.firedrill.application.port.out;

import io.firedrill.domain.shared.TenantId;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** What the metrics count of drill runs, from the drill run read model. */
public interface DrillRunFigures {

    /** The tenant's runs that ended in {@code [from, to)}, of one service when {@code service} is given. */
    CompletableFuture<Figures> figures(TenantId tenant, Instant from, Instant to, String service);

    /**
     * @param runs runs that ended in the period ({@code passed + failed + aborted})
     * @param medianScore the median total of their first scores (under the definition current when each ended), or
     *                    {@code null} when none was scored
     * @param reviewedWithin7Days runs reviewed within 7 days of their end
     * @param findingsWithActionItems findings turned into action items (the others were waived)
     */
    record Figures(long runs, long passed, long failed, long aborted, Double medianScore, long reviewed,
                   long reviewedWithin7Days, long findings, long findingsWithActionItems) {
    }
}
