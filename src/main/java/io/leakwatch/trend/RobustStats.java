package io.leakwatch.trend;

import java.util.Arrays;

/**
 * Robust location and slope estimators over plain arrays. Arrays, not lists, because the detector
 * runs these for every tracked type on every sample and the pairwise slopes are quadratic.
 */
final class RobustStats {

    private RobustStats() {
    }

    /** Below this many points every slope is selected directly; the bracket does not pay. */
    private static final int BRACKET_MIN_POINTS = 16;

    /**
     * Half-width of the bracket around the sample median, in standard errors of the sample
     * median's rank: wide enough that the true median falls outside only rarely (then all slopes
     * are selected after all), narrow enough that few slopes need selecting.
     */
    private static final double BRACKET_Z = 3.5;

    /**
     * Theil-Sen slope: the median of the slopes of all pairs with distinct x in {@code [from, to)}.
     * Returns 0 when fewer than two distinct x exist. {@code scratch} may hold the slopes that are
     * selected among; when null or too small a new array is used.
     *
     * <p>The window's slopes are quadratic in number and this runs for every tracked series on
     * every sample, so instead of selecting among all of them it brackets the median first: the
     * median of a systematic sample of the slopes, widened by {@link #BRACKET_Z}, bounds it; one
     * pass then counts the slopes below the bracket and keeps those inside it, and the median is
     * selected among those few. The result is the same order statistics of the same slopes, so
     * the same double; when the bracket misses the median every slope is selected as before.
     */
    static double theilSenSlope(double[] x, double[] y, int from, int to, double[] scratch) {
        int n = to - from;
        if (n < 2) {
            return 0;
        }
        if (n >= BRACKET_MIN_POINTS) {
            double slope = bracketedTheilSen(x, y, from, to, scratch);
            if (!Double.isNaN(slope)) {
                return slope;
            }
        }
        return allPairsTheilSen(x, y, from, to, scratch);
    }

    /** A scratch length that {@link #theilSenSlope} over up to {@code points} points uses without allocating, as a rule. */
    static int scratchLength(int points) {
        if (points < BRACKET_MIN_POINTS) {
            return Math.max(0, points * (points - 1) / 2);
        }
        int pairs = points * (points - 1) / 2;
        int stride = stride(pairs);
        return Math.max(pairs / stride + 1, bandRoom(pairs / stride + 1, stride));
    }

    /** Every stride-th pair in row-major order makes the sample: about pairs^(2/3) slopes, spread over all lags. */
    private static int stride(int pairs) {
        return Math.max(2, (int) Math.cbrt(pairs));
    }

    private static int halfWidth(int sampled) {
        return (int) Math.ceil(BRACKET_Z * Math.sqrt(sampled) / 2) + 1;
    }

    /** Twice the slopes expected inside the bracket; more are rare and grow the array. */
    private static int bandRoom(int sampled, int stride) {
        return 2 * (2 * halfWidth(sampled) + 1) * stride;
    }

