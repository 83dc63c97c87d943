package io.leakwatch.model;

/**
 * How a sample was taken, from the dearest to the free one.
 *
 * <ul>
 *   <li>{@link #HISTOGRAM}: {@code GC.class_histogram}, a forced full GC and a heap walk in one
 *       safepoint; types and live heap are exact.</li>
 *   <li>{@link #HISTOGRAM_NO_GC}: {@code GC.class_histogram -all}, the heap walk without the GC, for
 *       a target whose full histogram would pause it longer than {@code maxPause}; type counts
 *       include garbage not yet collected.</li>
 *   <li>{@link #GC_REPORTED}: no pause at all; the live heap is what the target's own last
 *       collection reported, and there are no types. The budget did not allow a histogram now.</li>
 *   <li>{@link #SKIPPED_MAX_PAUSE}: like {@link #GC_REPORTED}, but a histogram was due and even
 *       its {@code -all} form would pause the target longer than {@code maxPause}.</li>
 * </ul>
 */
public enum SampleTier {
    HISTOGRAM("histogram"),
    HISTOGRAM_NO_GC("histogram_no_gc"),
    GC_REPORTED("gc_reported"),
    SKIPPED_MAX_PAUSE("skipped_max_pause");

    private final String label;

    SampleTier(String label) {
        this.label = label;
    }

    /** The metric label value. */
    public String label() {
        return label;
    }

    /** True when the sample carries a class histogram. */
    public boolean hasHistogram() {
        return this == HISTOGRAM || this == HISTOGRAM_NO_GC;
    }
}
