package io.leakwatch.graph;

import java.util.Set;

/**
 * What the index collects beyond the graph itself, so it can be gathered in the same pass.
 *
 * @param collectTypes   type names whose instances are listed ({@link HeapIndex#instancesOf})
 * @param limitPerType   at most this many instances listed per type (address order), 0 = all
 * @param markerClass    class whose instances mark objects (referent), or null for none
 */
public record IndexOptions(Set<String> collectTypes, int limitPerType, String markerClass) {

    public static final String DEFAULT_MARKER_CLASS = "io.leakwatch.markers.MarkRef";

    public IndexOptions {
        collectTypes = Set.copyOf(collectTypes);
        if (limitPerType < 0) {
            throw new IllegalArgumentException("limitPerType must be >= 0, was " + limitPerType);
        }
    }
}
