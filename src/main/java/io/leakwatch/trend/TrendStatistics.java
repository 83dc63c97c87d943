package io.leakwatch.trend;

/**
 * The two statistics {@link GrowthDetector} spends its time in, behind one seam: the detector runs
 * on the fast forms ({@link #FAST}), and the test tree runs it on the plain all-pairs forms as the
 * oracle that the fast ones change no verdict.
 */
interface TrendStatistics {

    /** Bracketed Theil-Sen ({@link RobustStats}) and merge-sort Mann-Kendall ({@link MannKendall}). */
    TrendStatistics FAST = new TrendStatistics() {
        @Override
        public double theilSenSlope(double[] x, double[] y, int from, int to, double[] scratch) {
            return RobustStats.theilSenSlope(x, y, from, to, scratch);
        }

        @Override
        public double upwardPValue(double[] y, int from, int to) {
            return MannKendall.upwardPValue(y, from, to);
        }
    };

    /** The median of the pairwise slopes over {@code [from, to)}; {@code scratch} may be null. */
    double theilSenSlope(double[] x, double[] y, int from, int to, double[] scratch);

    /** One-sided Mann-Kendall p-value of an upward trend over {@code [from, to)}. */
    double upwardPValue(double[] y, int from, int to);
}
