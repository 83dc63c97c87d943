package io.leakwatch.history;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.leakwatch.model.ClassHistogram;
import io.leakwatch.model.HistogramEntry;
import io.leakwatch.model.Sample;
import io.leakwatch.model.SampleTier;
import io.leakwatch.model.TargetIdentity;
import io.leakwatch.trend.GrowthVerdict;
import io.leakwatch.trend.TargetVerdicts;

/**
 * What the history keeps of one sample: only what growth detection needs.
 *
 * @param takenAt       when the sample was taken
 * @param identity      the process sampled
 * @param liveHeapBytes heap in use after the GC
 * @param types         instances and bytes of the tracked types (module left empty)
 */
public record HistoryRecord(Instant takenAt, TargetIdentity identity, long liveHeapBytes, List<HistogramEntry> types) {
    public HistoryRecord {
        Objects.requireNonNull(takenAt, "takenAt");
        Objects.requireNonNull(identity, "identity");
        types = List.copyOf(Objects.requireNonNull(types, "types"));
        if (liveHeapBytes < 0) {
            throw new IllegalArgumentException("liveHeapBytes negative: " + liveHeapBytes);
        }
    }

    /** The parts of {@code sample} worth keeping, with only the types named in {@code trackedTypes}. */
    public static HistoryRecord of(Sample sample, Collection<String> trackedTypes) {
        Set<String> keep = new HashSet<>(trackedTypes);
        List<HistogramEntry> kept = sample.histogram().entries().stream()
                .filter(e -> keep.contains(e.className()))
                .map(e -> new HistogramEntry(e.className(), "", e.instances(), e.bytes()))
                .toList();
        return new HistoryRecord(sample.takenAt(), sample.identity(), sample.liveHeapBytes(), kept);
    }

    /** The parts of {@code sample} worth keeping: the types the tracker judged for it. */
    public static HistoryRecord of(Sample sample, TargetVerdicts verdicts) {
        return of(sample, verdicts.types().stream().map(GrowthVerdict::type).toList());
    }

    /**
     * A sample rebuilt for re-seeding the growth tracker: no markers, zero pause and duration,
     * a histogram of the kept types only. A record without types was a sample without histogram
     * (the pause budget's after-GC tier): a histogram always keeps its tracked types.
     */
    public Sample toSample(String target) {
        return new Sample(target, identity, takenAt, liveHeapBytes, ClassHistogram.of(types), List.of(),
                Duration.ZERO, Duration.ZERO, types.isEmpty() ? SampleTier.GC_REPORTED : SampleTier.HISTOGRAM, 0);
    }
}
