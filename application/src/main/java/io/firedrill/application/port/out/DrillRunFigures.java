package io.firedrill.application.port.out;

import io.firedrill.application.port.in.metrics.MetricFigures.DrillRuns;
import io.firedrill.domain.shared.TenantId;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** What the metrics count of drill runs, from the drill run read model. */
public interface DrillRunFigures {

    /** The tenant's runs that ended in {@code [from, to)}, of one service when {@code service} is given. */
    CompletableFuture<DrillRuns> figures(TenantId tenant, Instant from, Instant to, String service);
}
