package io.leakwatch.alert;

import java.time.Duration;
import java.util.Objects;

/**
 * When the same leak alerts again, and when it resolves.
 *
 * @param repeatInterval a still-firing leak re-alerts after this long
 * @param growthFactor   ... or sooner, once its magnitude reached this multiple of the last alerted one
 * @param resolveHoldOff a leak that is no longer reported resolves only once it stayed away this long
 *                       (coming back within it, it just goes on firing), so an alert does not flap
 *                       firing/resolved/firing while a series hovers at its threshold; zero resolves
 *                       at once. A process restart, or a leak cleared by name, resolves at once.
 */
public record AlertPolicy(Duration repeatInterval, double growthFactor, Duration resolveHoldOff) {

    /** Resolving at once. */
    public AlertPolicy(Duration repeatInterval, double growthFactor) {
        this(repeatInterval, growthFactor, Duration.ZERO);
    }

    public AlertPolicy {
        Objects.requireNonNull(repeatInterval, "repeatInterval");
        Objects.requireNonNull(resolveHoldOff, "resolveHoldOff");
        if (resolveHoldOff.isNegative()) {
            throw new IllegalArgumentException("resolveHoldOff must not be negative: " + resolveHoldOff);
        }
        if (repeatInterval.isZero() || repeatInterval.isNegative()) {
            throw new IllegalArgumentException("repeatInterval must be positive: " + repeatInterval);
        }
        if (!(growthFactor > 1.0) || Double.isInfinite(growthFactor)) {
            throw new IllegalArgumentException("growthFactor must be a number above 1: " + growthFactor);
        }
    }

    /** Re-alert every 6 hours, or when the leak has grown by half; resolve after 10 minutes away. */
    public static AlertPolicy defaults() {
        return new AlertPolicy(Duration.ofHours(6), 1.5, Duration.ofMinutes(10));
    }
}
