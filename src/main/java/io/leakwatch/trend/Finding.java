package io.leakwatch.trend;

/** Why one evaluation of a series came out as it did; only {@link #GROWING} counts as positive. */
public enum Finding {
    /** Too few samples or too short a span after the warm-up. */
    INSUFFICIENT_DATA,
    /** The Mann-Kendall test finds no significant upward trend. */
    NO_TREND,
    /** A trend, but slower than the absolute or relative thresholds. */
    BELOW_THRESHOLD,
    /** The lower envelope (minima per sawtooth period) does not rise: periodic fill and release. */
    SAWTOOTH,
    /**
     * The most recent part of the window no longer rises, or "rise, then flat" fits far better
     * than a line: growth that stopped.
     */
    PLATEAU,
    /** The recent half rises significantly slower than the older half: a cache filling to a bound. */
    DECELERATING,
    /** One level shift explains the window better than a line: a step, not a steady growth. */
    STEP,
    /** Sustained growth: every test passed. */
    GROWING
}
