package io.leakwatch.trend;

/**
 * Compares a straight line (least squares) against shapes that are not leaks but that a trend
 * test alone would take for one:
 * <ul>
 *   <li>a level shift: two flat segments split at the best point, as a pool allocated once or a
 *       cache loaded in one go;</li>
 *   <li>a rise that stopped: a line up to the best knot, flat after it, as a cache that filled to
 *       its bound inside the window.</li>
 * </ul>
 * A steady growth fits the line better than either, because the shapes leave a ramp unexplained;
 * and where a shift fits about as well as the line, a growth still rises within the segments on
 * either side of it, which {@link #within} measures. Each scan is linear per split point, quadratic in all; windows hold at most a few hundred points.
 */
final class ShapeFit {

    private static final int MIN_SEGMENT = 2;

    private ShapeFit() {
    }

    /** Squared error of the least-squares line through all points. */
    static double lineError(double[] x, double[] y) {
        return regressionError(x, y, x.length);
    }

    /** The best level shift: its squared error and the index of the first point after it. */
    record Step(double error, int split) {
    }

    /** The two flat segments, over all split points, with the smallest squared error. */
    static Step bestStep(double[] y) {
        int n = y.length;
        double[] prefix = new double[n + 1];
        double[] prefixSq = new double[n + 1];
        double shift = y[0];
        for (int i = 0; i < n; i++) {
            double v = y[i] - shift;
            prefix[i + 1] = prefix[i] + v;
            prefixSq[i + 1] = prefixSq[i] + v * v;
        }
        double best = Double.POSITIVE_INFINITY;
        int split = n;
        for (int k = MIN_SEGMENT; k <= n - MIN_SEGMENT; k++) {
            double error = flatError(prefix, prefixSq, 0, k) + flatError(prefix, prefixSq, k, n);
            if (error < best) {
                best = error;
                split = k;
            }
        }
        return new Step(best, split);
    }

    /**
     * Smallest squared error of "rise, then flat" over all knots: the regression of y on
     * {@code min(x, knot)}, kept only when the fitted rise is upward.
     */
    static double riseThenFlatError(double[] x, double[] y) {
        int n = x.length;
        double sy = 0;
        double syy = 0;
        for (double value : y) {
            double v = value - y[0];
            sy += v;
            syy += v * v;
        }
        double best = Double.POSITIVE_INFINITY;
        for (int k = MIN_SEGMENT; k <= n - 1 - MIN_SEGMENT; k++) {
            double knot = x[k];
            double sz = 0;
            double szz = 0;
            double szy = 0;
            for (int i = 0; i < n; i++) {
                double z = Math.min(x[i], knot);
                sz += z;
                szz += z * z;
                szy += z * (y[i] - y[0]);
            }
            double czz = szz - sz * sz / n;
            double czy = szy - sz * sy / n;
            double cyy = syy - sy * sy / n;
            if (czz > 0 && czy > 0) {
                best = Math.min(best, Math.max(0, cyy - czy * czy / czz));
            }
        }
        return best;
    }

    /**
     * The slope shared by the two segments split at {@code split}, each with its own level
     * (least squares with one intercept per segment): growth within the segments, not between.
     *
     * @param slope          the shared slope
     * @param standardError  its standard error from the residual variance
     */
    record Within(double slope, double standardError) {
    }

    static Within within(double[] x, double[] y, int split) {
        return within(x, y, new int[] {split});
    }

    /** As {@link #within(double[], double[], int)} for any number of segments, split before each index. */
    static Within within(double[] x, double[] y, int[] splits) {
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int s = 0; s <= splits.length; s++) {
            double[] m = moments(x, y, s == 0 ? 0 : splits[s - 1], s == splits.length ? x.length : splits[s]);
            sxx += m[0];
            sxy += m[1];
            syy += m[2];
        }
        int dof = x.length - splits.length - 2;
        if (sxx == 0 || dof <= 0) {
            return new Within(0, Double.POSITIVE_INFINITY);
        }
        double variance = Math.max(0, syy - sxy * sxy / sxx) / dof;
        return new Within(sxy / sxx, Math.sqrt(variance / sxx));
    }

    /** The best split into flat segments: its squared error and the first index of every segment but the first. */
    record Levels(double error, int[] splits) {
    }

    /**
     * The least-squares fit by {@code count} flat segments of at least two points each (dynamic
     * programming over the split points, quadratic in the window's length per segment); fewer
     * segments when the window is too short for that many.
     */
    static Levels bestLevels(double[] y, int count) {
        int n = y.length;
        int k = Math.max(1, Math.min(count, n / MIN_SEGMENT));
        double[] prefix = new double[n + 1];
        double[] prefixSq = new double[n + 1];
        for (int i = 0; i < n; i++) {
            double v = y[i] - y[0];
            prefix[i + 1] = prefix[i] + v;
            prefixSq[i + 1] = prefixSq[i] + v * v;
        }
        // error[s][j]: best error of y[0, j) in s + 1 segments; from[s][j]: where its last segment starts
        double[][] error = new double[k][n + 1];
        int[][] from = new int[k][n + 1];
        for (int j = 0; j <= n; j++) {
            error[0][j] = j < MIN_SEGMENT ? Double.POSITIVE_INFINITY : flatError(prefix, prefixSq, 0, j);
        }
        for (int s = 1; s < k; s++) {
            for (int j = 0; j <= n; j++) {
                error[s][j] = Double.POSITIVE_INFINITY;
                for (int i = MIN_SEGMENT * s; i <= j - MIN_SEGMENT; i++) {
                    double e = error[s - 1][i] + flatError(prefix, prefixSq, i, j);
                    if (e < error[s][j]) {
                        error[s][j] = e;
                        from[s][j] = i;
                    }
                }
            }
        }
        int[] splits = new int[k - 1];
        for (int s = k - 1, j = n; s > 0; s--) {
            j = from[s][j];
            splits[s - 1] = j;
        }
        return new Levels(error[k - 1][n], splits);
    }

    private static double flatError(double[] prefix, double[] prefixSq, int from, int to) {
        double sum = prefix[to] - prefix[from];
        return Math.max(0, prefixSq[to] - prefixSq[from] - sum * sum / (to - from));
    }

    private static double regressionError(double[] x, double[] y, int n) {
        double[] m = moments(x, y, 0, n);
        return m[0] == 0 ? m[2] : Math.max(0, m[2] - m[1] * m[1] / m[0]);
    }

    /** Centered sums: sxx, sxy, syy. */
    private static double[] moments(double[] x, double[] y, int from, int to) {
        int n = to - from;
        double mx = 0;
        double my = 0;
        for (int i = from; i < to; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = from; i < to; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        return new double[] {sxx, sxy, syy};
    }
}
