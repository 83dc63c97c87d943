package io.leakwatch.trend;

/** What changed in one update, so the caller can capture a dump or alert exactly once. */
public enum Transition {
    /** Nothing changed. */
    NONE,
    /** OK to SUSPECT. */
    SUSPECTED,
    /** SUSPECT back to OK before it was confirmed. */
    DISMISSED,
    /** SUSPECT to CONFIRMED: the moment to capture and alert. */
    CONFIRMED,
    /** CONFIRMED back to OK after enough negative evaluations. */
    CLEARED
}
