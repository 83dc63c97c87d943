package io.leakwatch.sample;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits for sampling one target.
 *
 * @param attachTimeout how long attaching and starting the management agent may take
 * @param callTimeout   how long any single JMX call (GC, histogram, pool usage) may take
 */
public record SamplingOptions(Duration attachTimeout, Duration callTimeout) {
    public SamplingOptions {
        Objects.requireNonNull(attachTimeout, "attachTimeout");
        Objects.requireNonNull(callTimeout, "callTimeout");
        if (attachTimeout.isNegative() || attachTimeout.isZero() || callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /** Defaults: 10 s to attach, 30 s per call. */
    public static SamplingOptions defaults() {
        return new SamplingOptions(Duration.ofSeconds(10), Duration.ofSeconds(30));
    }
}
