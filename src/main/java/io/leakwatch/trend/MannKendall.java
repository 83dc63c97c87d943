package io.leakwatch.trend;

import java.util.Arrays;

/**
 * One-sided Mann-Kendall test for an upward monotone trend, with the tie correction of the
 * variance (histogram instance counts are integers and often repeat exactly).
 */
final class MannKendall {

    private MannKendall() {
    }

    /**
     * Kendall's S statistic: concordant minus discordant pairs in time order. Counted by a merge
     * sort in O(n log n) rather than by visiting every pair: of the n(n-1)/2 pairs, those the sort
     * finds out of order are discordant and those of equal values are ties, so
     * S = pairs - 2 * discordant - ties. A pair with a NaN counts as a tie, as its difference is
     * neither positive nor negative, so NaNs are left out.
     */
    static long statistic(double[] y, int from, int to) {
        double[] values = new double[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(y[i])) {
                values[n++] = y[i];
            }
        }
        long discordant = sortCountingInversions(values, new double[n], n);
        long ties = 0;
        int i = 0;
        while (i < n) {
            int j = i + 1;
            while (j < n && values[j] == values[i]) {
                j++;
            }
            ties += (long) (j - i) * (j - i - 1) / 2;
            i = j;
        }
        return (long) n * (n - 1) / 2 - 2 * discordant - ties;
    }

    /**
     * Sorts the first n values ascending (bottom-up merge sort) and returns how many pairs were in
     * strictly descending order. Equal values are not counted: the left one is merged first.
     */
    private static long sortCountingInversions(double[] a, double[] buffer, int n) {
        long inversions = 0;
        double[] src = a;
        double[] dst = buffer;
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    if (src[i] <= src[j]) {
                        dst[k++] = src[i++];
                    } else {
                        inversions += mid - i;
                        dst[k++] = src[j++];
                    }
                }
                while (i < mid) {
                    dst[k++] = src[i++];
                }
                while (j < hi) {
                    dst[k++] = src[j++];
                }
            }
            double[] t = src;
            src = dst;
            dst = t;
        }
        if (src != a) {
            System.arraycopy(src, 0, a, 0, n);
        }
        return inversions;
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
