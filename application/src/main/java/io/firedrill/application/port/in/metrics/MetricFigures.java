package io.firedrill.application.port.in.metrics;

import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.metrics.DurationMetric;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The figures the metrics are made of: per duration metric, recurrences, action items, response targets, trends. */
public interface MetricFigures {

    /**
     * Figures of one duration metric.
     *
     * @param count the incidents it is computed over; the others are {@code null} when it is 0
     */
    record Figures(long count, Double meanSeconds, Double medianSeconds, Double p90Seconds) {

        public static final Figures NONE = new Figures(0, null, null, null);
    }

    /**
     * @param incidents incidents detected in the period (not drills, not duplicates)
     * @param recurring how many of them repeat an earlier incident
     * @param recurrences the first of them, oldest first
     */
    record Recurrences(long incidents, long recurring, List<Recurrence> recurrences) {

        public Recurrences {
            recurrences = List.copyOf(recurrences);
        }
    }

    /** An incident that repeats an earlier one: the latest earlier incident within the window sharing a grouping key. */
    record Recurrence(IncidentId incidentId, String number, Instant detectedAt, IncidentId repeatsIncidentId,
                      String repeatsNumber, Instant repeatsDetectedAt, List<String> sharedKeys) {

        public Recurrence {
            sharedKeys = List.copyOf(sharedKeys);
        }
    }

    /**
     * Action items created in the period (linked to a matching incident when a service or severity is given).
     *
     * @param overdue of those, open and past their due date today
     * @param medianDaysToComplete over those completed, days from creation to completion
     */
    record ActionItemFigures(long total, long completed, long cancelled, long overdue, Double medianDaysToComplete) {
    }

    /**
     * How incidents detected in the period met their severity's targets. An incident that has not reached the
     * milestone counts as missed once its target has passed, and not at all before (pending).
     */
    record TargetFigures(long acknowledgeMet, long acknowledgeMissed, long acknowledgePending, long resolveMet,
                         long resolveMissed, long resolvePending) {
    }

    /** Everything the summary needs from storage. */
    record Summary(Map<DurationMetric, Figures> production, Map<DurationMetric, Figures> drills,
                   Recurrences recurrences, ActionItemFigures actionItems, TargetFigures targets) {

        public Summary {
            production = Map.copyOf(production);
            drills = Map.copyOf(drills);
        }
    }

    /** Trend buckets: ISO weeks (Monday, UTC) or calendar months (UTC). */
    enum BucketSize {
        WEEK, MONTH
    }

    /**
     * One bucket of a trend.
     *
     * @param incidents incidents detected in the bucket (not drills, not duplicates)
     */
    record TrendRow(LocalDate start, LocalDate end, long incidents, Map<DurationMetric, Figures> figures) {

        public TrendRow {
            figures = Map.copyOf(figures);
        }
    }

    /**
     * The drill runs that ended in a period.
     *
     * @param runs runs that ended in the period ({@code passed + failed + aborted})
     * @param medianScore the median total of their first scores (under the definition current when each ended), or
     *                    {@code null} when none was scored
     * @param reviewedWithin7Days runs reviewed within 7 days of their end
     * @param findingsWithActionItems findings turned into action items (the others were waived)
     */
    public record DrillRuns(long runs, long passed, long failed, long aborted, Double medianScore, long reviewed,
                            long reviewedWithin7Days, long findings, long findingsWithActionItems) {
    }
}
