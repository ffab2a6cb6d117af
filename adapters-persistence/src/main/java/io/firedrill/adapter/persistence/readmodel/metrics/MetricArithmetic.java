package io.firedrill.adapter.persistence.readmodel.metrics;

import io.firedrill.adapter.persistence.readmodel.metrics.Rollups.Column;
import io.firedrill.application.port.in.metrics.MetricFigures.BucketSize;
import io.firedrill.application.port.in.metrics.MetricFigures.Figures;
import io.firedrill.application.port.in.metrics.MetricFigures.Recurrence;
import io.firedrill.application.port.in.metrics.MetricFigures.Recurrences;
import io.firedrill.application.port.in.metrics.MetricFigures.Summary;
import io.firedrill.application.port.in.metrics.MetricFigures.TargetFigures;
import io.firedrill.application.port.in.metrics.MetricFigures.TrendRow;
import io.firedrill.application.port.out.IncidentMetrics.Query;
import io.firedrill.domain.incident.ResponseTargets;
import io.firedrill.domain.incident.TargetStatus;
import io.firedrill.domain.metrics.DurationMetric;
import io.firedrill.domain.metrics.Milestone;
import io.firedrill.domain.shared.Severity;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The figures computed from what was read, without I/O: a summary's durations, recurrences and response targets
 * from the period's days, and a trend's rows from its stored buckets and the days of the others. Means are
 * arithmetic; medians and p90 are {@code percentile_cont}'s ({@link Samples}), over seconds; days and buckets are
 * UTC. Each incident's response targets are judged by the domain's rule, {@link ResponseTargets#status}, on its
 * durations from detection.
 */
final class MetricArithmetic {

    private static final Severity[] SEVERITIES = Severity.values();

    private static final DurationMetric[] METRICS = DurationMetric.values();

    private MetricArithmetic() {
    }

    /**
     * The summary's figures of the period's days, with the recurrences {@code listed}; without action items
     * ({@code null}), which do not come from days.
     */
    static Summary summary(Query query, List<Rollups.Day> days, List<Recurrence> listed) {
        Map<DurationMetric, Samples> production = samples();
        Map<DurationMetric, Samples> drills = samples();
        double window = query.recurrenceWindow().toNanos() / 1e9;
        long nowSecond = query.now().getEpochSecond();
        int nowNano = query.now().getNano();
        long incidents = 0;
        long recurring = 0;
        long[] targets = new long[6];
        ResponseTargets.Target[] bySeverity = new ResponseTargets.Target[SEVERITIES.length];
        for (Severity severity : SEVERITIES) {
            bySeverity[severity.ordinal()] = query.targets().target(severity);
        }
        // one allocation per figure: a year's values are tens of thousands
        int[][] sizes = new int[2][METRICS.length];
        for (Rollups.Day day : days) {
            if (day.milestone() != Milestone.DETECTED) {
                sizes[day.drill() ? 1 : 0][ending(day.milestone()).ordinal()] += day.columns()[0].length;
            }
        }
        for (DurationMetric metric : METRICS) {
            production.get(metric).reserve(sizes[0][metric.ordinal()]);
            drills.get(metric).reserve(sizes[1][metric.ordinal()]);
        }
        for (Rollups.Day day : days) {
            if (day.milestone() == Milestone.DETECTED) {
                long start = day.day().toEpochDay() * 86_400;
                double[] offsets = day.columns()[0];
                double[] gaps = day.columns()[1];
                double[] acknowledged = day.columns()[2];
                double[] resolved = day.columns()[3];
                incidents += day.incidents();
                for (int i = 0; i < day.incidents(); i++) {
                    if (gaps[i] <= window) {
                        recurring++;
                    }
                    ResponseTargets.Target target = bySeverity[day.severity(i)];
                    Duration elapsed = Duration.ofSeconds(nowSecond - start, nowNano - micros(offsets[i]) * 1_000);
                    // DETECTED days hold no duplicates: no clock was stopped by closing one
                    count(targets, 0, ResponseTargets.status(target.acknowledge(), after(acknowledged[i]), null, elapsed));
                    count(targets, 3, ResponseTargets.status(target.resolve(), after(resolved[i]), null, elapsed));
                }
            } else {
                DurationMetric metric = ending(day.milestone());
                add((day.drill() ? drills : production).get(metric), day);
            }
        }
        Recurrences recurrences = new Recurrences(incidents, recurring, listed);
        return new Summary(figures(production), figures(drills), recurrences, null,
                new TargetFigures(targets[0], targets[1], targets[2], targets[3], targets[4], targets[5]));
    }

    /** Counts one incident's status against a target into met, missed, pending from {@code at}. */
    private static void count(long[] counts, int at, TargetStatus status) {
        counts[at + switch (status) {
            case MET -> 0;
            case MISSED -> 1;
            case RUNNING -> 2;
        }]++;
    }

    /**
     * A rolled-up duration in seconds (NaN for none) as the {@link Duration} it was: the values come from
     * PostgreSQL timestamps, whole microseconds.
     */
    private static Duration after(double seconds) {
        return Double.isNaN(seconds) ? null : Duration.ofNanos(micros(seconds) * 1_000);
    }

    private static long micros(double seconds) {
        return Math.round(seconds * 1e6);
    }

    /**
     * The rows of a trend's buckets (starting at {@code starts}): those {@code buckets} holds usable from their
     * stored figures, the others from their days ({@code reads}, each the days of a period of such buckets).
     */
    static List<TrendRow> trend(Query query, BucketSize size, List<LocalDate> starts, Buckets.Read buckets,
                                List<List<Rollups.Day>> reads) {
        long[] incidents = new long[starts.size()];
        List<Map<DurationMetric, Samples>> samples = new ArrayList<>();
        starts.forEach(start -> samples.add(samples()));
        for (List<Rollups.Day> read : reads) {
            for (Rollups.Day day : read) {
                if (day.drill()) {
                    continue;
                }
                int bucket = bucketIndex(starts.getFirst(), day.day(), size);
                if (day.milestone() == Milestone.DETECTED) {
                    incidents[bucket] += day.incidents();
                } else {
                    add(samples.get(bucket).get(ending(day.milestone())), day);
                }
            }
        }
        List<Map<DurationMetric, Figures>> computed = new ArrayList<>();
        for (LocalDate start : starts) {
            computed.add(buckets.usable().contains(start) ? noFigures() : null);
        }
        for (Buckets.Stored row : buckets.rows()) {
            int bucket = bucketIndex(starts.getFirst(), row.start(), size);
            if (computed.get(bucket) == null) {
                continue;
            }
            if (row.milestone() == Milestone.DETECTED) {
                incidents[bucket] += row.incidents();
            } else {
                DurationMetric metric = ending(row.milestone());
                computed.get(bucket).put(metric, row.figures(Column.since(query.definitions().get(metric).from())));
            }
        }
        List<TrendRow> trend = new ArrayList<>();
        for (int bucket = 0; bucket < starts.size(); bucket++) {
            Map<DurationMetric, Figures> figures = computed.get(bucket);
            trend.add(new TrendRow(starts.get(bucket), Buckets.next(starts.get(bucket), size), incidents[bucket],
                    figures != null ? figures : figures(samples.get(bucket))));
        }
        return trend;
    }

    private static Map<DurationMetric, Figures> noFigures() {
        Map<DurationMetric, Figures> figures = new EnumMap<>(DurationMetric.class);
        for (DurationMetric metric : METRICS) {
            figures.put(metric, Figures.NONE);
        }
        return figures;
    }

    /** The bucket of {@code day}, counted from the bucket that starts at {@code first}. */
    private static int bucketIndex(LocalDate first, LocalDate day, BucketSize size) {
        return size == BucketSize.WEEK ? (int) ((day.toEpochDay() - first.toEpochDay()) / 7)
                : (day.getYear() - first.getYear()) * 12 + day.getMonthValue() - first.getMonthValue();
    }

    private static void add(Samples samples, Rollups.Day day) {
        samples.addAll(day.columns()[0]);
    }

    private static DurationMetric ending(Milestone milestone) {
        for (DurationMetric metric : METRICS) {
            if (metric.end() == milestone) {
                return metric;
            }
        }
        throw new IllegalArgumentException("no duration metric ends at " + milestone);
    }

    private static Map<DurationMetric, Samples> samples() {
        Map<DurationMetric, Samples> samples = new EnumMap<>(DurationMetric.class);
        for (DurationMetric metric : DurationMetric.values()) {
            samples.put(metric, new Samples());
        }
        return samples;
    }

    private static Map<DurationMetric, Figures> figures(Map<DurationMetric, Samples> samples) {
        Map<DurationMetric, Figures> figures = new EnumMap<>(DurationMetric.class);
        samples.forEach((metric, values) -> figures.put(metric, values.figures()));
        return figures;
    }
}
