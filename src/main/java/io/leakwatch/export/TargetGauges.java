package io.leakwatch.export;

import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Gauges of one name, one Micrometer {@link MultiGauge} per target (tagged {@code target}): each
 * round hands in the target's rows and the MultiGauge removes the series not among them. A row
 * reads a holder kept here, so its gauge is registered once and follows later values (rows are
 * registered without overwrite), and the callback can neither throw nor see a collected object.
 * One MultiGauge per target keeps a round's work to that target's rows.
 */
final class TargetGauges {

    /** The value a gauge reads. */
    private static final class Holder {
        private volatile double value;
    }

    /** A target's MultiGauge and the holders of its current rows. */
    private record Family(MultiGauge gauge, Map<Tags, Holder> rows) {
    }

    private final BoundRegistry registry;
    private final String name;
    private final String description;
    private final String baseUnit;
    private final Map<String, Family> targets = new HashMap<>();

    TargetGauges(BoundRegistry registry, String name, String description, String baseUnit) {
        this.registry = registry;
        this.name = name;
        this.description = description;
        this.baseUnit = baseUnit;
    }

    /** The target's one series, without further tags, reads {@code value}. */
    void set(String target, double value) {
        set(target, Map.of(Tags.empty(), value));
    }

    /** The target's series are exactly {@code rows} (tags besides {@code target} → value). */
    void set(String target, Map<Tags, ? extends Number> rows) {
        set(target, rows, tags -> false);
    }

    /**
     * As {@link #set(String, Map)}, also keeping the target's series that {@code keep} accepts
     * (of JVMs sampled this round without the data these series show, e.g. without a histogram).
     */
    synchronized void set(String target, Map<Tags, ? extends Number> rows, Predicate<Tags> keep) {
        Family family = targets.computeIfAbsent(target, t -> new Family(MultiGauge.builder(name)
                .description(description).baseUnit(baseUnit).tag("target", t).register(registry.get()), new HashMap<>()));
        family.rows().keySet().removeIf(tags -> !rows.containsKey(tags) && !keep.test(tags));
        rows.forEach((tags, value) -> family.rows().computeIfAbsent(tags, t -> new Holder()).value = value.doubleValue());
        List<MultiGauge.Row<?>> current = new ArrayList<>(family.rows().size());
        family.rows().forEach((tags, holder) -> current.add(MultiGauge.Row.of(tags, holder, h -> h.value)));
        family.gauge().register(current, false);
    }

    /** Removes every series of the target (no longer watched, or the figure is gone). */
    synchronized void forget(String target) {
        Family family = targets.remove(target);
        if (family != null) {
            family.gauge().register(List.of(), false);
        }
    }

    /** The value of {@code key} among {@code tags}, or null. */
    static String tagValue(Tags tags, String key) {
        for (Tag tag : tags) {
            if (tag.getKey().equals(key)) {
                return tag.getValue();
            }
        }
        return null;
    }
}
