package org.stm4j.cm.experiment;

import java.util.Arrays;

/**
 * A log-linear histogram of non-negative {@code long} values (nanoseconds, attempt counts), owned by
 * one thread while it records and merged afterwards.
 *
 * <p>Buckets: values {@code 0..15} each have their own bucket (exact); above that every power of two
 * {@code [2^e, 2^(e+1))} is split into {@value #SUB_BUCKETS} equal sub-buckets, so a bucket's width
 * is at most 1/16 of its lower bound. A percentile is reported as the largest value its bucket can
 * hold, capped by the largest value recorded: it is never below the true percentile and at most
 * 6.25% above it. The counts array is allocated once; {@link #record(long)} allocates nothing and
 * takes no lock, so it can sit in a measured loop.
 */
final class Histogram {
    private static final int SUB_BITS = 4;
    static final int SUB_BUCKETS = 1 << SUB_BITS;
    /** 0..15 exact, then 16 sub-buckets for each exponent 4..62. */
    private static final int BUCKETS = SUB_BUCKETS + (63 - SUB_BITS) * SUB_BUCKETS;

    private final long[] counts = new long[BUCKETS];
    private long count;
    private long sum;
    private long max;

    /**
     * Adds one value.
     *
     * @throws IllegalArgumentException if {@code value} is negative
     */
    void record(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("histogram values must not be negative, was " + value);
        }
        counts[indexOf(value)]++;
        count++;
        sum += value;
        if (value > max) {
            max = value;
        }
    }

    static int indexOf(long value) {
        if (value < SUB_BUCKETS) {
            return (int) value;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(value);
        int sub = (int) (value >>> (exponent - SUB_BITS)) & (SUB_BUCKETS - 1);
        return (exponent - SUB_BITS + 1) * SUB_BUCKETS + sub;
    }

    /** The largest value that falls into bucket {@code index}. */
    static long highestIn(int index) {
        if (index < SUB_BUCKETS) {
            return index;
        }
        int exponent = index / SUB_BUCKETS + SUB_BITS - 1;
        long sub = index % SUB_BUCKETS;
        long width = 1L << (exponent - SUB_BITS);
        long lowest = (1L << exponent) + sub * width;
        return lowest + width - 1;
    }

    /** Adds every value of {@code other} to this histogram. */
    void add(Histogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        count += other.count;
        sum += other.sum;
        max = Math.max(max, other.max);
    }

    /** Forgets every value (used when warm-up ends). */
    void reset() {
        Arrays.fill(counts, 0);
        count = 0;
        sum = 0;
        max = 0;
    }

    long count() {
        return count;
    }

    long max() {
        return max;
    }

    /** The mean of the recorded values (exact), or 0 when empty. */
    double mean() {
        return count == 0 ? 0 : (double) sum / count;
    }

    /**
     * The value below or at which a fraction {@code q} of the recorded values lie (0 when empty).
     *
     * @throws IllegalArgumentException if {@code q} is not in [0, 1]
     */
    long percentile(double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("percentile must be in [0, 1], was " + q);
        }
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * count));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(highestIn(i), max);
            }
        }
        return max;
    }
}
