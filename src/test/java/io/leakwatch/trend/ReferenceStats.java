package io.leakwatch.trend;

import java.util.Arrays;

/**
 * The statistics as they were before the speed-ups of issue 7 (main ef57f02): every pairwise
 * slope sorted by quickselect, Mann-Kendall's S by visiting every pair. Kept verbatim as the test
 * oracle that the fast versions in {@link RobustStats} and {@link MannKendall} must match bit for bit.
 */
final class ReferenceStats {

    /** The old forms for {@link GrowthDetector}, so that a whole detector runs on them. */
    static final TrendStatistics PLAIN = new TrendStatistics() {
        @Override
        public double theilSenSlope(double[] x, double[] y, int from, int to, double[] scratch) {
            return ReferenceStats.theilSenSlope(x, y, from, to, scratch);
        }

        @Override
        public double upwardPValue(double[] y, int from, int to) {
            return ReferenceStats.upwardPValue(y, from, to);
        }
    };

    private ReferenceStats() {
    }

    /**
     * Theil-Sen slope: the median of the slopes of all pairs with distinct x in {@code [from, to)}.
     * Returns 0 when fewer than two distinct x exist. {@code scratch} holds the pairwise slopes;
     * when null or too small a new array is used.
     */
    static double theilSenSlope(double[] x, double[] y, int from, int to, double[] scratch) {
        int n = to - from;
        if (n < 2) {
            return 0;
        }
        int pairs = n * (n - 1) / 2;
        double[] slopes = scratch != null && scratch.length >= pairs ? scratch : new double[pairs];
        int k = 0;
        for (int i = from; i < to; i++) {
            for (int j = i + 1; j < to; j++) {
                double dx = x[j] - x[i];
                if (dx != 0) {
                    slopes[k++] = (y[j] - y[i]) / dx;
                }
            }
        }
        return k == 0 ? 0 : median(slopes, k);
    }

    /** Median of the first {@code n} values; reorders the array. */
    static double median(double[] a, int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("median of nothing");
        }
        double upper = select(a, n, n / 2);
        if (n % 2 == 1) {
            return upper;
        }
        double lower = a[0];
        for (int i = 1; i < n / 2; i++) {
            lower = Math.max(lower, a[i]);
        }
        return (lower + upper) / 2;
    }

    /**
     * Quickselect: after return {@code a[k]} holds the k-th smallest of the first n values, and
     * every value before index k is not larger.
     */
    private static double select(double[] a, int n, int k) {
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            double pivot = medianOfThree(a[lo], a[(lo + hi) >>> 1], a[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    private static double medianOfThree(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    /** Kendall's S statistic: concordant minus discordant pairs in time order. */
    static long statistic(double[] y, int from, int to) {
        long s = 0;
        for (int i = from; i < to; i++) {
            double yi = y[i];
            for (int j = i + 1; j < to; j++) {
                double d = y[j] - yi;
                if (d > 0) {
                    s++;
                } else if (d < 0) {
                    s--;
                }
            }
        }
        return s;
    }

    /** Variance of S under no trend, corrected for groups of tied values. */
    static double variance(double[] y, int from, int to) {
        int n = to - from;
        double[] sorted = Arrays.copyOfRange(y, from, to);
        Arrays.sort(sorted);
        double ties = 0;
        int i = 0;
        while (i < n) {
            int j = i + 1;
            while (j < n && sorted[j] == sorted[i]) {
                j++;
            }
            double t = j - i;
            ties += t * (t - 1) * (2 * t + 5);
            i = j;
        }
        return (n * (n - 1.0) * (2.0 * n + 5) - ties) / 18.0;
    }

    /** P-value of the one-sided test "values rise over time", with continuity correction. */
    static double upwardPValue(double[] y, int from, int to) {
        if (to - from < 3) {
            return 1;
        }
        long s = statistic(y, from, to);
        double var = variance(y, from, to);
        if (s <= 0 || var <= 0) {
            return s > 0 ? 0 : 1;
        }
        double z = (s - 1) / Math.sqrt(var);
        return Normal.upperTail(z);
    }
}
