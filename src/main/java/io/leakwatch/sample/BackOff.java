package io.leakwatch.sample;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a failing target rests before the next attempt: doubling from {@code initial} up to
 * {@code max}, so a dead or hung JVM costs a few cheap checks rather than a timeout every fire.
 *
 * @param initial rest after the first failure
 * @param max     longest rest
 */
public record BackOff(Duration initial, Duration max) {
    public BackOff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 <= initial <= max, got initial=" + initial + " max=" + max);
        }
    }

    /** Defaults: 10 s, doubling to 5 min. */
    public static BackOff defaults() {
        return new BackOff(Duration.ofSeconds(10), Duration.ofMinutes(5));
    }

    /** The rest after {@code consecutiveFailures} failures in a row (0 means none). */
    public Duration delayAfter(int consecutiveFailures) {
        if (consecutiveFailures <= 0 || initial.isZero()) {
            return Duration.ZERO;
        }
        Duration delay = initial;
        for (int i = 1; i < consecutiveFailures && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
