package io.leakwatch.trend;

/**
 * The newest points of one series, bounded by count and by age relative to the newest point.
 * Kept as plain arrays the detector reads directly.
 */
final class SeriesWindow {

    private final long maxAgeMillis;
    private final long[] at;
    private final double[] values;
    private int size;

    SeriesWindow(int capacity, long maxAgeMillis) {
        this.maxAgeMillis = maxAgeMillis;
        this.at = new long[capacity];
        this.values = new double[capacity];
    }

    void add(long atMillis, double value) {
        if (size == at.length) {
            drop(1);
        }
        at[size] = atMillis;
        values[size] = value;
        size++;
        int old = 0;
        while (old < size && at[old] < atMillis - maxAgeMillis) {
            old++;
        }
        drop(old);
    }

    private void drop(int count) {
        if (count == 0) {
            return;
        }
        System.arraycopy(at, count, at, 0, size - count);
        System.arraycopy(values, count, values, 0, size - count);
        size -= count;
    }

    /**
     * Moves the oldest {@code count} points by {@code delta}: what came before a step not of the
     * series' own making is levelled with it.
     */
    void shiftOldest(int count, double delta) {
        if (count < 0 || count > size) {
            throw new IllegalArgumentException("count out of range: " + count);
        }
        for (int i = 0; i < count; i++) {
            values[i] += delta;
        }
    }

    int size() {
        return size;
    }

    long[] times() {
        return at;
    }

    double[] values() {
        return values;
    }

    double latest() {
        return size == 0 ? 0 : values[size - 1];
    }
}
