package io.leakwatch.export;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
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
 * leakwatch_heap_growth_bytes_per_second{target}
 * leakwatch_type_growth_bytes_per_second{target,type}
 * leakwatch_leak_state{target,type}      0 ok, 1 suspect, 2 confirmed; type="heap" for the whole heap
 * </pre>
 * Growth is in base units (bytes per second). Per-type series exist only for the types the
 * {@link TypeFilter} selects (top N plus the allow list), labelled with the Java form of the name
 * ({@code byte[]}) as the other per-type series and the reports are.
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

    private static final double SECONDS_PER_HOUR = 3600;

    private final Supplier<? extends Iterable<TargetVerdicts>> verdicts;
    private final Supplier<TypeFilter> filter;
    private final Map<Series, Double> values = new ConcurrentHashMap<>();
    private final Map<Series, Meter> meters = new HashMap<>();
    private final Map<String, Published> published = new HashMap<>();
    private MeterRegistry registry;

    /**
     * @param verdicts the latest verdicts of every target, typically {@code tracker::latestAll}
     * @param filter   which types get series, read at each refresh (a config reload may change it)
     */
    public GrowthMetrics(Supplier<? extends Iterable<TargetVerdicts>> verdicts, Supplier<TypeFilter> filter) {
        this.verdicts = Objects.requireNonNull(verdicts, "verdicts");
        this.filter = Objects.requireNonNull(filter, "filter");
    }

    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        refresh();
    }

    /**
     * Takes a new snapshot of the verdicts and adds and removes series to match it. Only targets
     * whose verdicts changed since the last refresh (the tracker hands out a new object per update)
     * are looked at again: the refresh runs after every sample of every target, and redoing all
     * targets each time would cost targets × tracked types per sample.
     */
    public synchronized void refresh() {
        Set<String> present = new HashSet<>();
        TypeFilter types = filter.get();
        for (TargetVerdicts t : verdicts.get()) {
            present.add(t.target());
            Published before = published.get(t.target());
            if (before == null || before.verdicts() != t || before.filter() != types
                    || before.registered() != (registry != null)) {
                publish(t, types, before);
            }
        }
        for (Iterator<Map.Entry<String, Published>> it = published.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Published> gone = it.next();
            if (!present.contains(gone.getKey())) {
                unpublish(gone.getValue().series(), Set.of());
                it.remove();
            }
        }
    }

    private void publish(TargetVerdicts t, TypeFilter types, Published before) {
        Map<Series, Double> fresh = new HashMap<>();
        GrowthVerdict heap = t.heap();
        fresh.put(new Series(HEAP_GROWTH, t.target(), null), heap.bytesPerHour() / SECONDS_PER_HOUR);
        fresh.put(new Series(LEAK_STATE, t.target(), GrowthVerdict.HEAP), (double) heap.state().metricValue());
        for (GrowthVerdict v : types.select(t.types())) {
            String label = TypeFilter.label(v.type());
            fresh.put(new Series(TYPE_GROWTH, t.target(), label), v.bytesPerHour() / SECONDS_PER_HOUR);
            if (!GrowthVerdict.HEAP.equals(label)) {
                fresh.put(new Series(LEAK_STATE, t.target(), label), (double) v.state().metricValue());
            }
        }
        values.putAll(fresh);
        if (before != null) {
            unpublish(before.series(), fresh.keySet());
        }
        if (registry != null) {
            for (Series s : fresh.keySet()) {
                meters.computeIfAbsent(s, this::register);
            }
        }
        published.put(t.target(), new Published(t, types, fresh.keySet(), registry != null));
    }

    /** Drops the values and meters of {@code series} that are not in {@code keep}. */
    private void unpublish(Set<Series> series, Set<Series> keep) {
        for (Series s : series) {
            if (!keep.contains(s)) {
                values.remove(s);
                Meter m = meters.remove(s);
                if (m != null && registry != null) {
                    registry.remove(m);
                }
            }
        }
    }

    private Meter register(Series s) {
        Gauge.Builder<Map<Series, Double>> b = Gauge.builder(s.name, values, m -> m.getOrDefault(s, Double.NaN))
                .tags(s.tags())
                .strongReference(true);
        switch (s.name) {
            case HEAP_GROWTH:
                b.description("Growth of the live heap after GC (Theil-Sen slope over the detection window)").baseUnit("bytes_per_second");
                break;
            case TYPE_GROWTH:
                b.description("Growth of a type's shallow bytes (Theil-Sen slope over the detection window)").baseUnit("bytes_per_second");
                break;
            default:
                b.description("Leak state: 0 ok, 1 suspect, 2 confirmed; type=\"heap\" for the whole heap").baseUnit("state");
                break;
        }
        return b.register(registry);
    }

    /** What was last published for one target, from which verdicts and filter, and whether meters were registered. */
    private record Published(TargetVerdicts verdicts, TypeFilter filter, Set<Series> series, boolean registered) {
    }

    /** One exported series: meter name plus labels ({@code type} null for per-target meters). */
    private record Series(String name, String target, String type) {
        Tags tags() {
            return type == null ? Tags.of("target", target) : Tags.of("target", target, "type", type);
        }
    }
}
