package io.leakwatch.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The recent points of one series of a target as growth detection judged them (its window), for a
 * capture's report to show the trend that triggered it.
 *
 * @param key     the series' {@link SeriesKey} in its text form (this record travels to the analysis JVM as JSON)
 * @param trigger true when this series' confirmation triggered the capture; false for a type that
 *                grows alongside and is explained by the same dump
 * @param summary one line saying how it grows, e.g. "live heap grows 12.0 MiB/h (+40% over 30 samples)"
 * @param points  oldest first, times strictly increasing; empty when detection keeps no window of it
 *                (a marker label)
 */
public record TrendSeries(String key, boolean trigger, String summary, List<Point> points) {

    public TrendSeries {
        SeriesKey.parse(key);
        Objects.requireNonNull(summary, "summary");
        points = List.copyOf(points);
        for (int i = 1; i < points.size(); i++) {
            if (!points.get(i).at().isAfter(points.get(i - 1).at())) {
                throw new IllegalArgumentException("points of " + key + " must have strictly increasing times: "
                        + points.get(i - 1).at() + " then " + points.get(i).at());
            }
        }
    }

    /** The whole live heap. */
    public boolean heap() {
        return SeriesKey.parse(key) instanceof SeriesKey.Heap;
    }

    /** The type as the histogram names it ({@code [B}), or "" when the series is not a type's. */
    public String type() {
        return SeriesKey.parse(key) instanceof SeriesKey.Type t ? t.className() : "";
    }

    /**
     * One sample of the series.
     *
     * @param at        when the sample was taken
     * @param bytes     live bytes (the heap, or the type's shallow bytes)
     * @param instances live instances of the type, -1 for the heap (not counted)
     */
    public record Point(Instant at, long bytes, long instances) {
        public Point {
            Objects.requireNonNull(at, "at");
            if (bytes < 0) {
                throw new IllegalArgumentException("bytes negative at " + at + ": " + bytes);
            }
            if (instances < -1) {
                throw new IllegalArgumentException("instances below -1 at " + at + ": " + instances);
            }
        }
    }
}
