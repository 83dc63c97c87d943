package io.leakwatch.sample;

import java.time.Duration;
import java.util.Objects;

/**
 * How much stop-the-world time sampling may cost one JVM.
 *
 * @param budget          fraction of wall time that forced histograms may pause the target, over
 *                        any {@code window} (0.001 = 0.1 %); 1 or more takes a histogram every round
 * @param maxPause        the longest one histogram may pause it: above that the histogram is taken
 *                        without its forced GC ({@code -all}), and above that too it is skipped
 * @param escalationPause extra pause per {@code window}, spent only while detection asks for
 *                        histograms sooner (the heap trend is suspect, marked objects survive)
 * @param window          the sliding window the spending is counted over
 */
public record PausePolicy(double budget, Duration maxPause, Duration escalationPause, Duration window) {

    /**
     * The shipped defaults: 0.1 %, at most 5 s per histogram, 90 s of escalation per hour. Naming a
     * type takes {@code minSamples + confirmAfter} (15) histograms; at 1.5 GiB live each {@code -all}
     * walk stops the target 1.2-3.8 s, and 30 s bought 10 of them, so the type was never named
     * (src/bench/results/pause.md). Spent only while the heap is suspect.
     */
    public static final PausePolicy DEFAULTS = new PausePolicy(0.001, Duration.ofSeconds(5), Duration.ofSeconds(90),
            Duration.ofHours(1));

    /** A histogram every round, whatever it costs (the one-shot {@code sample} command, tests). */
    public static final PausePolicy UNLIMITED = new PausePolicy(1.0, Duration.ofDays(1), Duration.ZERO,
            Duration.ofHours(1));

    public PausePolicy {
        Objects.requireNonNull(maxPause, "maxPause");
        Objects.requireNonNull(escalationPause, "escalationPause");
        Objects.requireNonNull(window, "window");
        if (!(budget > 0) || Double.isInfinite(budget)) {
            throw new IllegalArgumentException("budget must be a positive fraction: " + budget);
        }
        if (maxPause.isNegative() || maxPause.isZero() || escalationPause.isNegative()
                || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("maxPause and window must be positive, escalationPause not negative");
        }
    }

    /** True when every round gets a histogram (no pacing at all). */
    public boolean unlimited() {
        return budget >= 1.0;
    }
}
