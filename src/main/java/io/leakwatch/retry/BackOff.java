package io.leakwatch.retry;

import dev.failsafe.Execution;
import dev.failsafe.RetryPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * How long to wait after failures in a row: doubling from {@code initial} up to {@code max}, as
 * Failsafe's {@link RetryPolicy} computes it. Both callers keep their own schedule (the outbox on
 * disk across restarts, the sampler between Quartz fires), so this replays the failures through a
 * standalone Failsafe {@link Execution} to read its next delay rather than letting Failsafe run
 * and sleep between the attempts.
 *
 * @param initial wait after the first failure; zero waits never
 * @param max     longest wait
 */
public record BackOff(Duration initial, Duration max) {

    public BackOff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 <= initial <= max, got initial=" + initial + " max=" + max);
        }
    }

    /** The wait after {@code failures} failures in a row (0 means none). */
    public Duration delayAfter(int failures) {
        if (failures <= 0 || initial.isZero()) {
            return Duration.ZERO;
        }
        Execution<Object> run = Execution.of(policy());
        RuntimeException failed = new IllegalStateException("attempt failed");
        // once the delay is at max more failures change nothing, so a long outage replays few
        for (int i = 0; i < failures && (i == 0 || run.getDelay().compareTo(max) < 0); i++) {
            run.recordException(failed);
        }
        return run.getDelay();
    }

    private RetryPolicy<Object> policy() {
        // Failsafe wants delay < maxDelay for a back-off; initial == max is a fixed delay
        return (initial.equals(max) ? RetryPolicy.builder().withDelay(initial)
                : RetryPolicy.builder().withBackoff(initial, max)).withMaxRetries(-1).build();
    }
}
