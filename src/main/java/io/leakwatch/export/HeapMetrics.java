package io.leakwatch.export;

import io.leakwatch.model.Sample;
import io.leakwatch.sample.SampleListener;
import io.leakwatch.sample.SampleOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Heap after GC per JVM ({@code leakwatch_live_heap_bytes}) and its maximum, the pause each
 * histogram caused, how each sample was taken ({@code leakwatch_samples_by_tier_total}), and when
 * the type-level series were last refreshed ({@code leakwatch_last_histogram_timestamp_seconds}):
 * under a pause budget the live heap moves with the target's own GCs while the per-type series
 * change only at each histogram.
 */
public final class HeapMetrics implements SampleListener, MeterBinder {

    private final BoundRegistry registry = new BoundRegistry("HeapMetrics");
    private final TargetGauges liveHeap;
    private final TargetGauges heapMax;
    private final TargetGauges lastHistogram;

    public HeapMetrics() {
        this.liveHeap = new TargetGauges(registry, "leakwatch.live.heap",
                "Heap in use right after the target's latest GC: the forced one of a histogram, else its own", "bytes");
        this.heapMax = new TargetGauges(registry, "leakwatch.heap.max",
                "Maximum heap of the target JVM (-Xmx); absent when the JVM defines none", "bytes");
        this.lastHistogram = new TargetGauges(registry, "leakwatch.last.histogram.timestamp",
                "When the per-type series were last refreshed by a class histogram (the pause budget spaces them)",
                "seconds");
    }

    /** Its meters come with each target's first samples. */
    @Override
    public void bindTo(MeterRegistry to) {
        registry.bind(to);
    }

    @Override
    public void onRound(String target, List<SampleOutcome> outcomes) {
        Map<Tags, Long> live = new HashMap<>();
        Map<Tags, Long> max = new HashMap<>();
        for (SampleOutcome o : outcomes) {
            if (o instanceof SampleOutcome.Sampled s) {
                Sample sample = s.sample();
                Tags tags = Tags.of("pid", Long.toString(sample.identity().pid()));
                live.put(tags, sample.liveHeapBytes());
                if (sample.heapMaxBytes() > 0) {
                    max.put(tags, sample.heapMaxBytes());
                }
                Counter.builder("leakwatch.samples.by.tier")
                        .description("Samples by how they were taken: histogram, histogram_no_gc (-all: over maxPause, or escalated),"
                                + " gc_reported (no pause, between histograms), skipped_max_pause")
                        .tags("target", target, "tier", sample.tier().label()).register(registry.get()).increment();
                if (sample.tier().hasHistogram()) {
                    lastHistogram.set(target, sample.takenAt().toEpochMilli() / 1000.0);
                    Timer.builder("leakwatch.target.pause")
                            .description("Stop-the-world time a histogram caused on the target (GC and heap walk)")
                            .tags("target", target).register(registry.get()).record(sample.pause());
                }
            }
        }
        liveHeap.set(target, live);
        heapMax.set(target, max);
    }

    /** Removes every series of a target no longer watched. */
    public void forget(String target) {
        liveHeap.forget(target);
        heapMax.forget(target);
        lastHistogram.forget(target);
        TargetMeters.remove(registry.get(), "leakwatch.target.pause", target);
        TargetMeters.remove(registry.get(), "leakwatch.samples.by.tier", target);
    }
}
