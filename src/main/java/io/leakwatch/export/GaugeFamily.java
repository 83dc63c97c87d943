package io.leakwatch.export;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gauges of one name told apart by tags, each reading a holder kept here (so the callback cannot
 * throw nor see a collected object), with removal of the series a target no longer has.
 */
final class GaugeFamily {

    /** The value a gauge reads. */
    private static final class Holder {
        private volatile double value;
    }

    private final MeterRegistry registry;
    private final String name;
    private final String description;
    private final String baseUnit;
    private final Map<Tags, Holder> holders = new ConcurrentHashMap<>();
    private final Map<Tags, Gauge> gauges = new ConcurrentHashMap<>();

    GaugeFamily(MeterRegistry registry, String name, String description, String baseUnit) {
        this.registry = registry;
        this.name = name;
        this.description = description;
        this.baseUnit = baseUnit;
    }

    void set(Tags tags, double value) {
        Holder h = holders.computeIfAbsent(tags, t -> {
            Holder created = new Holder();
            gauges.put(t, Gauge.builder(name, created, x -> x.value)
                    .description(description).baseUnit(baseUnit).tags(t).strongReference(true).register(registry));
            return created;
        });
        h.value = value;
    }

    /** Removes every series tagged {@code target=target} (the target is no longer watched). */
    void forget(String target) {
        retain(target, Set.of());
    }

    /** Removes the series tagged {@code target=target} that are not in {@code keep}. */
    void retain(String target, Set<Tags> keep) {
        retain(target, keep, Set.of());
    }

    /**
     * As {@link #retain(String, Set)}, also keeping every series of the JVMs in {@code untouchedPids}
     * (sampled this round without the data these series show, e.g. without a histogram).
     */
    void retain(String target, Set<Tags> keep, Set<String> untouchedPids) {
        // Runs after every sample: walks the live key set (removal while iterating is safe on a
        // ConcurrentHashMap) rather than copying it, and reads the tag without a stream. The
        // target is compared first: hashing every other target's tags for the lookup in keep
        // showed in the daemon's profile (Tags do not cache their hash).
        for (Tags t : holders.keySet()) {
            if (target.equals(tagValue(t, "target")) && !keep.contains(t)
                    && (untouchedPids.isEmpty() || !untouchedPids.contains(tagValue(t, "pid")))) {
                holders.remove(t);
                Gauge g = gauges.remove(t);
                if (g != null) {
                    registry.remove(g);
                }
            }
        }
    }

    private static String tagValue(Tags tags, String key) {
        for (Tag tag : tags) {
            if (tag.getKey().equals(key)) {
                return tag.getValue();
            }
        }
        return null;
    }
}
