package io.firedrill.adapter.persistence.readmodel.metrics;

import static io.firedrill.adapter.persistence.readmodel.metrics.MetricSql.day;
import static io.firedrill.adapter.persistence.readmodel.metrics.MetricSql.start;

import io.firedrill.adapter.persistence.readmodel.metrics.Rollups.Column;
import io.firedrill.application.port.in.metrics.MetricFigures.BucketSize;
import io.firedrill.application.port.in.metrics.MetricFigures.TrendRow;
import io.firedrill.application.port.out.IncidentMetrics.Query;
import io.firedrill.domain.metrics.DurationMetric.Definition;
import io.firedrill.domain.metrics.DurationMetric;
import io.firedrill.domain.metrics.Milestone;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * What a trend reads, on one snapshot: the stored figures of its whole buckets that may be used, and the days of
 * the other buckets; the rows themselves are {@link MetricArithmetic#trend}'s.
 */
final class Trends {

    private Trends() {
    }

    static CompletableFuture<List<TrendRow>> trend(Pool pool, Query query, BucketSize size) {
        Map<Milestone, List<Column>> wanted = new EnumMap<>(Milestone.class);
        wanted.put(Milestone.DETECTED, List.of());
        for (DurationMetric metric : DurationMetric.values()) {
            Definition definition = query.definitions().get(metric);
            wanted.put(definition.to(), List.of(Column.since(definition.from())));
        }
        List<LocalDate> starts = new ArrayList<>();
        LocalDate last = day(query.to().minusNanos(1));
        for (LocalDate start = Buckets.start(day(query.from()), size); !start.isAfter(last);
             start = Buckets.next(start, size)) {
            starts.add(start);
        }
        // The buckets wholly inside the period may be read from their computed figures.
        int firstWhole = start(starts.getFirst()).isBefore(query.from()) ? 1 : 0;
        int endWhole = start(Buckets.next(starts.getLast(), size)).isAfter(query.to()) ? starts.size() - 1 : starts.size();
        return MetricSql.snapshot(pool, connection -> {
            Future<Buckets.Read> stored = firstWhole < endWhole
                    ? Buckets.read(connection, query, size, starts.get(firstWhole), starts.get(endWhole - 1), wanted.keySet())
                    : Future.succeededFuture(new Buckets.Read(Set.of(), List.of()));
            return stored.compose(buckets -> {
                // The other buckets from their days, a period of consecutive buckets at a time.
                List<Future<List<Rollups.Day>>> reads = new ArrayList<>();
                for (int from = 0; from < starts.size(); ) {
                    if (buckets.usable().contains(starts.get(from))) {
                        from++;
                        continue;
                    }
                    int to = from;
                    while (to < starts.size() && !buckets.usable().contains(starts.get(to))) {
                        to++;
                    }
                    Instant periodFrom = latest(query.from(), start(starts.get(from)));
                    Instant periodTo = earliest(query.to(), start(Buckets.next(starts.get(to - 1), size)));
                    reads.add(Days.read(connection, query.during(periodFrom, periodTo), wanted));
                    from = to;
                }
                return Future.all(reads).map(read -> MetricArithmetic.trend(query, size, starts, buckets,
                        reads.stream().map(Future::result).toList()));
            });
        });
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
