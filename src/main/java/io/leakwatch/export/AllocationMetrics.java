package io.leakwatch.export;

import io.leakwatch.pipeline.AllocationSampling;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Meters of allocation sampling:
 * <pre>
 * leakwatch_allocation_recordings_total{target,outcome}   outcome = started | collected | start_failed | collect_failed
 * </pre>
 * A target without a Flight Recorder shows as {@code start_failed}, about once per recording duration.
 */
public final class AllocationMetrics implements AllocationSampling.Events, MeterBinder {

    private final BoundRegistry registry = new BoundRegistry("AllocationMetrics");

    /** Its counters come with the first recording of each target and outcome. */
    @Override
    public void bindTo(MeterRegistry to) {
        registry.bind(to);
    }

    @Override
    public void recording(String target, String outcome) {
        Counter.builder("leakwatch.allocation.recordings")
                .description("JFR old-object recordings for allocation sites, by outcome").baseUnit("recordings")
                .tags("target", target, "outcome", outcome).register(registry.get()).increment();
    }
}
