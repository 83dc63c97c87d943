package io.leakwatch.analysis;

import io.leakwatch.graph.TypeNames;
import java.util.List;

/**
 * What to explain in a dump.
 *
 * @param types      fully qualified type names whose instances are targets ("java.util.HashMap$Node",
 *                   "byte[]"; descriptors such as "[B" are read as their source names); empty with
 *                   {@code markers} and {@code suspects} false means: the {@code top} types holding the
 *                   most shallow memory
 * @param markers    also target the surviving objects marked through {@code io.leakwatch.markers.MarkRef},
 *                   grouped by label
 * @param top        signatures reported per target group, and types picked when none are named
 * @param limit      at most this many instances analyzed per type (the first in dump order), 0 = all
 * @param showValues whether String and primitive values read from the heap may appear in the result
 * @param suspects   also find leak suspects: accumulation points of the whole heap's dominator tree
 * @param jdkInternals report suspects made only of JDK internals and their chains unfolded (else
 *                   counted and folded)
 */
public record AnalysisRequest(List<String> types, boolean markers, int top, int limit, boolean showValues,
                              boolean suspects, boolean jdkInternals) {

    /** A request without leak suspects. */
    public AnalysisRequest(List<String> types, boolean markers, int top, int limit, boolean showValues) {
        this(types, markers, top, limit, showValues, false, false);
    }

    public AnalysisRequest {
        // one spelling for types: descriptors ([B, [Ljava.lang.String;) become source names (byte[])
        types = types.stream().map(t -> t.isBlank() ? t : TypeNames.javaName(t.strip())).distinct().toList();
        if (top < 1) {
            throw new IllegalArgumentException("top must be >= 1, was " + top);
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0 (0 = all), was " + limit);
        }
        for (String t : types) {
            if (t.isBlank()) {
                throw new IllegalArgumentException("type names must not be blank");
            }
        }
    }

    /** Instances of the given types, top 5 signatures, all instances, values redacted. */
    public static AnalysisRequest forTypes(String... types) {
        return new AnalysisRequest(List.of(types), false, 5, 0, false);
    }

    /** Surviving marked objects, grouped by label. */
    public static AnalysisRequest forMarkers() {
        return new AnalysisRequest(List.of(), true, 5, 0, false);
    }

    /** Whether the caller named no types, no markers and no suspects, so the biggest types are picked. */
    public boolean picksTopTypes() {
        return types.isEmpty() && !markers && !suspects;
    }
}
