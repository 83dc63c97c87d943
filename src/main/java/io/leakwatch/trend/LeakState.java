package io.leakwatch.trend;

/** Where a series stands; the number is the value of the {@code leakwatch_leak_state} gauge. */
public enum LeakState {
    /** No sustained growth (or not enough data to say). */
    OK(0),
    /** Growing in the latest evaluations, not yet for long enough to confirm. */
    SUSPECT(1),
    /** Grew in enough consecutive evaluations; stays until enough consecutive ones do not. */
    CONFIRMED(2);

    private final int metricValue;

    LeakState(int metricValue) {
        this.metricValue = metricValue;
    }

    /** 0 ok, 1 suspect, 2 confirmed, as exported. */
    public int metricValue() {
        return metricValue;
    }
}
