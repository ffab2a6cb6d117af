package io.firedrill.application.port.in.metrics;

import io.firedrill.application.port.in.CommandContext;
import io.firedrill.application.port.in.CommandOutcome;
import io.firedrill.application.port.in.metrics.MetricFigures.BucketSize;
import io.firedrill.application.port.in.metrics.MetricFigures.Summary;
import io.firedrill.application.port.in.metrics.MetricFigures.TrendRow;
import io.firedrill.domain.metrics.DurationMetric.Definition;
import io.firedrill.domain.metrics.DurationMetric;
import io.firedrill.domain.metrics.MetricSettings;
import io.firedrill.domain.shared.Severity;
import io.firedrill.domain.shared.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The metrics use cases: summaries and trends of a tenant's incidents under versioned definitions (the request's,
 * else the tenant's choice, else the defaults), and the tenant's choice of definitions, a recorded fact.
 */
public interface Metrics {

    /** The figures of the request's incidents. */
    CompletableFuture<Figures> summary(Request request);

    /** The figures of each week or month of the request's period. */
    CompletableFuture<Trend> trend(Request request, BucketSize size);

    /** The tenant's chosen definitions (the defaults until it chooses). */
    CompletableFuture<MetricSettings> settings(TenantId tenant);

    /** Makes {@code version} the tenant's definition of {@code metric}: a recorded fact. */
    CompletableFuture<CommandOutcome<MetricSettings>> choose(CommandContext context, DurationMetric metric, int version);

    /**
     * Which incidents and which definitions.
     *
     * @param versions the definition version per metric; metrics not named use their default
     */
    record Request(TenantId tenant, Instant from, Instant to, String service, Severity severity,
                   Map<DurationMetric, Integer> versions) {

        public Request {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (!from.isBefore(to)) {
                throw new IllegalArgumentException("from must be before to");
            }
            versions = versions == null ? Map.of() : Map.copyOf(versions);
        }
    }

    /**
     * The figures with the definitions they were computed with, and the drill runs that ended in the period (of the
     * service when one is asked for; severity does not filter them).
     */
    record Figures(Map<DurationMetric, Definition> definitions, Duration recurrenceWindow, Summary summary,
                   MetricFigures.DrillRuns drillRuns) {
    }

    /** A trend with the definitions it was computed with. */
    record Trend(Map<DurationMetric, Definition> definitions, List<TrendRow> rows) {
    }
}
