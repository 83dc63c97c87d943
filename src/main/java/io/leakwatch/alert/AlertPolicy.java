package io.leakwatch.alert;

import java.time.Duration;
import java.util.Objects;

/**
 * When the same leak alerts again.
 *
 * @param repeatInterval a still-firing leak re-alerts after this long
 * @param growthFactor   ... or sooner, once its magnitude reached this multiple of the last alerted one
 */
public record AlertPolicy(Duration repeatInterval, double growthFactor) {
    public AlertPolicy {
        Objects.requireNonNull(repeatInterval, "repeatInterval");
        if (repeatInterval.isZero() || repeatInterval.isNegative()) {
            throw new IllegalArgumentException("repeatInterval must be positive: " + repeatInterval);
        }
        if (!(growthFactor > 1.0) || Double.isInfinite(growthFactor)) {
            throw new IllegalArgumentException("growthFactor must be a number above 1: " + growthFactor);
        }
    }

    /** Re-alert every 6 hours, or when the leak has grown by half. */
    public static AlertPolicy defaults() {
        return new AlertPolicy(Duration.ofHours(6), 1.5);
    }
}
