package io.leakwatch.analysis;

import java.util.List;

/**
 * One accumulation point of the whole heap's dominator tree, as MAT's leak suspects report names
 * them: an object that keeps a large share of the heap alive, and where that memory fans out.
 *
 * @param type              the type of the object the culprit reference holds (the suspect: a list,
 *                          a map, a cache), or of the accumulation point when no reference qualifies
 * @param culprit           the reference that holds the suspect ({@code OrderService.ORDERS}), or the
 *                          chain's root text when none does
 * @param retainedBytes     what the suspect alone keeps alive
 * @param heapShare         retainedBytes over the strongly reachable heap (0..1)
 * @param accumulationType  the type of the accumulation point (the object whose children hold the memory)
 * @param accumulationBytes what the accumulation point alone keeps alive
 * @param fanOut            objects the accumulation point immediately dominates
 * @param retainedTypes     the types kept alive under the accumulation point, most bytes first
 * @param chain             shortest strong path from a GC root to the accumulation point (its last
 *                          hop), the culprit hop set, the JDK-internal hops flagged in
 *                          {@link #collapsedHops}
 * @param collapsedHops     the first hops (1..collapsedHops) are JDK internals on the way to the
 *                          application (class loading, module tables); a report folds them
 * @param jdkInternal       no application type declares any reference on the chain: the memory is
 *                          the JDK's own (method handles, reflection caches, class-loading tables)
 */
public record LeakSuspect(String type, String culprit, long retainedBytes, double heapShare,
                          String accumulationType, long accumulationBytes, int fanOut,
                          List<RetainedType> retainedTypes, RetentionChain chain, int collapsedHops,
                          boolean jdkInternal) {

    public LeakSuspect {
        retainedTypes = List.copyOf(retainedTypes);
        if (retainedBytes < 0 || accumulationBytes < 0 || fanOut < 0) {
            throw new IllegalArgumentException("sizes and fan-out must be >= 0");
        }
        if (collapsedHops < 0 || collapsedHops >= chain.hops().size()) {
            throw new IllegalArgumentException("collapsedHops out of range: " + collapsedHops);
        }
    }

    /** Instances and bytes of one type kept alive under an accumulation point. */
    public record RetainedType(String type, long instances, long bytes) {
    }
}
