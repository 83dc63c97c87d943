package io.leakwatch.export;

import io.leakwatch.model.HistogramEntry;
import io.leakwatch.sample.SampleListener;
import io.leakwatch.sample.SampleOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Live instances and shallow bytes per type and JVM ({@code leakwatch_type_instances},
 * {@code leakwatch_type_bytes}), only for the types the {@link TypeFilter} selects, labelled with
 * the Java form of the type name ({@code byte[]}).
 */
public final class TypeMetrics implements SampleListener, MeterBinder {

    private final BoundRegistry registry = new BoundRegistry("TypeMetrics");
    private final Supplier<TypeFilter> filter;
    private final TargetGauges instances;
    private final TargetGauges bytes;

    public TypeMetrics(TypeFilter filter) {
        this(constant(Objects.requireNonNull(filter, "filter")));
    }

    /**
     * Per-type series selected by the filter {@code filter} hands out at each round, so a reloaded
     * config takes effect with the next round of each target (series no longer selected go then).
     */
    public TypeMetrics(Supplier<TypeFilter> filter) {
        this.filter = Objects.requireNonNull(filter, "filter");
        this.instances = new TargetGauges(registry, "leakwatch.type.instances",
                "Live instances of a type after the forced GC (top N by bytes plus the allow list)", "instances");
        this.bytes = new TargetGauges(registry, "leakwatch.type",
                "Shallow bytes of the live instances of a type after the forced GC (top N plus the allow list)", "bytes");
    }

    /** Its gauges come with each target's first histogram. */
    @Override
    public void bindTo(MeterRegistry to) {
        registry.bind(to);
    }

    @Override
    public void onRound(String target, List<SampleOutcome> outcomes) {
        Map<Tags, Long> counts = new HashMap<>();
        Map<Tags, Long> sizes = new HashMap<>();
        Set<String> withoutHistogram = new HashSet<>();
        TypeFilter current = filter.get();
        for (SampleOutcome o : outcomes) {
            if (o instanceof SampleOutcome.Sampled s) {
                String pid = Long.toString(s.sample().identity().pid());
                if (!s.sample().tier().hasHistogram()) {
                    // Between histograms (pause budget) the type series keep their last values.
                    withoutHistogram.add(pid);
                    continue;
                }
                for (HistogramEntry e : current.select(s.sample().histogram())) {
                    Tags tags = Tags.of("pid", pid, "type", TypeFilter.label(e.className()));
                    counts.put(tags, e.instances());
                    sizes.put(tags, e.bytes());
                }
            }
        }
        Predicate<Tags> untouched = tags -> withoutHistogram.contains(TargetGauges.tagValue(tags, "pid"));
        instances.set(target, counts, untouched);
        bytes.set(target, sizes, untouched);
    }

    /** Removes every series of a target no longer watched. */
    public void forget(String target) {
        instances.forget(target);
        bytes.forget(target);
    }

    private static Supplier<TypeFilter> constant(TypeFilter filter) {
        return () -> filter;
    }
}
