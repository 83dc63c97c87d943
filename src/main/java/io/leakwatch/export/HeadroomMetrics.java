package io.leakwatch.export;

import io.leakwatch.model.Sample;
import io.leakwatch.sample.SampleListener;
import io.leakwatch.sample.SampleOutcome;
import io.leakwatch.trend.GrowthVerdict;
import io.leakwatch.trend.LeakState;
import io.leakwatch.trend.TargetVerdicts;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code leakwatch_heap_exhaustion_seconds{target}}: how long until the live heap reaches the
 * maximum heap at the growth the detector measured (Theil-Sen slope of the live-heap window),
 * {@code (max - live) / slope}. Published only while the heap trend is suspect or confirmed: a
 * projection from a window the detector explained away (a step, a plateau, noise) would only
 * mislead. The figure assumes the growth goes on linearly; a JVM usually fails earlier, with GC
 * overhead rising before the heap is full. Runs after detection, whose verdicts it reads.
 */
public final class HeadroomMetrics implements SampleListener, MeterBinder {

    private final BoundRegistry registry = new BoundRegistry("HeadroomMetrics");
    private final Function<String, Optional<TargetVerdicts>> verdicts;
    private final TargetGauges exhaustion;

    /** @param verdicts the latest verdicts of a target, typically {@code tracker::latest} */
    public HeadroomMetrics(Function<String, Optional<TargetVerdicts>> verdicts) {
        this.verdicts = Objects.requireNonNull(verdicts, "verdicts");
        this.exhaustion = new TargetGauges(registry, "leakwatch.heap.exhaustion",
                "Projected time until the live heap reaches the maximum heap at the measured growth;"
                        + " only while the heap trend is suspect or confirmed", "seconds");
    }

    /** Its gauge comes with the first projection of each target. */
    @Override
    public void bindTo(MeterRegistry to) {
        registry.bind(to);
    }

    @Override
    public void onRound(String target, List<SampleOutcome> outcomes) {
        long max = 0;
        for (SampleOutcome o : outcomes) {
            if (o instanceof SampleOutcome.Sampled s) {
                Sample sample = s.sample();
                max = Math.max(max, sample.heapMaxBytes());
            }
        }
        if (max == 0) {
            if (outcomes.stream().anyMatch(o -> o instanceof SampleOutcome.Sampled)) {
                exhaustion.forget(target);
            }
            return;
        }
        OptionalSeconds seconds = seconds(verdicts.apply(target).map(TargetVerdicts::heap).orElse(null), max);
        if (seconds.present) {
            exhaustion.set(target, seconds.value);
        } else {
            exhaustion.forget(target);
        }
    }

    /** Removes the series of a target no longer watched. */
    public void forget(String target) {
        exhaustion.forget(target);
    }

    /** Seconds until {@code heapMax}, present when the heap grows as a suspect or confirmed leak. */
    static OptionalSeconds seconds(GrowthVerdict heap, long heapMax) {
        if (heap == null || heap.state() == LeakState.OK || !(heap.bytesPerHour() > 0) || heapMax <= 0) {
            return new OptionalSeconds(false, 0);
        }
        double left = Math.max(0, heapMax - heap.latestBytes());
        return new OptionalSeconds(true, left / heap.bytesPerHour() * 3600);
    }

    /** A figure that may be absent (a record, not OptionalDouble, so tests read both parts). */
    record OptionalSeconds(boolean present, double value) {
    }
}
