package io.leakwatch.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One sample of one JVM, taken right after a forced full GC.
 *
 * @param target        configured target name (the {@code target} label)
 * @param identity      the process sampled
 * @param takenAt       when the sample was started
 * @param liveHeapBytes heap in use after the GC (sum of the heap pools' collection usage)
 * @param histogram     live instances and bytes per type
 * @param markers       surviving marker objects per label, empty when the target has no markers
 * @param pause         stop-the-world time the sample caused on the target (GC + histogram)
 * @param duration      wall time of the whole sample as seen by the daemon
 */
public record Sample(
        String target,
        TargetIdentity identity,
        Instant takenAt,
        long liveHeapBytes,
        ClassHistogram histogram,
        List<MarkerSurvival> markers,
        Duration pause,
        Duration duration) {
    public Sample {
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
    }
}
