package io.leakwatch.alert;

import io.leakwatch.retry.BackOff;
import java.time.Duration;
import java.util.Objects;

/**
 * How the outbox retries a sink that is down, slow or answering 5xx: the shared {@link BackOff}
 * between attempts, until the alert is {@code giveUpAfter} old. The age counts from the alert's
 * persisted enqueue time, so it holds across restarts (which is why it is not Failsafe's
 * in-memory {@code maxDuration}).
 */
public record RetryPolicy(BackOff backOff, Duration giveUpAfter) {
    public RetryPolicy {
        Objects.requireNonNull(backOff, "backOff");
        Objects.requireNonNull(giveUpAfter, "giveUpAfter");
        // a zero back-off would retry a dead sink on every flush
        if (backOff.initial().isZero()) {
            throw new IllegalArgumentException("need 0 < initialBackoff <= maxBackoff: " + backOff.initial()
                    + ", " + backOff.max());
        }
        if (giveUpAfter.isZero() || giveUpAfter.isNegative()) {
            throw new IllegalArgumentException("giveUpAfter must be positive: " + giveUpAfter);
        }
    }

    /** Back-off from {@code initialBackoff}, doubling up to {@code maxBackoff}. */
    public RetryPolicy(Duration initialBackoff, Duration maxBackoff, Duration giveUpAfter) {
        this(new BackOff(initialBackoff, maxBackoff), giveUpAfter);
    }

    /** 10 s, doubling to 10 min, for up to 7 days. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(Duration.ofSeconds(10), Duration.ofMinutes(10), Duration.ofDays(7));
    }
}
