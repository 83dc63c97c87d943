package io.leakwatch.export;

import io.leakwatch.sample.FailureKind;
import io.leakwatch.sample.SampleListener;
import io.leakwatch.sample.SampleOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Whether sampling a target works: {@code leakwatch_up}, {@code leakwatch_samples_total{outcome}},
 * {@code leakwatch_attach_failures_total{reason}}, {@code leakwatch_sample_misfires_total} and
 * {@code leakwatch_sample_duration_seconds}.
 */
public final class TargetHealthMetrics implements SampleListener, MeterBinder {

    /** Failures of getting at the JVM; "not found" and "bad response" are not attach failures. */
    private static final Set<FailureKind> ATTACH = EnumSet.of(
            FailureKind.ATTACH_REFUSED, FailureKind.CONNECTION_FAILED, FailureKind.TIMEOUT);

    private final BoundRegistry registry = new BoundRegistry("TargetHealthMetrics");
    private final TargetGauges up;

    public TargetHealthMetrics() {
        // A 0/1 state has no unit; Prometheus' own `up` has none either.
        this.up = new TargetGauges(registry, "leakwatch.up",
                "1 when the last sampling round of the target succeeded for every JVM it selects, else 0", null);
    }

    /** Its series come per target, with {@link #register(String)}. */
    @Override
    public void bindTo(MeterRegistry to) {
        registry.bind(to);
    }

    /**
     * Registers a target's series before its first round, every outcome and reason of its
     * counters included, so they read 0 rather than being absent and {@code increase()} sees the
     * first failure.
     */
    public void register(String target) {
        up.set(target, 0);
        misfires(target);
        samples(target, "ok");
        for (FailureKind kind : FailureKind.values()) {
            samples(target, kind.label());
        }
        ATTACH.forEach(kind -> attachFailures(target, kind));
    }

    @Override
    public void onRound(String target, List<SampleOutcome> outcomes) {
        boolean ok = !outcomes.isEmpty();
        for (SampleOutcome o : outcomes) {
            // the timer first: a scrape between the two then never sees more samples counted than timed
            if (o instanceof SampleOutcome.Sampled s) {
                duration(target).record(s.sample().duration());
                samples(target, "ok").increment();
            } else {
                SampleOutcome.Failed f = (SampleOutcome.Failed) o;
                ok = false;
                duration(target).record(f.took());
                samples(target, f.kind().label()).increment();
                if (ATTACH.contains(f.kind())) {
                    attachFailures(target, f.kind()).increment();
                }
            }
        }
        up.set(target, ok ? 1 : 0);
    }

    @Override
    public void onMisfire(String target, int skippedFires) {
        misfires(target).increment(skippedFires);
    }

    /** Removes every series of a target no longer watched. */
    public void forget(String target) {
        up.forget(target);
        for (String name : new String[] {"leakwatch.samples", "leakwatch.attach.failures", "leakwatch.sample.misfires",
                "leakwatch.sample.duration"}) {
            TargetMeters.remove(registry.get(), name, target);
        }
    }

    private Counter samples(String target, String outcome) {
        return Counter.builder("leakwatch.samples")
                .description("Sampling attempts per target JVM, by outcome")
                .baseUnit("samples").tags("target", target, "outcome", outcome).register(registry.get());
    }

    private Counter attachFailures(String target, FailureKind kind) {
        return Counter.builder("leakwatch.attach.failures")
                .description("Failed attempts to attach or connect to a target JVM, by reason")
                .baseUnit("failures").tags("target", target, "reason", kind.label()).register(registry.get());
    }

    private Timer duration(String target) {
        return Timer.builder("leakwatch.sample.duration")
                .description("Wall time of one sample (attach, GC, histogram) as the daemon saw it")
                .tags("target", target).register(registry.get());
    }

    private Counter misfires(String target) {
        return Counter.builder("leakwatch.sample.misfires")
                .description("Scheduled samples skipped because the previous sample of the target still ran")
                .baseUnit("misfires").tags("target", target).register(registry.get());
    }
}
