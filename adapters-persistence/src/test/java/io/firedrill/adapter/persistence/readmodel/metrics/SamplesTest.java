package io.firedrill.adapter.persistence.readmodel.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.firedrill.application.port.in.metrics.MetricFigures.Figures;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SamplesTest {

    @Test
    void givenHandPickedValues_whenSummarised_thenTheFiguresArePercentileContsAndTheMean() {
        Samples samples = samplesOf(600, 3_480, 1_500, 2_220, 1_950);

        Figures figures = samples.figures();

        // sorted: 600, 1500, 1950, 2220, 3480; p90 rank 3.6 → 2220 + 0.6 × 1260
        assertThat(figures).isEqualTo(new Figures(5, 1_950.0, 1_950.0, 2_976.0));
    }

    @Test
    void givenNoneAmongTheValues_whenSummarised_thenTheyAreLeftOutAsSqlLeavesOutNull() {
        Samples samples = samplesOf(10, Double.NaN, 20);

        assertThat(samples.figures()).isEqualTo(new Figures(2, 15.0, 15.0, 19.0));
        assertThat(samplesOf(Double.NaN).figures()).isEqualTo(Figures.NONE);
    }

    @Test
    void givenRandomValuesWithManyTies_whenTakingPercentiles_thenTheyEqualThoseOfTheSortedValues() {
        Random random = new Random(20261203);
        for (int round = 0; round < 300; round++) {
            int size = 1 + random.nextInt(round < 100 ? 12 : round < 250 ? 5_000 : 3 * Samples.SORTED_UP_TO);
            double[] values = new double[size];
            for (int i = 0; i < size; i++) {
                values[i] = switch (round % 3) {
                    // whole microseconds, as read from PostgreSQL timestamps, from a small range so that values repeat
                    case 0 -> random.nextInt(50) / 1e6 * 3_600;
                    case 1 -> random.nextInt(5_000_000) / 1e6 * 3_600;
                    // negative and positive, from microseconds to years, zero among them
                    default -> (random.nextInt(3) - 1) * random.nextLong(0, 1L << random.nextInt(1, 56)) / 1e6;
                };
            }
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            for (double fraction : new double[] {0.0, 0.5, 0.9, 1.0}) {
                assertThat(Samples.percentile(values.clone(), fraction))
                        .as("p%s of %s values", fraction, size).isEqualTo(sortedPercentile(sorted, fraction));
            }
            Figures figures = samplesOf(values).figures();
            assertThat(figures.medianSeconds()).as("median of %s values", size)
                    .isEqualTo(sortedPercentile(sorted, 0.5));
            assertThat(figures.p90Seconds()).as("p90 of %s values", size).isEqualTo(sortedPercentile(sorted, 0.9));
        }
    }

    @Test
    void givenTheSameValuesInAnotherOrder_whenSummarised_thenTheFiguresAreIdentical() {
        Random random = new Random(7);
        double[] values = new double[10_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextLong(1, 10_000_000_000L) / 1e6;
        }
        double[] reversed = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            reversed[i] = values[values.length - 1 - i];
        }

        assertThat(samplesOf(reversed).figures()).isEqualTo(samplesOf(values).figures());
    }

    private static double sortedPercentile(double[] sorted, double fraction) {
        double rank = fraction * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = (int) Math.ceil(rank);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }

    private static Samples samplesOf(double... values) {
        Samples samples = new Samples();
        samples.addAll(values);
        return samples;
    }
}
