package io.firedrill.adapter.persistence.readmodel.metrics;

import io.firedrill.application.port.out.IncidentMetrics.Figures;
import java.util.Arrays;

/**
 * The durations of one figure, in seconds: count, arithmetic mean, and median and p90 as PostgreSQL's
 * {@code percentile_cont} defines them (the value at rank {@code p × (n − 1)} of the sorted values, linear
 * interpolation between the two nearest ranks).
 *
 * <p>The values come from PostgreSQL timestamps, whole microseconds: the mean adds them as whole microseconds,
 * exactly and in any order, so a figure does not depend on the order its days were read in. The two ranks a
 * percentile needs are selected (on average linear time), not found by sorting every value.
 */
final class Samples {

    private double[] values = new double[64];
    private int size;

    /** Adds a value; NaN (none) is left out, as SQL aggregates leave out NULL. */
    void add(double value) {
        if (Double.isNaN(value)) {
            return;
        }
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    Figures figures() {
        if (size == 0) {
            return Figures.NONE;
        }
        long micros = 0;
        for (int i = 0; i < size; i++) {
            micros += Math.round(values[i] * 1e6);
        }
        double[] work = Arrays.copyOf(values, size);
        return new Figures(size, micros / 1e6 / size, percentile(work, 0.5), percentile(work, 0.9));
    }

    /** {@code percentile_cont(fraction)} of {@code values}, which it reorders. */
    static double percentile(double[] values, double fraction) {
        double rank = fraction * (values.length - 1);
        int below = (int) Math.floor(rank);
        double low = select(values, below);
        if (rank == below) {
            return low;
        }
        // select() left every value from below + 1 on at least as large as low: the next rank is their minimum.
        double high = values[below + 1];
        for (int i = below + 2; i < values.length; i++) {
            high = Math.min(high, values[i]);
        }
        return low + (rank - below) * (high - low);
    }

    /**
     * The {@code k}th smallest value (from 0); afterwards no value before index {@code k} is larger and no value
     * after it is smaller. Hoare partitioning around a median of three, which keeps runs of equal values cheap.
     */
    static double select(double[] values, int k) {
        int left = 0;
        int right = values.length - 1;
        while (left < right) {
            int middle = (left + right) >>> 1;
            double pivot = medianOfThree(values[left], values[middle], values[right]);
            int i = left;
            int j = right;
            while (i <= j) {
                while (values[i] < pivot) {
                    i++;
                }
                while (values[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double swap = values[i];
                    values[i] = values[j];
                    values[j] = swap;
                    i++;
                    j--;
                }
            }
            // now values[left..j] <= pivot <= values[i..right], and any values between j and i equal the pivot
            if (k <= j) {
                right = j;
            } else if (k >= i) {
                left = i;
            } else {
                return values[k];
            }
        }
        return values[k];
    }

    private static double medianOfThree(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
