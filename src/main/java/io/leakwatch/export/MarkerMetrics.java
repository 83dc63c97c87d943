package io.leakwatch.export;

import io.leakwatch.model.MarkerSurvival;
import io.leakwatch.sample.SampleListener;
import io.leakwatch.sample.SampleOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Objects the application declared dead that still survive, per marker label
 * ({@code leakwatch_marker_survivors}, {@code leakwatch_marker_oldest_age_seconds}). When a target
 * selects several JVMs, survivors add up and the oldest age is the largest.
 */
public final class MarkerMetrics implements SampleListener, MeterBinder {

    private final BoundRegistry registry = new BoundRegistry("MarkerMetrics");
    private final TargetGauges survivors;
    private final TargetGauges oldestAge;

    public MarkerMetrics() {
        this.survivors = new TargetGauges(registry, "leakwatch.marker.survivors",
                "Marked objects (declared dead by the application) still alive after the forced GC", "survivors");
        this.oldestAge = new TargetGauges(registry, "leakwatch.marker.oldest.age",
                "Age of the oldest surviving marked object", "seconds");
    }

    /** Its gauges come with each target's first marker figures. */
    @Override
    public void bindTo(MeterRegistry to) {
        registry.bind(to);
    }

    @Override
    public void onRound(String target, List<SampleOutcome> outcomes) {
        Map<String, long[]> byLabel = new LinkedHashMap<>();
        boolean proven = false;
        boolean sampled = false;
        for (SampleOutcome o : outcomes) {
            if (o instanceof SampleOutcome.Sampled s) {
                sampled = true;
                // Survivors count only after our forced GC; between histograms the last figures stay.
                if (s.sample().tier() != io.leakwatch.model.SampleTier.HISTOGRAM) {
                    continue;
                }
                proven = true;
                for (MarkerSurvival m : s.sample().markers()) {
                    long[] acc = byLabel.computeIfAbsent(m.label(), l -> new long[2]);
                    acc[0] += m.alive();
                    acc[1] = Math.max(acc[1], m.oldestAgeMillis());
                }
            }
        }
        if (sampled && !proven) {
            return;
        }
        Map<Tags, Long> alive = new HashMap<>();
        Map<Tags, Double> age = new HashMap<>();
        byLabel.forEach((label, acc) -> {
            Tags tags = Tags.of("label", label);
            alive.put(tags, acc[0]);
            age.put(tags, acc[1] / 1000.0);
        });
        survivors.set(target, alive);
        oldestAge.set(target, age);
    }

    /** Removes every series of a target no longer watched. */
    public void forget(String target) {
        survivors.forget(target);
        oldestAge.forget(target);
    }
}
