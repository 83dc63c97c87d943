package io.leakwatch.trend;

import java.util.Arrays;
import java.util.Objects;

/**
 * Decides whether one series (a type's bytes or instances, or the live heap) grows sustainedly
 * over its window. Keeps nothing between calls but a scratch array, so not thread-safe: one per
 * target, used under the target's lock. The tests run in the order of
 * {@link Finding} and the first that fails names the finding. See {@code package-info.java} for
 * why each test exists.
 */
public final class GrowthDetector {

    private static final double MILLIS_PER_HOUR = 3_600_000.0;

    /**
     * The recent half must also be clearly slower, not just significantly: with little noise a
     * straight line's halves differ "significantly" by tiny amounts.
     */
    private static final double DECELERATION_RATIO = 0.75;

    /**
     * A window that a level shift explains about as well as a line is a step unless the segments
     * on either side of the shift rise on their own: at half the window's slope at least, or
     * within {@link #STEP_Z} standard errors of it (noisy slow leaks must not be taken for steps).
     */
    private static final double WITHIN_RATIO = 0.5;
    private static final double STEP_Z = 3;

    /**
     * Level shifts in a window that a load change explains: the live set steps up and down with
     * traffic. Up to this many flat levels are fitted; more would fit any noisy line.
     */
    private static final int LEVELS = 4;

    /**
     * A later level this far below an earlier one, as a share of the levels' range and in standard
     * errors of the two, says the series follows a load down as well as up; a leak's levels only
     * rise. Both bounds are set where the detector's scenarios keep their rates and delays (at 0.2
     * and 3 the noisiest leak, 4 MB/h under 8 MB of noise, was confirmed 15 % later, a leak under a
     * batch sawtooth 20 % later).
     */
    private static final double FALL_RATIO = 0.25;
    private static final double FALL_Z = 5;

    private final DetectorSettings settings;
    private final int levels;
    private final TrendStatistics stats;
    /** The points a window needs before it is judged: the settings', or fewer for attribution. */
    private final int minSamples;

    /** Reused by every statistic of every call, so a sample makes no slope arrays as garbage. */
    private final double[] scratch;

    public GrowthDetector(DetectorSettings settings) {
        this(settings, LEVELS, TrendStatistics.FAST);
    }

    /** With {@code levels} 1 the several-levels test is off; for tests that show what it catches. */
    GrowthDetector(DetectorSettings settings, int levels) {
        this(settings, levels, TrendStatistics.FAST);
    }

    /** On other forms of the statistics: the test oracle's plain ones. */
    GrowthDetector(DetectorSettings settings, TrendStatistics stats) {
        this(settings, LEVELS, stats);
    }

    private GrowthDetector(DetectorSettings settings, int levels, TrendStatistics stats) {
        this(settings, levels, stats, settings.minSamples());
    }

