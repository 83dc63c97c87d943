package io.leakwatch.demo;

import io.leakwatch.model.ClassHistogram;
import io.leakwatch.model.HistogramEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How each type changed between two histograms of one JVM.
 *
 * @param className the type
 * @param instances change in live instances
 * @param bytes     change in shallow bytes
 */
public record HistogramGrowth(String className, long instances, long bytes) {

    /** The types that grew in bytes from {@code first} to {@code now}, most first, at most {@code limit}. */
    public static List<HistogramGrowth> between(ClassHistogram first, ClassHistogram now, int limit) {
        Map<String, HistogramEntry> before = new HashMap<>();
        for (HistogramEntry e : first.entries()) {
            before.merge(e.className(), e, (a, b) -> new HistogramEntry(a.className(), a.module(),
                    a.instances() + b.instances(), a.bytes() + b.bytes()));
        }
        List<HistogramGrowth> grew = new ArrayList<>();
        for (HistogramEntry e : now.entries()) {
            HistogramEntry b = before.get(e.className());
            long di = e.instances() - (b == null ? 0 : b.instances());
            long db = e.bytes() - (b == null ? 0 : b.bytes());
            if (db > 0) {
                grew.add(new HistogramGrowth(e.className(), di, db));
            }
        }
        grew.sort(Comparator.comparingLong(HistogramGrowth::bytes).reversed());
        return grew.subList(0, Math.min(limit, grew.size()));
    }
}
