package io.leakwatch.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What growth detection saw when it confirmed a leak: the target's heap at the confirming sample
 * and the growing series with their recent points. Handed down with the capture request to the
 * report, which charts it; detection and the report never meet otherwise.
 *
 * @param liveHeapBytes live heap at the confirming sample (after its GC), 0 when unknown
 * @param heapMaxBytes  the target's maximum heap, 0 when unknown or undefined
 * @param series        the triggering series first, then the types growing with them; one per key
 */
public record LeakTrend(long liveHeapBytes, long heapMaxBytes, List<TrendSeries> series) {

    /** Nothing known: a capture not triggered by detection. */
    public static final LeakTrend NONE = new LeakTrend(0, 0, List.of());

    public LeakTrend {
        if (liveHeapBytes < 0 || heapMaxBytes < 0) {
            throw new IllegalArgumentException("heap sizes must not be negative: live " + liveHeapBytes
                    + ", max " + heapMaxBytes);
        }
        series = List.copyOf(series);
        if (series.stream().map(TrendSeries::key).distinct().count() != series.size()) {
            throw new IllegalArgumentException("one series per key: "
                    + series.stream().map(TrendSeries::key).toList());
        }
    }

    /** The triggering series. */
    public List<TrendSeries> triggers() {
        return series.stream().filter(TrendSeries::trigger).toList();
    }

    /**
     * This trend with the series of {@code older} it lacks added after its own, for leaks that wait
     * together for the next capture: a series keeps this trend's (newer) points, and stays a trigger
     * when it was one in either.
     */
    public LeakTrend plus(LeakTrend older) {
        Map<String, TrendSeries> byKey = new LinkedHashMap<>();
        series.forEach(s -> byKey.put(s.key(), s));
        older.series().forEach(o -> byKey.merge(o.key(), o, (mine, old) -> mine.trigger() || !old.trigger() ? mine
                : new TrendSeries(mine.key(), true, old.summary(), mine.points())));
        return new LeakTrend(liveHeapBytes, heapMaxBytes, List.copyOf(byKey.values()));
    }
}
