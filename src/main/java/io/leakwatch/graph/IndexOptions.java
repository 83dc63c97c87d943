package io.leakwatch.graph;

import java.util.Set;

/**
 * What the index collects beyond the graph itself, so it can be gathered in the same pass.
 *
 * @param collectTypes   type names whose instances are listed ({@link HeapIndex#instancesOf})
 * @param limitPerType   at most this many instances listed per type (dump order), 0 = all
 * @param markerClass    class whose instances mark objects (referent), or null for none
 * @param threads        1 reads the dump on the calling thread; 2 splits the heap segments in two
 *                       halves read at once (dumps of one segment are always read by one thread)
 * @param objectTable    whether each object's type and shallow size are kept (8 more bytes per
 *                       object), for analyses that visit every object, such as the whole heap's
 *                       dominator tree: they then need not read the dump a second time
 */
public record IndexOptions(Set<String> collectTypes, int limitPerType, String markerClass, int threads,
                           boolean objectTable) {

    public static final String DEFAULT_MARKER_CLASS = "io.leakwatch.markers.MarkRef";

    public IndexOptions {
        collectTypes = Set.copyOf(collectTypes);
        if (threads < 1 || threads > 2) {
            throw new IllegalArgumentException("threads must be 1 or 2, was " + threads);
        }
        if (limitPerType < 0) {
            throw new IllegalArgumentException("limitPerType must be >= 0, was " + limitPerType);
        }
    }

    /** Without the object table. */
    public IndexOptions(Set<String> collectTypes, int limitPerType, String markerClass, int threads) {
        this(collectTypes, limitPerType, markerClass, threads, false);
    }

    /** Two threads when the machine has two cores or more; without the object table. */
    public IndexOptions(Set<String> collectTypes, int limitPerType, String markerClass) {
        this(collectTypes, limitPerType, markerClass, Runtime.getRuntime().availableProcessors() > 1 ? 2 : 1);
    }

    /** These options with the object table kept or not. */
    public IndexOptions withObjectTable(boolean keep) {
        return new IndexOptions(collectTypes, limitPerType, markerClass, threads, keep);
    }
}
