package io.leakwatch.sample;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits for sampling one target.
 *
 * @param attachTimeout how long attaching and starting the management agent may take
 * @param callTimeout   how long any single JMX call (GC, histogram, pool usage) may take
 * @param pause         how much stop-the-world time histograms may cost the target
 */
public record SamplingOptions(Duration attachTimeout, Duration callTimeout, PausePolicy pause) {
    public SamplingOptions {
        Objects.requireNonNull(attachTimeout, "attachTimeout");
        Objects.requireNonNull(pause, "pause");
        Objects.requireNonNull(callTimeout, "callTimeout");
        if (attachTimeout.isNegative() || attachTimeout.isZero() || callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /** Options that take a histogram every round ({@link PausePolicy#UNLIMITED}); the config applies its budget. */
    public SamplingOptions(Duration attachTimeout, Duration callTimeout) {
        this(attachTimeout, callTimeout, PausePolicy.UNLIMITED);
    }

    /** Defaults: 10 s to attach, 30 s per call, a histogram every round. */
    public static SamplingOptions defaults() {
        return new SamplingOptions(Duration.ofSeconds(10), Duration.ofSeconds(30));
    }
}
