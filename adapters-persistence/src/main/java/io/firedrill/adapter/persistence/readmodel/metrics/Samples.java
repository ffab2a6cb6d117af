package io.firedrill.adapter.persistence.readmodel.metrics;

import io.firedrill.application.port.out.IncidentMetrics.Figures;
import java.util.Arrays;

/**
 * The durations of one figure, in seconds: count, arithmetic mean, and median and p90 as PostgreSQL's
 * {@code percentile_cont} defines them (the value at rank {@code p × (n − 1)} of the sorted values, linear
 * interpolation between the two nearest ranks).
 */
final class Samples {

    private double[] values = new double[64];
    private int size;

    void add(double value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    Figures figures() {
        if (size == 0) {
            return Figures.NONE;
        }
        double[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        double sum = 0;
        for (double value : sorted) {
            sum += value;
        }
        return new Figures(size, sum / size, percentile(sorted, 0.5), percentile(sorted, 0.9));
    }

    static double percentile(double[] sorted, double fraction) {
        double rank = fraction * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = (int) Math.ceil(rank);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }
}
