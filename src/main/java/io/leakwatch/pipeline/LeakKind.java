package io.leakwatch.pipeline;

import io.leakwatch.model.SeriesKey;

/** What kind of leak an alert is about, named by the {@code kind} label its alerts carry. */
enum LeakKind {
    /** The whole live heap grows. */
    HEAP_GROWTH("heap_growth"),
    /** One type grows. */
    TYPE_GROWTH("type_growth"),
    /** Objects the application marked as dead survive their grace period. */
    MARKER("marker");

    private final String label;

    LeakKind(String label) {
        this.label = label;
    }

    /** The value of the alert's {@code kind} label. */
    String label() {
        return label;
    }

    /** The kind of leak a confirmed {@code series} is. */
    static LeakKind of(SeriesKey series) {
        if (series instanceof SeriesKey.Marker) {
            return MARKER;
        }
        return series instanceof SeriesKey.Type ? TYPE_GROWTH : HEAP_GROWTH;
    }
}
