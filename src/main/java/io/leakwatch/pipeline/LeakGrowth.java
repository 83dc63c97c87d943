package io.leakwatch.pipeline;

import io.leakwatch.alert.LeakNotice;
import io.leakwatch.model.HistogramEntry;
import io.leakwatch.model.MarkerSurvival;
import io.leakwatch.model.Sample;
import io.leakwatch.model.SeriesKey;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How much an alerted leak grew since its notice was made, so the alert service can re-alert once
 * it grew by {@code growthFactor}: a notice's magnitude (the bytes a capture found retained, or the
 * growth rate when there was no dump) is fixed when it is made, and a leak that keeps growing
 * confirms nothing new, so without this a leak could grow 15-fold and never alert again. The size
 * of the series behind a notice (live heap, the type's bytes in the histogram, surviving marked
 * objects) is taken from the latest sample; the notice's magnitude is scaled by how much that size
 * grew since the notice was first reported.
 *
 * <p>{@link #observe} runs on the sampling threads (it only keeps the sample); the rest on the
 * responder's worker thread. Memory only: after a daemon restart growth counts from then.
 */
final class LeakGrowth {

    /** A notice as first reported: its magnitude then, and the size of each of its series then. */
    private record Baseline(long magnitude, Map<SeriesKey, Long> sizes) {
    }

    private final Map<String, Sample> latest = new ConcurrentHashMap<>();
    /** Per target, per signature. */
    private final Map<String, Map<String, Baseline>> baselines = new HashMap<>();

    /** Keeps {@code sample} as its target's latest. */
    void observe(Sample sample) {
        latest.put(sample.target(), sample);
    }

    /**
     * {@code notice}, its magnitude scaled by the growth of {@code seriesKeys} (the triggers it
     * stands for) since it was first reported; the summary says by how much once that shows.
     */
    LeakNotice scaled(LeakNotice notice, Set<SeriesKey> seriesKeys) {
        Sample now = latest.get(notice.target());
        if (now == null) {
            return notice;
        }
        Map<String, Baseline> byTarget = baselines.computeIfAbsent(notice.target(), t -> new HashMap<>());
        Baseline base = byTarget.get(notice.signature());
        if (base == null || base.magnitude() != notice.magnitude()) {
            // a new notice (a later capture measured the leak again): growth counts from here
            base = new Baseline(notice.magnitude(), new HashMap<>());
            byTarget.put(notice.signature(), base);
        }
        long then = 0;
        long current = 0;
        for (SeriesKey key : seriesKeys) {
            long size = size(now, key);
            if (size < 0) {
                continue;
            }
            then += base.sizes().computeIfAbsent(key, k -> size);
            current += size;
        }
        if (then <= 0 || current <= then) {
            return notice;
        }
        double factor = (double) current / then;
        long magnitude = (long) Math.min(Long.MAX_VALUE / 2.0, notice.magnitude() * factor);
        String summary = factor < 1.1 ? notice.summary()
                : notice.summary() + String.format(Locale.ROOT, " (grown %.1f× since first alerted)", factor);
        return new LeakNotice(notice.target(), notice.signature(), summary, notice.topChains(), notice.reportUrl(),
                notice.labels(), magnitude, notice.allocationSites());
    }

    /** The target's process restarted or stopped leaking: its sizes no longer apply. */
    void forget(String target) {
        baselines.remove(target);
    }

    /** Bytes (objects, for a marker label) of the series {@code key} in {@code sample}, or -1 when absent. */
    private static long size(Sample sample, SeriesKey key) {
        if (key instanceof SeriesKey.Type type) {
            for (HistogramEntry e : sample.histogram().entries()) {
                if (e.className().equals(type.className())) {
                    return e.bytes();
                }
            }
            return -1;
        }
        if (key instanceof SeriesKey.Marker marker) {
            for (MarkerSurvival m : sample.markers()) {
                if (m.label().equals(marker.label())) {
                    return m.alive();
                }
            }
            return -1;
        }
        return sample.liveHeapBytes();
    }
}
