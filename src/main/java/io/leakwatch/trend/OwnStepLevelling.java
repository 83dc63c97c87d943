package io.leakwatch.trend;

/**
 * Takes a step of the watcher's own making (Flight Recorder's one-time footprint in the target's
 * heap) out of a window by raising the points before it, sized again at every point after it
 * until {@link #span} of them are in.
 *
 * <p>Why not once, from the first point after the step: the live heap a target's collectors report
 * moves by more than the step between two samples (the detection benchmark's changing load showed
 * a saw of 2.4 MiB over four samples against a 1.5-2 MiB step), and the first point after it also
 * holds the recording's start-up objects, live only while it starts (in a histogram too); so the
 * difference of two points sized it by the saw's phase or by that transient. Under-sized, the
 * rest of the step was confirmed as a leak; over-sized, a leak's confirmation waited. The size
 * is the Hodges-Lehmann shift between the last {@link #span} points before the step and those
 * after it (the median of their pairwise differences): a whole saw on either side, the transient
 * an outlier.
 *
 * <p>Two forms. {@link #heap}: no slope is taken out, since the heap's saw biases any slope
 * upward and would shrink the step, so a leak's growth over those few samples goes too (never
 * more than {@code maxStep}). {@link #type}: a histogram's count of one type has no such saw,
 * so the slope of the points before the step is taken out of every difference and a leaking
 * type keeps its growth. Never negative: levelling may only take growth away.
 */
final class OwnStepLevelling {

    private final int span;
    private final double maxStep;
    private final boolean slopeCorrected;
    /** Points since the step, its own first point included. */
    private int after;
    /** What the points before the step are raised by now. */
    private double applied;

    private OwnStepLevelling(int span, double maxStep, boolean slopeCorrected) {
        if (span < 2 || !(maxStep > 0)) {
            throw new IllegalArgumentException("span must be at least 2, maxStep positive: " + span + ", " + maxStep);
        }
        this.span = span;
        this.maxStep = maxStep;
        this.slopeCorrected = slopeCorrected;
    }

    /** For the live heap: {@code span} points on either side, at most {@code maxStep} taken out. */
    static OwnStepLevelling heap(int span, double maxStep) {
        return new OwnStepLevelling(span, maxStep, false);
    }

    /** For a type's bytes: {@code span} points on either side, their slope before the step kept. */
    static OwnStepLevelling type(int span, double maxStep) {
        return new OwnStepLevelling(span, maxStep, true);
    }

    /**
     * Sizes the step again with the newest point of {@code window} (the next one after the step)
     * and levels the points before it with that size; true once the size is final (or no point
     * before the step is left in the window to level).
     */
    boolean levelWithNewest(SeriesWindow window) {
        after++;
        int before = window.size() - after;
        if (before <= 0) {
            return true;
        }
        long[] times = window.times();
        double[] values = window.values();
        window.shiftOldest(before, -applied);
        int from = Math.max(0, before - span);
        double slope = slopeCorrected ? slope(times, values, from, before) : 0;
        double[] differences = new double[(before - from) * after];
        int k = 0;
        for (int i = from; i < before; i++) {
            for (int j = before; j < before + after; j++) {
                differences[k++] = values[j] - values[i] - slope * (times[j] - times[i]);
            }
        }
        applied = Math.min(maxStep, Math.max(0, RobustStats.median(differences, k)));
        window.shiftOldest(before, applied);
        return after >= span;
    }

    /** Theil-Sen slope of {@code [from, to)} per millisecond; 0 with fewer than two points. */
    private static double slope(long[] times, double[] values, int from, int to) {
        int n = to - from;
        double[] slopes = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = from; i < to; i++) {
            for (int j = i + 1; j < to; j++) {
                if (times[j] > times[i]) {
                    slopes[k++] = (values[j] - values[i]) / (times[j] - times[i]);
                }
            }
        }
        return k == 0 ? 0 : RobustStats.median(slopes, k);
    }
}
