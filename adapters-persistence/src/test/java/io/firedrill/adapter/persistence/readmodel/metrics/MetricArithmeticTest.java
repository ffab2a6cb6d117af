package io.firedrill.adapter.persistence.readmodel.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.firedrill.application.port.in.metrics.MetricFigures.BucketSize;
import io.firedrill.application.port.in.metrics.MetricFigures.Figures;
import io.firedrill.application.port.in.metrics.MetricFigures.Summary;
import io.firedrill.application.port.in.metrics.MetricFigures.TargetFigures;
import io.firedrill.application.port.in.metrics.MetricFigures.TrendRow;
import io.firedrill.application.port.out.IncidentMetrics.Query;
import io.firedrill.domain.incident.ResponseTargets;
import io.firedrill.domain.metrics.DurationMetric;
import io.firedrill.domain.metrics.Milestone;
import io.firedrill.domain.shared.Severity;
import io.firedrill.domain.shared.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The figures computed from rolled-up days, without a database. */
class MetricArithmeticTest {

    private static final LocalDate DAY = LocalDate.parse("2026-01-10");
    /** 10:00 on {@link #DAY}, as an offset into the day. */
    private static final double TEN = 10 * 3_600;
    private static final Instant DETECTED = Instant.parse("2026-01-10T10:00:00Z");
    private static final double NONE = Double.NaN;

    /** A DETECTED day of every severity: per incident its severity, offset, recurrence gap, ack and resolve after. */
    private static Rollups.Day detected(String severities, double[] offsets, double[] gaps, double[] acknowledged,
                                        double[] resolved) {
        return new Rollups.Day(Milestone.DETECTED, DAY, false, null, severities.length(), severities,
                new double[][] {offsets, gaps, acknowledged, resolved});
    }

    private static Rollups.Day reached(Milestone milestone, LocalDate day, boolean drill, double... durations) {
        return new Rollups.Day(milestone, day, drill, null, durations.length, null, new double[][] {durations});
    }

    private static Query askedAt(Instant now) {
        Map<DurationMetric, DurationMetric.Definition> definitions = new EnumMap<>(DurationMetric.class);
        for (DurationMetric metric : DurationMetric.values()) {
            definitions.put(metric, metric.defaultDefinition());
        }
        return new Query(TenantId.DEFAULT, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z"),
                null, null, definitions, Duration.ofDays(90), ResponseTargets.DEFAULTS, now, 10);
    }

    private static TargetFigures targets(Instant now, String severities, double[] acknowledged, double[] resolved) {
        double[] offsets = new double[severities.length()];
        double[] gaps = new double[severities.length()];
        Arrays.fill(offsets, TEN);
        Arrays.fill(gaps, NONE);
        return MetricArithmetic.summary(askedAt(now), List.of(detected(severities, offsets, gaps, acknowledged, resolved)),
                List.of()).targets();
    }

    @Test
    void givenP1IncidentsAcknowledgedAtAndJustAfterTheTarget_whenSummarised_thenMetAndMissed() {
        // P1: 15 minutes to acknowledge; exactly the target meets it, a microsecond more misses it
        TargetFigures figures = targets(DETECTED.plus(Duration.ofDays(1)), "11",
                new double[] {900, 900.000001}, new double[] {NONE, NONE});

        assertThat(figures.acknowledgeMet()).isEqualTo(1);
        assertThat(figures.acknowledgeMissed()).isEqualTo(1);
        assertThat(figures.acknowledgePending()).isZero();
    }

    @Test
    void givenAnUnresolvedP1_whenAskedAtAndJustAfterItsResolveTarget_thenPendingThenMissed() {
        Instant deadline = DETECTED.plus(Duration.ofHours(4));

        TargetFigures atTheDeadline = targets(deadline, "1", new double[] {60}, new double[] {NONE});
        TargetFigures justAfter = targets(deadline.plusNanos(1), "1", new double[] {60}, new double[] {NONE});

        assertThat(atTheDeadline).isEqualTo(new TargetFigures(1, 0, 0, 0, 0, 1));
        assertThat(justAfter).isEqualTo(new TargetFigures(1, 0, 0, 0, 1, 0));
    }

    @Test
    void givenIncidentsOfEverySeverity_whenSummarised_thenEachIsJudgedByItsSeveritysTargets() {
        // acknowledged after 20 minutes, resolved after 5 hours: P0 (5 min / 1 h) and P1 (15 min / 4 h) missed
        // both; P2 (30 min / 24 h) and P3 (4 h / 7 days) met both
        TargetFigures figures = targets(DETECTED.plus(Duration.ofDays(30)), "0123",
                new double[] {1_200, 1_200, 1_200, 1_200}, new double[] {18_000, 18_000, 18_000, 18_000});

        assertThat(figures).isEqualTo(new TargetFigures(2, 2, 0, 2, 2, 0));
    }