    private static double allPairsTheilSen(double[] x, double[] y, int from, int to, double[] scratch) {
        int n = to - from;
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

    /**
     * The median of the pairwise slopes found through a bracket, or NaN when the bracket missed it
     * (or a slope was NaN): the caller then selects among all slopes.
     */
    private static double bracketedTheilSen(double[] x, double[] y, int from, int to, double[] scratch) {
        int n = to - from;
        int pairs = n * (n - 1) / 2;
        int stride = stride(pairs);
        // The sample first, then the slopes inside the bracket, share one array.
        int room = Math.max(pairs / stride + 1, bandRoom(pairs / stride + 1, stride));
        double[] sample = scratch != null && scratch.length >= room ? scratch : new double[room];
        int count = 0;
        int phase = 0;
        for (int i = from; i < to - 1; i++) {
            for (int j = i + 1 + (stride - phase) % stride; j < to; j += stride) {
                double dx = x[j] - x[i];
                if (dx != 0) {
                    double slope = (y[j] - y[i]) / dx;
                    if (Double.isNaN(slope)) {
                        return Double.NaN;
                    }
                    sample[count++] = slope;
                }
            }
            phase = (phase + to - i - 1) % stride;
        }
        if (count == 0) {
            return Double.NaN;
        }
        int mid = count / 2;
        int halfWidth = halfWidth(count);
        int loRank = Math.max(0, mid - halfWidth);
        double lo = select(sample, 0, count - 1, loRank);
        // Everything from loRank on is at least lo now, so the upper end is selected among those.
        double hi = select(sample, loRank, count - 1, Math.min(count - 1, mid + halfWidth));

        // A flat series (lo == hi) needs no slopes kept: every one inside the bracket equals lo.
        boolean keep = lo != hi;
        double[] band = sample;
        // Most slopes lie clearly outside the bracket, which a product shows without a division;
        // those near its ends are divided and compared exactly. Sentinels turn the shortcut off.
        boolean tame = tame(x, y, from, to);
        double loShrunk = tame ? shrink(lo, -1) : Double.NEGATIVE_INFINITY;
        double hiGrown = tame ? shrink(hi, 1) : Double.POSITIVE_INFINITY;
        int below = 0;
        int inside = 0;
        int above = 0;
        for (int i = from; i < to; i++) {
            double xi = x[i];
            double yi = y[i];
            for (int j = i + 1; j < to; j++) {
                double dx = x[j] - xi;
                if (dx != 0) {
                    double dy = y[j] - yi;
                    if (dy < loShrunk * dx) {
                        below++;
                    } else if (dy > hiGrown * dx) {
                        above++;
                    } else {
                        double slope = dy / dx;
                        if (slope < lo) {
                            below++;
                        } else if (slope <= hi) {
                            if (keep) {
                                if (inside == band.length) {
                                    band = Arrays.copyOf(band, 2 * inside);
                                }
                                band[inside] = slope;
                            }
                            inside++;
                        } else if (slope > hi) {
                            above++;
                        } else {
                            return Double.NaN;
                        }
                    }
                }
            }
        }
        int total = below + inside + above;
        int upperRank = total / 2;
        int lowerRank = total % 2 == 1 ? upperRank : upperRank - 1;
        if (lowerRank < below || upperRank >= below + inside) {
            return Double.NaN;
        }
        if (!keep) {
            return lowerRank == upperRank ? lo : (lo + lo) / 2;
        }
        int k = upperRank - below;
        double upper = select(band, inside, k);
        if (lowerRank == upperRank) {
            return upper;
        }
        double lower = band[0];
        for (int i = 1; i < k; i++) {
            lower = Math.max(lower, band[i]);
        }
        return (lower + upper) / 2;
    }

    /** Relative margin of the shortcut: many roundings wide, far narrower than any bracket. */
    private static final double MARGIN = 0x1p-48;

    /**
     * {@code bound} moved outward (direction -1: down, 1: up) by {@link #MARGIN} of itself; 0 stays.
     * For a tame series (see {@link #tame}), {@code dy < shrink(lo, -1) * dx} with {@code dx > 0}
     * proves {@code dy / dx < lo} as computed in doubles, whatever the roundings: the slopes are
     * normal numbers (never subnormal, so relative rounding errors of at most 2^-53 hold), and the
     * margin exceeds the three roundings involved; likewise {@code dy > shrink(hi, 1) * dx} proves
     * {@code dy / dx > hi}. With a bound of 0 the product is 0 and the sign of dy decides, which
     * is exact because a tame slope is 0 only when dy is.
     */
    private static double shrink(double bound, int direction) {
        return bound * (1 + direction * Math.signum(bound) * MARGIN);
    }

    /**
     * True when x is finite, non-decreasing, with positive steps in [2^-100, 2^100], and y finite,
     * at most 2^300 in size, with no non-zero value below 2^-200: then every non-zero difference
     * of y is at least 2^-252 (a multiple of the smaller value's ulp) and every slope of a pair
     * with distinct x is 0 or a normal number between 2^-352 and 2^401, as are its products with
     * the bracket's ends. Times in hours and byte or instance counts always are.
     */
    private static boolean tame(double[] x, double[] y, int from, int to) {
        if (!(x[to - 1] - x[from] <= 0x1p100)) {
            return false;
        }
        for (int i = from; i < to; i++) {
            double v = Math.abs(y[i]);
            if (!(v <= 0x1p300) || v != 0 && v < 0x1p-200) {
                return false;
            }
            if (i > from) {
                double dx = x[i] - x[i - 1];
                if (!(dx >= 0) || dx != 0 && dx < 0x1p-100) {
                    return false;
                }
            }
        }
        return Double.isFinite(x[from]);
    }

    /** Median intercept of the line with the given slope through the points in {@code [from, to)}. */
    static double intercept(double[] x, double[] y, int from, int to, double slope) {
        double[] residual = new double[to - from];
        for (int i = from; i < to; i++) {
            residual[i - from] = y[i] - slope * x[i];
        }
        return median(residual, residual.length);
    }

    /** Robust scale (MAD times 1.4826, consistent with the standard deviation for normal noise). */
    static double residualScale(double[] x, double[] y, int from, int to, double slope, double intercept) {
        double[] dev = new double[to - from];
        for (int i = from; i < to; i++) {
            dev[i - from] = Math.abs(y[i] - slope * x[i] - intercept);
        }
        return 1.4826 * median(dev, dev.length);
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
        return select(a, 0, n - 1, k);
    }

    /** Quickselect within {@code [lo, hi]}: as {@link #select(double[], int, int)} for that range. */
    private static double select(double[] a, int lo, int hi, int k) {
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
}
