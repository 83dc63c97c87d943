package io.leakwatch.trend;

import java.util.Arrays;

/**
 * One-sided Mann-Kendall test for an upward monotone trend, with the tie correction of the
 * variance (histogram instance counts are integers and often repeat exactly).
 */
final class MannKendall {

    private MannKendall() {
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
