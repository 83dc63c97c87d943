package io.leakwatch.trend;

/**
 * Compares two explanations of a window: one straight line (least squares) against one level
 * shift (two flat segments split at the best point). A one-time step followed by a flat series,
 * such as a pool allocated at start-up or a cache that was loaded once, fits the shift far better;
 * a steady growth fits the line better, because a shift leaves a ramp inside each segment.
 */
final class StepFit {

    private StepFit() {
    }

    /** True when the best single shift leaves less than {@code ratio} times the line's squared error. */
    static boolean stepExplainsBetter(double[] x, double[] y, double ratio) {
        int n = x.length;
        if (n < 4) {
            return false;
        }
        double lineError = lineSquaredError(x, y);
        if (lineError <= 0) {
            return false;
        }
        double[] prefix = new double[n + 1];
        double[] prefixSq = new double[n + 1];
        double shift = y[0];
        for (int i = 0; i < n; i++) {
            double v = y[i] - shift;
            prefix[i + 1] = prefix[i] + v;
            prefixSq[i + 1] = prefixSq[i] + v * v;
        }
        double best = Double.POSITIVE_INFINITY;
        for (int k = 2; k <= n - 2; k++) {
            best = Math.min(best, segmentError(prefix, prefixSq, 0, k) + segmentError(prefix, prefixSq, k, n));
        }
        return best < ratio * lineError;
    }

    private static double segmentError(double[] prefix, double[] prefixSq, int from, int to) {
        double count = to - from;
        double sum = prefix[to] - prefix[from];
        return Math.max(0, prefixSq[to] - prefixSq[from] - sum * sum / count);
    }

    private static double lineSquaredError(double[] x, double[] y) {
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 ? syy : Math.max(0, syy - sxy * sxy / sxx);
    }
}
