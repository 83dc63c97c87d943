package io.leakwatch.analysis;

import java.util.List;

/**
 * The answer to an {@link AnalysisRequest}: why the chosen objects are alive.
 *
 * @param format      the dump's format name
 * @param objects     objects in the dump
 * @param references  strong references indexed
 * @param gcRoots     GC root records
 */
public record LeakAnalysis(String format, int idSize, long objects, long references, int gcRoots,
                           List<TargetGroup> groups) {
    public LeakAnalysis {
        groups = List.copyOf(groups);
    }
}
