package io.leakwatch.export;

import io.leakwatch.model.Sample;
import io.leakwatch.sample.SampleListener;
import io.leakwatch.sample.SampleOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Heap after the forced GC per JVM ({@code leakwatch_live_heap_bytes}) and the pause a sample caused. */
public final class HeapMetrics implements SampleListener {

    private final MeterRegistry registry;
    private final GaugeFamily liveHeap;

    public HeapMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.liveHeap = new GaugeFamily(registry, "leakwatch.live.heap",
                "Heap in use right after the forced full GC of the last sample", "bytes");
    }

    @Override
    public void onRound(String target, List<SampleOutcome> outcomes) {
        Set<Tags> seen = new HashSet<>();
        for (SampleOutcome o : outcomes) {
            if (o instanceof SampleOutcome.Sampled s) {
                Sample sample = s.sample();
                Tags tags = Tags.of("target", target, "pid", Long.toString(sample.identity().pid()));
                liveHeap.set(tags, sample.liveHeapBytes());
                seen.add(tags);
                Timer.builder("leakwatch.target.pause")
                        .description("Stop-the-world time a sample caused on the target (GC and histogram)")
                        .tags("target", target).register(registry).record(sample.pause());
            }
        }
        liveHeap.retain(target, seen);
    }

    /** Removes every series of a target no longer watched. */
    public void forget(String target) {
        liveHeap.forget(target);
        TargetMeters.remove(registry, "leakwatch.target.pause", target);
    }
}
