package io.leakwatch.trend;

import io.leakwatch.model.SeriesKey;
import java.util.Objects;

/**
 * The judgement of one series after an update.
 *
 * @param type             class name, or {@link #HEAP} for the whole live heap
 * @param heap             true for the whole live heap (then {@code type} is {@link #HEAP})
 * @param state            state after this update
 * @param transition       what this update changed
 * @param finding          what the latest evaluation found
 * @param bytesPerHour     Theil-Sen slope of bytes over the window
 * @param relativeGrowth   growth over the window relative to its median level
 * @param pValue           Mann-Kendall p-value of an upward trend in bytes
 * @param instancesPerHour Theil-Sen slope of the instance count (0 for the heap)
 * @param latestBytes      bytes in the latest sample
 * @param samples          points in the evaluated window
 */
public record GrowthVerdict(
        String type,
        boolean heap,
        LeakState state,
        Transition transition,
        Finding finding,
        double bytesPerHour,
        double relativeGrowth,
        double pValue,
        double instancesPerHour,
        long latestBytes,
        int samples) {

    /** The {@code type} of the whole-heap verdict, as the metrics label it. */
    public static final String HEAP = "heap";

    public GrowthVerdict {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(transition, "transition");
        Objects.requireNonNull(finding, "finding");
        if (heap && !HEAP.equals(type)) {
            throw new IllegalArgumentException("the heap verdict's type must be \"heap\", was " + type);
        }
        if (!Double.isFinite(bytesPerHour) || !Double.isFinite(relativeGrowth) || !Double.isFinite(instancesPerHour)) {
            throw new IllegalArgumentException("non-finite figures for " + type);
        }
    }

    /** The series this verdict judges: the heap or its type. */
    public SeriesKey series() {
        return heap ? SeriesKey.HEAP : new SeriesKey.Type(type);
    }

    /** The same verdict without its transition, as a replay reports it. */
    GrowthVerdict settled() {
        return transition == Transition.NONE ? this : new GrowthVerdict(type, heap, state, Transition.NONE, finding,
                bytesPerHour, relativeGrowth, pValue, instancesPerHour, latestBytes, samples);
    }
}
