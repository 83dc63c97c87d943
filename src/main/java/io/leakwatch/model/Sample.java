package io.leakwatch.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One sample of one JVM: after a forced full GC with its class histogram, or, between those, the
 * live heap the target's own last collection reported (see {@link SampleTier}).
 *
 * @param target        configured target name (the {@code target} label)
 * @param identity      the process sampled
 * @param takenAt       when the sample was started
 * @param liveHeapBytes heap in use after the target's latest GC (the forced one for a histogram)
 * @param histogram     live instances and bytes per type, empty without a histogram
 * @param markers       surviving marker objects per label, empty when the target has no markers
 * @param pause         stop-the-world time the sample caused on the target (GC + histogram)
 * @param duration      wall time of the whole sample as seen by the daemon
 * @param tier          how it was taken
 * @param heapMaxBytes  the target's maximum heap ({@code -Xmx}), 0 when unknown or undefined
 */
public record Sample(
        String target,
        TargetIdentity identity,
        Instant takenAt,
        long liveHeapBytes,
        ClassHistogram histogram,
        List<MarkerSurvival> markers,
        Duration pause,
        Duration duration,
        SampleTier tier,
        long heapMaxBytes) {
    public Sample {
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(takenAt, "takenAt");
        Objects.requireNonNull(histogram, "histogram");
        markers = List.copyOf(Objects.requireNonNull(markers, "markers"));
        Objects.requireNonNull(pause, "pause");
        Objects.requireNonNull(duration, "duration");
        if (liveHeapBytes < 0) {
            throw new IllegalArgumentException("liveHeapBytes negative: " + liveHeapBytes);
        }
        if (heapMaxBytes < 0) {
            throw new IllegalArgumentException("heapMaxBytes negative: " + heapMaxBytes);
        }
    }

    /** A histogram sample (tier {@link SampleTier#HISTOGRAM}) with the heap maximum unknown. */
    public Sample(String target, TargetIdentity identity, Instant takenAt, long liveHeapBytes, ClassHistogram histogram,
                  List<MarkerSurvival> markers, Duration pause, Duration duration) {
        this(target, identity, takenAt, liveHeapBytes, histogram, markers, pause, duration, SampleTier.HISTOGRAM, 0);
    }
}
