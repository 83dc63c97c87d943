package io.leakwatch.alert;

import java.time.Duration;
import java.util.Objects;

/**
 * How the outbox retries a sink that is down, slow or answering 5xx: exponential back-off from
 * {@code initialBackoff}, doubling up to {@code maxBackoff}, until the alert is {@code giveUpAfter} old.
 */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, Duration giveUpAfter) {
    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(giveUpAfter, "giveUpAfter");
        if (initialBackoff.isZero() || initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 < initialBackoff <= maxBackoff: " + initialBackoff + ", " + maxBackoff);
        }
        if (giveUpAfter.isZero() || giveUpAfter.isNegative()) {
            throw new IllegalArgumentException("giveUpAfter must be positive: " + giveUpAfter);
        }
    }

    /** 10 s, doubling to 10 min, for up to 7 days. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(Duration.ofSeconds(10), Duration.ofMinutes(10), Duration.ofDays(7));
    }

    /** The wait after the {@code attempts}-th failed attempt (1-based). */
    public Duration backoff(int attempts) {
        Duration wait = initialBackoff;
        for (int i = 1; i < attempts && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
