package io.leakwatch.trend;

/**
 * Takes a step of the watcher's own making (Flight Recorder's one-time footprint in the target's
 * heap) out of a window by raising the points before it, sized again at every point after it
 * until {@link #span} of them are in.
 *
 * <p>Why not once, from the first point after the step: the live heap a target's collectors report
 * moves by more than the step between two samples (the detection benchmark's changing load showed
 * a saw of 2.4 MiB over four samples against a 1.5-2 MiB step, and the first point also holds
 * the recording's start-up garbage), so the difference of two points under- or over-sized it by
 * the saw's phase; under-sized, the rest of the step was confirmed as a leak. The size is the
 * Hodges-Lehmann shift between the last {@link #span} points before the step and those after it
 * (the median of their pairwise differences): a whole saw on either side, the start-up garbage
 * an outlier. No slope is taken out: a saw's slopes are biased upward and would shrink the step.
 * So a leak's own growth over those few samples goes with it, which only delays the heap's
 * confirmation, and never more than {@link #maxStep} (a fast leak on a big heap must not be
 * flattened); never negative, since levelling may only take growth away.
 */
final class OwnStepLevelling {

    private final int span;
    private final double maxStep;
    /** Points since the step, its own first point included. */
    private int after;
    /** What the points before the step are raised by now. */
    private double applied;

    /**
     * @param span    points compared on either side of the step (at least 1)
     * @param maxStep the largest step the watcher's own action can have made, in the series' unit
     */
    OwnStepLevelling(int span, double maxStep) {
        if (span < 1 || !(maxStep > 0)) {
            throw new IllegalArgumentException("span must be at least 1, maxStep positive: " + span + ", " + maxStep);
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
        double[] values = window.values();
        window.shiftOldest(before, -applied);
        int from = Math.max(0, before - span);
        double[] differences = new double[(before - from) * after];
        int k = 0;
        for (int i = from; i < before; i++) {
            for (int j = before; j < before + after; j++) {
                differences[k++] = values[j] - values[i];
            }
        }
        applied = Math.min(maxStep, Math.max(0, RobustStats.median(differences, k)));
        window.shiftOldest(before, applied);
        return after >= span;
    }
}
