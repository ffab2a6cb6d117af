package io.firedrill.adapter.persistence.readmodel.metrics;

import io.firedrill.application.port.in.metrics.MetricFigures.Figures;
import java.util.Arrays;
import java.util.function.IntToDoubleFunction;

/**
 * The durations of one figure, in seconds: count, arithmetic mean, and median and p90 as PostgreSQL's
 * {@code percentile_cont} defines them (the value at rank {@code p × (n − 1)} of the sorted values, linear
 * interpolation between the two nearest ranks).
 *
 * <p>The values come from PostgreSQL timestamps, whole microseconds: the mean adds them as whole microseconds,
 * exactly and in any order, so a figure does not depend on the order its days were read in.
 *
 * <p>Percentiles are found without sorting every value (a two-year figure has a hundred thousand): each value is
 * mapped to a 64-bit key that orders as the value does, one pass counts the keys per bucket of their top 16 bits
 * (sign, exponent and four bits of the mantissa, so a bucket spans a sixteenth of a power of two), a second pass
 * gathers the keys of the few buckets that hold a wanted rank, and only those are sorted. Up to
 * {@value #SORTED_UP_TO} values a sorted copy is cheaper, and used.
 */
final class Samples {

    private static final int BUCKET_BITS = 16;
    private static final int BUCKETS = 1 << BUCKET_BITS;
    /** Up to this many values, sorting a copy is cheaper than clearing and scanning the bucket counts. */
    static final int SORTED_UP_TO = 8_192;

    private double[] values = new double[64];
    private int size;

    /** Adds {@code more} values at once (a day's); NaN (none) is left out, as SQL aggregates leave out NULL. */
    void addAll(double[] more) {
        reserve(more.length);
        int n = size;
        for (double value : more) {
            if (!Double.isNaN(value)) {
                // + 0.0 turns −0.0 into 0.0, so that equal values have equal keys
                values[n++] = value + 0.0;
            }
        }
        size = n;
    }

    /** Makes room for {@code more} values at once, instead of growing step by step. */
    void reserve(int more) {
        if (size + more > values.length) {
            values = Arrays.copyOf(values, Math.max(size + more, values.length * 2));
        }
    }

    Figures figures() {
        if (size == 0) {
            return Figures.NONE;
        }
        long micros = 0;
        for (int i = 0; i < size; i++) {
            micros += Math.round(values[i] * 1e6);
        }
        if (size <= SORTED_UP_TO) {
            double[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            return new Figures(size, micros / 1e6 / size, percentile(size, 0.5, rank -> sorted[rank]),
                    percentile(size, 0.9, rank -> sorted[rank]));
        }
        Ranks ranks = new Ranks(values, size);
        return new Figures(size, micros / 1e6 / size, percentile(size, 0.5, ranks::at), percentile(size, 0.9, ranks::at));
    }

    /** {@code percentile_cont(fraction)} of {@code values}, none NaN, by counting buckets (whatever their number). */
    static double percentile(double[] values, double fraction) {
        return percentile(values.length, fraction, new Ranks(values, values.length)::at);
    }

    /**
     * {@code percentile_cont(fraction)} of {@code size} values given by rank ({@code at}, from 0, ascending):
     * the value at rank {@code fraction × (size − 1)}, interpolated linearly between the two nearest ranks.
     */
    private static double percentile(int size, double fraction, IntToDoubleFunction at) {
        double rank = fraction * (size - 1);
        int below = (int) Math.floor(rank);
        double low = at.applyAsDouble(below);
        return rank == below ? low : low + (rank - below) * (at.applyAsDouble(below + 1) - low);
    }

    /** Values by rank, answered from one counting pass and the sorted contents of the buckets asked about. */
    private static final class Ranks {

        private final double[] values;
        private final int size;
        /** The number of values in the buckets before each bucket. */
        private final int[] before = new int[BUCKETS + 1];
        private int sortedBucket = -1;
        private long[] sorted;

        Ranks(double[] values, int size) {
            this.values = values;
            this.size = size;
            for (int i = 0; i < size; i++) {
                before[bucket(key(values[i])) + 1]++;
            }
            for (int b = 0; b < BUCKETS; b++) {
                before[b + 1] += before[b];
            }
        }

        /** The value of rank {@code rank} (from 0) in ascending order. */
        double at(int rank) {
            int low = 0;
            int high = BUCKETS - 1;
            // the bucket b with before[b] <= rank < before[b + 1]
            while (low < high) {
                int middle = (low + high + 1) >>> 1;
                if (before[middle] <= rank) {
                    low = middle;
                } else {
                    high = middle - 1;
                }
            }
            if (low != sortedBucket) {
                sorted = new long[before[low + 1] - before[low]];
                int n = 0;
                for (int i = 0; i < size; i++) {
                    long key = key(values[i]);
                    if (bucket(key) == low) {
                        sorted[n++] = key;
                    }
                }
                Arrays.sort(sorted);
                sortedBucket = low;
            }
            return value(sorted[rank - before[low]]);
        }

        /** A key whose signed order is the value's order: negative values have their bits but the sign flipped. */
        private static long key(double value) {
            long bits = Double.doubleToRawLongBits(value);
            return bits ^ ((bits >> 63) & Long.MAX_VALUE);
        }

        private static double value(long key) {
            return Double.longBitsToDouble(key ^ ((key >> 63) & Long.MAX_VALUE));
        }

        /** The key's top bits, with the sign bit flipped so that buckets ascend as keys do. */
        private static int bucket(long key) {
            return (int) (key >>> (64 - BUCKET_BITS)) ^ (1 << (BUCKET_BITS - 1));
        }
    }
}
