package io.leakwatch.export;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.leakwatch.trend.GrowthVerdict;
import io.leakwatch.trend.TargetVerdicts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Publishes the growth tracker's latest verdicts:
 * <pre>
 * leakwatch_heap_growth_bytes_per_hour{target}
 * leakwatch_type_growth_bytes_per_hour{target,type}
 * leakwatch_leak_state{target,type}      0 ok, 1 suspect, 2 confirmed; type="heap" for the whole heap
 * </pre>
 * Gauges read a snapshot taken by {@link #refresh()}, so a scrape never touches the tracker and
 * never throws. {@code refresh()} after each tracker update registers the series of new types and
 * removes those of types (and targets) the tracker no longer reports, keeping the series bounded by
 * the tracker's own bound on tracked types. A class literally named {@code heap} is left out of
 * {@code leakwatch_leak_state}, where its series would collide with the whole-heap one.
 */
public final class GrowthMetrics implements MeterBinder {

    private static final String HEAP_GROWTH = "leakwatch.heap.growth";
    private static final String TYPE_GROWTH = "leakwatch.type.growth";
    private static final String LEAK_STATE = "leakwatch.leak.state";

    private final Supplier<? extends Iterable<TargetVerdicts>> verdicts;
    private final Map<Series, Double> values = new ConcurrentHashMap<>();
    private final Map<Series, Meter> meters = new HashMap<>();
    private MeterRegistry registry;

    /** @param verdicts the latest verdicts of every target, typically {@code tracker::latestAll} */
    public GrowthMetrics(Supplier<? extends Iterable<TargetVerdicts>> verdicts) {
        this.verdicts = Objects.requireNonNull(verdicts, "verdicts");
    }

    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        refresh();
    }

    /** Takes a new snapshot of the verdicts and adds and removes series to match it. */
    public synchronized void refresh() {
        Map<Series, Double> fresh = new HashMap<>();
        for (TargetVerdicts t : verdicts.get()) {
            GrowthVerdict heap = t.heap();
            fresh.put(new Series(HEAP_GROWTH, t.target(), null), heap.bytesPerHour());
            fresh.put(new Series(LEAK_STATE, t.target(), GrowthVerdict.HEAP), (double) heap.state().metricValue());
            for (GrowthVerdict v : t.types()) {
                fresh.put(new Series(TYPE_GROWTH, t.target(), v.type()), v.bytesPerHour());
                if (!GrowthVerdict.HEAP.equals(v.type())) {
                    fresh.put(new Series(LEAK_STATE, t.target(), v.type()), (double) v.state().metricValue());
                }
            }
        }
        values.putAll(fresh);
        values.keySet().retainAll(fresh.keySet());
        if (registry == null) {
            return;
        }
        Set<Series> stale = new HashSet<>(meters.keySet());
        stale.removeAll(fresh.keySet());
        for (Series s : stale) {
            registry.remove(meters.remove(s));
        }
        for (Series s : fresh.keySet()) {
            meters.computeIfAbsent(s, this::register);
        }
    }

    private Meter register(Series s) {
        Gauge.Builder<Map<Series, Double>> b = Gauge.builder(s.name, values, m -> m.getOrDefault(s, Double.NaN))
                .tags(s.tags())
                .strongReference(true);
        switch (s.name) {
            case HEAP_GROWTH:
                b.description("Growth of the live heap after GC (Theil-Sen slope over the detection window)").baseUnit("bytes_per_hour");
                break;
            case TYPE_GROWTH:
                b.description("Growth of a type's shallow bytes (Theil-Sen slope over the detection window)").baseUnit("bytes_per_hour");
                break;
            default:
                b.description("Leak state: 0 ok, 1 suspect, 2 confirmed; type=\"heap\" for the whole heap").baseUnit("state");
                break;
        }
        return b.register(registry);
    }

    /** One exported series: meter name plus labels ({@code type} null for per-target meters). */
    private record Series(String name, String target, String type) {
        Tags tags() {
            return type == null ? Tags.of("target", target) : Tags.of("target", target, "type", type);
        }
    }
}