    @Test
    void givenTheTargetRule_whenSummarisingAroundTheDeadlines_thenTheCountsAreTheDomainsStatuses() {
        Duration[] reached = {Duration.ofMinutes(14), Duration.ofMinutes(15), Duration.ofMinutes(15).plusNanos(1_000),
                Duration.ofHours(4), Duration.ofHours(4).plusNanos(1_000), null};
        Instant[] asked = {DETECTED.plus(Duration.ofMinutes(15)), DETECTED.plus(Duration.ofMinutes(15)).plusNanos(1),
                DETECTED.plus(Duration.ofHours(4)), DETECTED.plus(Duration.ofHours(4)).plusNanos(1)};
        ResponseTargets.Target p1 = ResponseTargets.DEFAULTS.target(Severity.P1);
        for (Duration acknowledge : reached) {
            for (Duration resolve : reached) {
                for (Instant now : asked) {
                    Duration elapsed = Duration.between(DETECTED, now);
                    long[] expected = new long[6];
                    expected[ResponseTargets.status(p1.acknowledge(), acknowledge, null, elapsed).ordinal()]++;
                    expected[3 + ResponseTargets.status(p1.resolve(), resolve, null, elapsed).ordinal()]++;

                    TargetFigures figures = targets(now, "1", new double[] {seconds(acknowledge)},
                            new double[] {seconds(resolve)});

                    assertThat(figures).as("acknowledged %s, resolved %s, asked %s", acknowledge, resolve, now)
                            .isEqualTo(new TargetFigures(expected[0], expected[1], expected[2], expected[3],
                                    expected[4], expected[5]));
                }
            }
        }
    }

    @Test
    void givenDetectedDaysWithGaps_whenSummarised_thenRecurringWithinTheWindowCount() {
        double ninetyDays = 90 * 86_400.0;
        Rollups.Day day = detected("222", new double[] {TEN, TEN, TEN}, new double[] {ninetyDays, ninetyDays + 1, NONE},
                new double[] {60, 60, 60}, new double[] {60, 60, 60});

        Summary summary = MetricArithmetic.summary(askedAt(DETECTED.plus(Duration.ofDays(1))), List.of(day), List.of());

        assertThat(summary.recurrences().incidents()).isEqualTo(3);
        assertThat(summary.recurrences().recurring()).isEqualTo(1);
    }

    @Test
    void givenProductionAndDrillDays_whenSummarised_thenTheirDurationsAreApart() {
        List<Rollups.Day> days = List.of(
                reached(Milestone.ACKNOWLEDGED, DAY, false, 600, 1_200),
                reached(Milestone.ACKNOWLEDGED, DAY.plusDays(1), false, 1_800),
                reached(Milestone.ACKNOWLEDGED, DAY, true, 300));

        Summary summary = MetricArithmetic.summary(askedAt(DETECTED), days, List.of());

        assertThat(summary.production().get(DurationMetric.TIME_TO_ACKNOWLEDGE))
                .isEqualTo(new Figures(3, 1_200.0, 1_200.0, 1_680.0));
        assertThat(summary.drills().get(DurationMetric.TIME_TO_ACKNOWLEDGE)).isEqualTo(new Figures(1, 300.0, 300.0, 300.0));
        assertThat(summary.production().get(DurationMetric.TIME_TO_RESOLVE)).isEqualTo(Figures.NONE);
    }

    @Test
    void givenDaysAcrossAMonthBoundary_whenTrendedByWeek_thenEachDayInItsWeekAndDrillsLeftOut() {
        LocalDate monday = LocalDate.parse("2025-12-29");
        List<LocalDate> starts = List.of(monday, monday.plusWeeks(1));
        List<Rollups.Day> days = List.of(
                reached(Milestone.ACKNOWLEDGED, LocalDate.parse("2026-01-01"), false, 4_200),
                reached(Milestone.ACKNOWLEDGED, LocalDate.parse("2026-01-05"), false, 600, 1_800),
                reached(Milestone.ACKNOWLEDGED, LocalDate.parse("2026-01-04"), true, 300),
                new Rollups.Day(Milestone.DETECTED, LocalDate.parse("2026-01-10"), false, null, 2, "12",
                        new double[][] {null, null, null, null}));

        List<TrendRow> rows = MetricArithmetic.trend(askedAt(DETECTED), BucketSize.WEEK, starts,
                new Buckets.Read(Set.of(), List.of()), List.of(days));

        assertThat(rows).extracting(TrendRow::start).containsExactly(monday, monday.plusWeeks(1));
        assertThat(rows).extracting(TrendRow::end).containsExactly(monday.plusWeeks(1), monday.plusWeeks(2));
        assertThat(rows).extracting(TrendRow::incidents).containsExactly(0L, 2L);
        assertThat(rows.get(0).figures().get(DurationMetric.TIME_TO_ACKNOWLEDGE))
                .isEqualTo(new Figures(1, 4_200.0, 4_200.0, 4_200.0));
        assertThat(rows.get(1).figures().get(DurationMetric.TIME_TO_ACKNOWLEDGE).count()).isEqualTo(2);
    }

    private static double seconds(Duration duration) {
        return duration == null ? NONE : duration.toNanos() / 1e9;
    }
}
