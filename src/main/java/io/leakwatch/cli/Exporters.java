package io.leakwatch.cli;

import io.leakwatch.export.HeapMetrics;
import io.leakwatch.export.MarkerMetrics;
import io.leakwatch.export.TargetHealthMetrics;
import io.leakwatch.export.TypeFilter;
import io.leakwatch.export.TypeMetrics;
import io.leakwatch.schedule.SampleFanout;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The per-round exporters of the daemon, made once for its life so their series live on across
 * config reloads: target health, live heap, per-type series (through a filter a reload may
 * change) and marker survivors.
 */
final class Exporters {

    private final MeterRegistry registry;
    private final TargetHealthMetrics health;
    private final HeapMetrics heap;
    private final TypeMetrics types;
    private final MarkerMetrics markers;
    private final AtomicReference<TypeFilter> filter;

    Exporters(MeterRegistry registry, TypeFilter filter) {
        this.registry = registry;
        this.filter = new AtomicReference<>(filter);
        this.health = new TargetHealthMetrics();
        this.heap = new HeapMetrics();
        this.types = new TypeMetrics(this.filter::get);
        this.markers = new MarkerMetrics();
        List.of(health, heap, types, markers).forEach(binder -> binder.bindTo(registry));
    }

    TargetHealthMetrics health() {
        return health;
    }

    /** A fanout starting with the exporters, in the order they always ran. */
    SampleFanout fanout() {
        return new SampleFanout().add(health).add(heap).add(types).add(markers);
    }

    void filter(TypeFilter next) {
        filter.set(next);
    }

    /** Removes every series of a target no longer watched, its capture and history-failure counts included. */
    void forget(String target) {
        health.forget(target);
        heap.forget(target);
        types.forget(target);
        markers.forget(target);
        for (String name : List.of("leakwatch.captures", "leakwatch.history.write.failures")) {
            for (Meter m : registry.find(name).tag("target", target).meters()) {
                registry.remove(m);
            }
        }
    }
}
