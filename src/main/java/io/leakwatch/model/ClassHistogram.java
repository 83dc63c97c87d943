package io.leakwatch.model;

import java.util.List;
import java.util.Objects;

/**
 * A class histogram: live instances and shallow bytes per type, largest first as the JVM
 * prints them.
 *
 * @param entries        one entry per type
 * @param totalInstances total instances over all types
 * @param totalBytes     total shallow bytes over all types
 */
public record ClassHistogram(List<HistogramEntry> entries, long totalInstances, long totalBytes) {
    public ClassHistogram {
        entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
        if (totalInstances < 0 || totalBytes < 0) {
            throw new IllegalArgumentException("negative totals");
        }
    }

    /** A histogram whose totals are the sums of its entries. */
    public static ClassHistogram of(List<HistogramEntry> entries) {
        long instances = 0;
        long bytes = 0;
        for (HistogramEntry e : entries) {
            instances += e.instances();
            bytes += e.bytes();
        }
        return new ClassHistogram(entries, instances, bytes);
    }
}
