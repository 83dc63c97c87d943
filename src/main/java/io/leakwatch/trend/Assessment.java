package io.leakwatch.trend;

import java.util.Objects;

/**
 * The outcome of one evaluation of one series over its current window.
 *
 * @param finding        the first test that failed, or {@link Finding#GROWING}
 * @param slopePerHour   Theil-Sen slope of the window, units (bytes, instances) per hour; 0 when
 *                       there were too few points to estimate it
 * @param relativeGrowth growth over the window relative to the window's median level
 *                       (0.1 = 10 %), 0 without an estimate
 * @param pValue         one-sided Mann-Kendall p-value of an upward trend, 1 without a test
 * @param samples        points in the window the evaluation used
 */
public record Assessment(Finding finding, double slopePerHour, double relativeGrowth, double pValue, int samples) {
    public Assessment {
        Objects.requireNonNull(finding, "finding");
        if (!Double.isFinite(slopePerHour) || !Double.isFinite(relativeGrowth)) {
            throw new IllegalArgumentException("slope and growth must be finite: " + slopePerHour + ", " + relativeGrowth);
        }
        if (!(pValue >= 0 && pValue <= 1)) {
            throw new IllegalArgumentException("pValue outside [0,1]: " + pValue);
        }
        if (samples < 0) {
            throw new IllegalArgumentException("samples negative: " + samples);
        }
    }

    static Assessment insufficient(int samples) {
        return new Assessment(Finding.INSUFFICIENT_DATA, 0, 0, 1, samples);
    }
}
