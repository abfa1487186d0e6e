package org.stm4j.cm.experiment;

import java.util.Arrays;

/**
 * The median of a cell's repeated measurements and a distribution-free confidence interval for it.
 *
 * <p>The interval is the order-statistic (binomial, "sign test") interval for the median: with the
 * {@code n} values sorted, {@code [x(k), x(n+1-k)]} contains the true median with probability
 * {@code 1 - 2 P(Bin(n, 1/2) <= k-1)}, whatever the distribution, as long as the rounds are
 * independent and identically distributed. The widest {@code k} whose coverage is at least 95 % is
 * used; below 6 values no interval reaches 95 %, so the range {@code [min, max]} is reported with its
 * actual coverage (75 % for 3 values, 87.5 % for 4, 93.75 % for 5). Nothing is random, so the same
 * measurements always give the same interval. A single value has no interval (coverage 0).
 */
final class Stats {
    /** The coverage the interval aims at. */
    static final double TARGET = 0.95;

    private Stats() {
    }

    /** A median with its interval; {@code coverage} is the interval's exact confidence level. */
    record Estimate(double median, double low, double high, double coverage) {
    }

    /**
     * The median of {@code values} and its interval.
     *
     * @throws IllegalArgumentException if {@code values} is empty
     */
    static Estimate estimate(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] x = values.clone();
        Arrays.sort(x);
        int n = x.length;
        double median = n % 2 == 1 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2;
        int k = rank(n);
        return new Estimate(median, x[k - 1], x[n - k], coverage(n, k));
    }

    /** The 1-based rank {@code k} of the interval's lower end for {@code n} values. */
    static int rank(int n) {
        int best = 1;
        for (int k = 1; k <= (n + 1) / 2; k++) {
            if (coverage(n, k) >= TARGET) {
                best = k;
            }
        }
        return best;
    }

    /** The confidence level of {@code [x(k), x(n+1-k)]}: {@code 1 - 2 P(Bin(n, 1/2) <= k-1)}. */
    static double coverage(int n, int k) {
        if (n < 2) {
            return 0;
        }
        double tail = 0;
        for (int i = 0; i < k; i++) {
            tail += binomial(n, i);
        }
        return Math.max(0, 1 - 2 * tail / Math.pow(2, n));
    }

    private static double binomial(int n, int k) {
        double c = 1;
        for (int i = 1; i <= k; i++) {
            c = c * (n - k + i) / i;
        }
        return c;
    }
}
