package io.firedrill.application.port.out;

import io.firedrill.application.port.in.metrics.MetricFigures;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.incident.ResponseTargets;
import io.firedrill.domain.metrics.DurationMetric.Definition;
import io.firedrill.domain.metrics.DurationMetric;
import io.firedrill.domain.metrics.MeasuredIncident;
import io.firedrill.domain.shared.Severity;
import io.firedrill.domain.shared.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * The metrics read model: one row per incident with the instants the metric definitions measure between and
 * the grouping keys of its alerts, fed by the incident metrics projection; plus the figures computed from it
 * (and from the action item read model). Rows can be dropped and rebuilt from the event log.
 */
public interface IncidentMetrics extends MetricFigures, RowBatches<MeasuredIncident> {

    /** Applies the event at {@code position} to the incident's row, once (idempotent by position). */
    CompletableFuture<Void> apply(TenantId tenant, IncidentId id, long position, UnaryOperator<MeasuredIncident> change);

    /** Removes every row, before a rebuild from the log. */
    CompletableFuture<Void> clear();

    /**
     * Brings up to {@code limit} stale rollups in step with the incident rows, so that figures read them instead of
     * the rows: stale days first (the oldest first), then the trend buckets (weeks, months) of days recomputed;
     * figures are the same either way.
     *
     * @return how many were recomputed; fewer than {@code limit} when none is left
     */
    CompletableFuture<Integer> refreshRollups(int limit);

    /** The figures of one period. */
    CompletableFuture<Summary> summary(Query query);

    /** The duration figures and incident counts of each bucket of the period, in order, empty buckets included. */
    CompletableFuture<List<TrendRow>> trend(Query query, BucketSize size);

    /**
     * Which incidents and which period.
     *
     * @param from inclusive
     * @param to exclusive
     * @param service only incidents affecting this service, or {@code null}
     * @param severity only incidents of this (current) severity, or {@code null}
     * @param definitions the definition version of every duration metric
     * @param recurrenceWindow how far back an earlier incident with the same grouping key makes a recurrence
     * @param targets the response targets per severity
     * @param now when the question is asked: targets not yet due are pending, overdue is as of this day (UTC)
     * @param recurrenceListLimit how many recurrences to list
     */
    record Query(TenantId tenant, Instant from, Instant to, String service, Severity severity,
                 Map<DurationMetric, Definition> definitions, Duration recurrenceWindow, ResponseTargets targets,
                 Instant now, int recurrenceListLimit) {

        public Query {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(targets, "targets");
            Objects.requireNonNull(now, "now");
            definitions = Map.copyOf(definitions);
            for (DurationMetric metric : DurationMetric.values()) {
                if (!definitions.containsKey(metric)) {
                    throw new IllegalArgumentException("definitions must name a version of " + metric.key());
                }
            }
            if (!from.isBefore(to)) {
                throw new IllegalArgumentException("from must be before to");
            }
        }

        /** The same question about another period. */
        public Query during(Instant from, Instant to) {
            return new Query(tenant, from, to, service, severity, definitions, recurrenceWindow, targets, now,
                    recurrenceListLimit);
        }
    }
}
