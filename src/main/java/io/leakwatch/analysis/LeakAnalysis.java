package io.leakwatch.analysis;

import java.util.List;

/**
 * The answer to an {@link AnalysisRequest}: why the chosen objects are alive.
 *
 * @param format      the dump's format name
 * @param objects     objects in the dump
 * @param references  strong references indexed
 * @param gcRoots     GC root records
 * @param suspects    the whole heap's leak suspects, or null when the request did not ask for them
 * @param unknownTypes requested type names the dump has no class of, each with the closest names it has
 */
public record LeakAnalysis(String format, int idSize, long objects, long references, int gcRoots,
                           List<TargetGroup> groups, HeapSuspects suspects, List<UnknownType> unknownTypes) {

    /** An analysis without suspects, every requested type found. */
    public LeakAnalysis(String format, int idSize, long objects, long references, int gcRoots,
                        List<TargetGroup> groups) {
        this(format, idSize, objects, references, gcRoots, groups, null, List.of());
    }

    public LeakAnalysis {
        groups = List.copyOf(groups);
        unknownTypes = List.copyOf(unknownTypes);
    }

    /** A requested type the dump does not have, and the names it has that come closest. */
    public record UnknownType(String name, List<String> closest) {
        public UnknownType {
            closest = List.copyOf(closest);
        }
    }
}
