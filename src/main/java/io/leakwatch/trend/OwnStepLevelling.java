package io.leakwatch.trend;

/**
 * Takes a step of the watcher's own making (Flight Recorder's one-time footprint in the target's
 * heap) out of a histogram series (a type's bytes, or the histogram's total) by raising the points
 * before it, sized again at every point after it until {@link #span} of them are in.
 *
 * <p>Why not once, from the first point after the step: that point also holds the recording's
 * start-up objects, live only while it starts, so the difference of two points over-sized the
 * step (a leak's confirmation then waited); and the live heap the collectors report moves by
 * more than the step between two samples (a saw of 2.4 MiB over four samples on the detection
 * benchmark's changing load against a 1.5-2 MiB step), so sized there it came out by the saw's
 * phase, and the rest of it was confirmed as a leak. So the step is sized on a histogram series,
 * which has no such saw, as the Hodges-Lehmann shift between the last {@link #span} points before
 * it and those after it (the median of their pairwise differences, the start-up point an outlier),
 * with the slope of those points before it taken out of every difference, so a leak keeps its
 * growth. Never negative and never above {@code maxStep}: levelling may only take growth away,
 * and never more than the watcher can have made.
 */
final class OwnStepLevelling {

    private final int span;
    private final double maxStep;
    /** Points since the step, its own first point included. */
    private int after;
    /** What the points before the step are raised by now. */
    private double applied;

    /**
     * @param span    points compared on either side of the step (at least 2)
     * @param maxStep the largest step the watcher's own action can have made, in the series' unit
     */
    OwnStepLevelling(int span, double maxStep) {
        if (span < 2 || !(maxStep > 0)) {
            throw new IllegalArgumentException("span must be at least 2, maxStep positive: " + span + ", " + maxStep);
        }
        this.span = span;
        this.maxStep = maxStep;
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
        double slope = slope(times, values, from, before);
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

    /** The step's size as last estimated: what the points before it are raised by. */
    double size() {
        return applied;
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
