package io.firedrill.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The figures Firedrill exports for monitoring, read from the read models, the token store and the event log
 * in one go: open incidents, overdue action items, recent response times as histograms, and how far each event
 * processor is behind the log.
 */
public interface OperationalGauges {

    /** Upper bounds (seconds) of the time-to-acknowledge histogram's buckets, +Inf implied. */
    double[] ACKNOWLEDGE_BUCKETS = {60, 300, 900, 1_800, 3_600, 14_400, 86_400, 604_800};
    /** Upper bounds (seconds) of the time-to-resolve histogram's buckets, +Inf implied. */
    double[] RESOLVE_BUCKETS = {300, 900, 1_800, 3_600, 14_400, 86_400, 259_200, 604_800};
    /** How far back the histograms look. */
    java.time.Duration HISTOGRAM_WINDOW = java.time.Duration.ofDays(30);

    /**
     * The figures as of {@code now} (the application's clock; processor lag uses the database's).
     *
     * @param handledTypes per event processor, the stored type names it handles: a processor's position moves
     *     only past events it handles, so only those count towards its lag
     */
    CompletableFuture<Snapshot> read(Instant now, Map<String, java.util.Set<String>> handledTypes);

    /** A tenant's drill runs that ended with {@code result} ({@code PASSED}, {@code FAILED}, {@code ABORTED}), ever. */
    record DrillRuns(String tenant, String result, long count) {
    }

    /** Open (DETECTED or MITIGATING) production incidents of a tenant and severity. */
    record Open(String tenant, String severity, long count) {
    }

    /**
     * A histogram of one tenant's durations.
     *
     * @param cumulative the count at or below each bound, in bound order
     */
    record Histogram(String tenant, List<Long> cumulative, long count, double sumSeconds) {

        public Histogram {
            cumulative = List.copyOf(cumulative);
        }
    }

    /**
     * @param overdue open action items past their due date, by tenant
     * @param processorLagSeconds per processor, the age of the first event it handles after its least advanced
     *     segment's position (0 when caught up); processors without a readable position are absent
     * @param drillRunsAwaitingReview per tenant, drill runs that ended and have not been reviewed
     * @param drillRunsReviewedWithin7Days per tenant, drill runs that ended and were reviewed within 7 days of their end
     */
    record Snapshot(Instant at, List<Open> open, Map<String, Long> overdue, List<Histogram> timeToAcknowledge,
                    List<Histogram> timeToResolve, Map<String, Double> processorLagSeconds, List<DrillRuns> drillRuns,
                    Map<String, Long> drillRunsAwaitingReview, Map<String, Long> drillRunsReviewedWithin7Days) {

        public Snapshot {
            open = List.copyOf(open);
            overdue = Map.copyOf(overdue);
            timeToAcknowledge = List.copyOf(timeToAcknowledge);
            timeToResolve = List.copyOf(timeToResolve);
            processorLagSeconds = Map.copyOf(processorLagSeconds);
            drillRuns = List.copyOf(drillRuns);
            drillRunsAwaitingReview = Map.copyOf(drillRunsAwaitingReview);
            drillRunsReviewedWithin7Days = Map.copyOf(drillRunsReviewedWithin7Days);
        }
    }
}
