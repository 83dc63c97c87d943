package io.leakwatch.history;

import java.time.Duration;
import java.util.Objects;

/**
 * How much history is kept per target. Keep at least the detector's window (its {@code maxAge}
 * and {@code maxSamples}) so a restarted daemon can re-seed the tracker fully.
 *
 * @param maxAge     records older than this (by the store's clock) are dropped
 * @param maxSamples at most this many newest records are kept
 */
public record HistoryRetention(Duration maxAge, int maxSamples) {
    public HistoryRetention {
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("history retention maxAge = " + maxAge + " must be positive");
        }
        if (maxSamples < 1) {
            throw new IllegalArgumentException("history retention maxSamples = " + maxSamples + " must be at least 1");
        }
    }

    /** A day, and up to 2000 samples (a week at one sample every 5 minutes). */
    public static HistoryRetention defaults() {
        return new HistoryRetention(Duration.ofDays(1), 2000);
    }
}