    private GrowthDetector(DetectorSettings settings, int levels, TrendStatistics stats, int minSamples) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.levels = levels;
        this.stats = Objects.requireNonNull(stats, "stats");
        this.minSamples = minSamples;
        this.scratch = new double[RobustStats.scratchLength(settings.maxSamples())];
    }

    /**
     * A detector that judges a window on fewer points than {@code settings} ask for: at least
     * {@code minSamples} (with fewer than 6 no Mann-Kendall p reaches 0.01) over the same
     * {@code minSpan} (the span the sawtooth test needs), with every other test as the settings
     * say. For attributing a growth the heap already showed over a full window to the type that
     * carries it.
     */
    static GrowthDetector withFewerPoints(DetectorSettings settings, int minSamples) {
        if (minSamples < 4) {
            throw new IllegalArgumentException("a window needs at least 4 points: " + minSamples);
        }
        return new GrowthDetector(settings, LEVELS, TrendStatistics.FAST, minSamples);
    }

    /**
     * Assesses the points {@code [0, n)}, oldest first.
     *
     * @param atMillis        sample times, epoch milliseconds, non-decreasing
     * @param values          the series' values at those times
     * @param n               how many points are valid
     * @param warmUpEndMillis points taken before this are ignored
     * @param minPerHour      slowest absolute growth that can count
     */
    public Assessment assess(long[] atMillis, double[] values, int n, long warmUpEndMillis, double minPerHour) {
        if (n < 0 || n > atMillis.length || n > values.length) {
            throw new IllegalArgumentException("n out of range: " + n);
        }
        int from = firstInWindow(atMillis, n, warmUpEndMillis);
        int m = n - from;
        if (m < 2) {
            return Assessment.insufficient(m);
        }
        long t0 = atMillis[from];
        double[] x = new double[m];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            x[i] = (atMillis[from + i] - t0) / MILLIS_PER_HOUR;
            y[i] = values[from + i];
        }
        double spanHours = x[m - 1];
        double slope = stats.theilSenSlope(x, y, 0, m, scratch);
        double level = Math.max(1, RobustStats.median(y.clone(), m));
        double relative = slope * spanHours / level;
        if (m < minSamples || spanHours * MILLIS_PER_HOUR < settings.minSpan().toMillis()) {
            return new Assessment(Finding.INSUFFICIENT_DATA, slope, relative, 1, m);
        }
        double p = stats.upwardPValue(y, 0, m);
        return new Assessment(judge(x, y, slope, p, relative, minPerHour, scratch), slope, relative, p, m);
    }

    /**
     * Only the Theil-Sen slope per hour over the same window {@link #assess} would use, for series
     * that are reported but not judged (a type's instance count); 0 with fewer than two points.
     */
    public double slopePerHour(long[] atMillis, double[] values, int n, long warmUpEndMillis) {
        if (n < 0 || n > atMillis.length || n > values.length) {
            throw new IllegalArgumentException("n out of range: " + n);
        }
        int from = firstInWindow(atMillis, n, warmUpEndMillis);
        double[] x = new double[n - from];
        for (int i = from; i < n; i++) {
            x[i - from] = (atMillis[i] - atMillis[from]) / MILLIS_PER_HOUR;
        }
        return stats.theilSenSlope(x, Arrays.copyOfRange(values, from, n), 0, n - from, scratch);
    }

    private Finding judge(double[] x, double[] y, double slope, double p, double relative, double minPerHour, double[] scratch) {
        int m = x.length;
        if (p > settings.maxPValue()) {
            return Finding.NO_TREND;
        }
        if (slope < minPerHour || slope <= 0 || relative < settings.minRelativeGrowth()) {
            return Finding.BELOW_THRESHOLD;
        }
        if (envelopeSlope(x, y, scratch) < settings.minEnvelopeSlopeRatio() * slope) {
            return Finding.SAWTOOTH;
        }
        int third = m - m / 3;
        if (stats.theilSenSlope(x, y, third, m, scratch) < settings.minRecentSlopeRatio() * slope) {
            return Finding.PLATEAU;
        }
        if (decelerating(x, y, scratch)) {
            return Finding.DECELERATING;
        }
        Finding shape = shape(x, y, slope);
        double[][] compacted = compacted(x, y);
        if (shape == Finding.GROWING && (fallsBetweenLevels(x, y)
                || compacted != null && compacted[0].length > 0 && fallsBetweenLevels(compacted[0], compacted[1]))) {
            return Finding.STEP;
        }
        if (shape == Finding.GROWING && compacted != null && settings.shapeFitRatio() > 0
                && flatSinceLastShift(compacted[0], compacted[1], slope)) {
            return Finding.STEP;
        }
        return shape;
    }

    /** The shape tests: a level shift, several, or a rise that stopped, against a line. */
    private Finding shape(double[] x, double[] y, double slope) {
        double line = ShapeFit.lineError(x, y);
        if (line <= 0 || settings.shapeFitRatio() == 0) {
            return Finding.GROWING;
        }
        ShapeFit.Step step = ShapeFit.bestStep(y);
        boolean shiftFitsBetter = step.error() < settings.shapeFitRatio() * line;
        boolean shiftFitsAsWell = step.error() <= line;
        if (shiftFitsBetter || (shiftFitsAsWell && !segmentsRise(x, y, step.split(), slope))) {
            return Finding.STEP;
        }
        if (flatSinceLastShift(x, y, slope)) {
            return Finding.STEP;
        }
        if (ShapeFit.riseThenFlatError(x, y) < settings.shapeFitRatio() * line) {
            return Finding.PLATEAU;
        }
        return Finding.GROWING;
    }

    /**
     * When a level shift explains the window about as well as a line, the segments must show the
     * growth on their own (see {@link #WITHIN_RATIO}); a shift seen only in the last few samples
     * cannot yet be told from the start of a fast leak, and counts as a step until it can.
     */
    private boolean segmentsRise(double[] x, double[] y, int split, double slope) {
        if (x.length - split < Math.max(4, minSamples / 2)) {
            return false;
        }
        ShapeFit.Within within = ShapeFit.within(x, y, split);
        return within.slope() >= WITHIN_RATIO * slope || slope - within.slope() <= STEP_Z * within.standardError();
    }

    /**
     * True when the window steps between a few flat levels (as a live set that follows the load)
     * about as well as a line explains it, and the newest level is clearly flat: it has at least
     * {@code max(4, minSamples / 2)} points and its Theil-Sen slope (robust to the point or two a
     * load change takes to settle), plus {@link #STEP_Z} standard errors, stays below
     * {@link #WITHIN_RATIO} of the window's. A leak keeps rising after any shift; a
     * leak that started late rises in its newest level.
     */
    private boolean flatSinceLastShift(double[] x, double[] y, double slope) {
        ShapeFit.Levels fit = ShapeFit.bestLevels(y, levels);
        int[] splits = fit.splits();
        if (splits.length == 0 || fit.error() > ShapeFit.lineError(x, y)) {
            return false;
        }
        int last = splits[splits.length - 1];
        if (x.length - last < Math.max(4, minSamples / 2)) {
            return false;
        }
        double newest = stats.theilSenSlope(x, y, last, x.length, null);
        return newest + STEP_Z * slopeError(x, y, last, x.length, newest) < WITHIN_RATIO * slope;
    }

    /**
     * True when a few flat levels explain the window about as well as a line and a later level lies
     * below an earlier one by {@link #FALL_RATIO} of their range and by {@link #FALL_Z} standard
     * errors of the two: a live set that follows a load up and down. On the detection benchmark's
     * changing rate (100, 300, 150, 400 requests/s) the window rises overall, and while the newest
     * level cannot yet be judged flat ({@link #flatSinceLastShift}) nothing else told it from a
     * leak. Levels are the segments' medians.
     */
    private boolean fallsBetweenLevels(double[] x, double[] y) {
        if (levels < 3) {
            return false;
        }
        ShapeFit.Levels fit = ShapeFit.bestLevels(y, levels);
        int[] splits = fit.splits();
        if (splits.length < 2 || fit.error() > ShapeFit.lineError(x, y)) {
            return false;
        }
        double[] medians = new double[splits.length + 1];
        double[] errors = new double[medians.length];
        for (int k = 0; k <= splits.length; k++) {
            int from = k == 0 ? 0 : splits[k - 1];
            int to = k == splits.length ? y.length : splits[k];
            double[] segment = Arrays.copyOfRange(y, from, to);
            medians[k] = RobustStats.median(segment.clone(), segment.length);
            for (int i = 0; i < segment.length; i++) {
                segment[i] = Math.abs(segment[i] - medians[k]);
            }
            // standard error of a median: 1.4826 MAD per point, 1.25 for the median's efficiency
            errors[k] = 1.25 * 1.4826 * RobustStats.median(segment, segment.length) / Math.sqrt(segment.length);
        }
        double min = Arrays.stream(medians).min().orElseThrow();
        double max = Arrays.stream(medians).max().orElseThrow();
        int highest = 0;
        for (int k = 1; k < medians.length; k++) {
            double fall = medians[highest] - medians[k];
            if (fall > FALL_RATIO * (max - min)
                    && fall > FALL_Z * Math.sqrt(errors[highest] * errors[highest] + errors[k] * errors[k])) {
                return true;
            }
            if (medians[k] > medians[highest]) {
                highest = k;
            }
        }
        return false;
    }

    /**
     * The sliding minimum over {@code compactionCycle} consecutive samples, placed at the newest
     * of them: the series without the dead space partial compactions leave and the histogram
     * counts. Null when the cycle is 1 (switched off).
     */
    private double[][] compacted(double[] x, double[] y) {
        int c = settings.compactionCycle();
        if (c == 1) {
            return null;
        }
        int count = Math.max(0, x.length - c + 1);
        double[] mx = new double[count];
        double[] my = new double[count];
        for (int j = 0; j < count; j++) {
            double min = Double.POSITIVE_INFINITY;
            for (int i = j; i < j + c; i++) {
                min = Math.min(min, y[i]);
            }
            mx[j] = x[j + c - 1];
            my[j] = min;
        }
        return new double[][] {mx, my};
    }

    private int firstInWindow(long[] at, int n, long warmUpEndMillis) {
        int from = Math.max(0, n - settings.maxSamples());
        long oldest = n == 0 ? Long.MIN_VALUE : at[n - 1] - settings.maxAge().toMillis();
        while (from < n && (at[from] < warmUpEndMillis || at[from] < oldest)) {
            from++;
        }
        return from;
    }

    /**
     * Theil-Sen slope of the lower envelope: the minimum of each complete block of one sawtooth
     * period, placed at the block's middle. A partial last block is left out because a minimum
     * over fewer points is biased upward.
     */
    private double envelopeSlope(double[] x, double[] y, double[] scratch) {
        double period = settings.sawtoothPeriod().toMillis() / MILLIS_PER_HOUR;
        int blocks = (int) Math.floor(x[x.length - 1] / period + 1e-9);
        double[] bx = new double[blocks];
        double[] by = new double[blocks];
        int used = 0;
        int i = 0;
        for (int b = 0; b < blocks; b++) {
            double end = (b + 1) * period;
            double min = Double.POSITIVE_INFINITY;
            while (i < x.length && x[i] < end - 1e-9) {
                min = Math.min(min, y[i]);
                i++;
            }
            if (min != Double.POSITIVE_INFINITY) {
                bx[used] = (b + 0.5) * period;
                by[used] = min;
                used++;
            }
        }
        return used < 3 ? 0 : stats.theilSenSlope(bx, by, 0, used, scratch);
    }

    /**
     * True when the recent half rises slower than the older half by more than
     * {@code decelerationZ} standard errors of the difference and by a quarter at least: the
     * shape of a cache filling towards its bound. Noise-aware so a noisy straight line is not
     * mistaken for it.
     */
    private boolean decelerating(double[] x, double[] y, double[] scratch) {
        int m = x.length;
        int half = m / 2;
        double older = stats.theilSenSlope(x, y, 0, half, scratch);
        double recent = stats.theilSenSlope(x, y, half, m, scratch);
        if (older <= 0 || recent >= DECELERATION_RATIO * older) {
            return false;
        }
        double seOlder = slopeError(x, y, 0, half, older);
        double seRecent = slopeError(x, y, half, m, recent);
        return older - recent > settings.decelerationZ() * Math.sqrt(seOlder * seOlder + seRecent * seRecent);
    }

    /**
     * Approximate standard error of a slope over {@code [from, to)}: robust residual scale over
     * the spread of x, inflated by the Theil-Sen estimator's relative efficiency (about 0.91
     * under normal noise).
     */
    private static double slopeError(double[] x, double[] y, int from, int to, double slope) {
        double intercept = RobustStats.intercept(x, y, from, to, slope);
        double scale = RobustStats.residualScale(x, y, from, to, slope, intercept);
        double mean = 0;
        for (int i = from; i < to; i++) {
            mean += x[i];
        }
        mean /= to - from;
        double sxx = 0;
        for (int i = from; i < to; i++) {
            sxx += (x[i] - mean) * (x[i] - mean);
        }
        return sxx == 0 ? Double.POSITIVE_INFINITY : scale / Math.sqrt(sxx) / Math.sqrt(0.91);
    }
}
