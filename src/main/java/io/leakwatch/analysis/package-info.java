/**
 * Why objects are alive (pure): {@link io.leakwatch.analysis.LeakAnalyzer} answers an
 * {@link io.leakwatch.analysis.AnalysisRequest} with a {@link io.leakwatch.analysis.LeakAnalysis}.
 *
 * <ul>
 *   <li>{@link io.leakwatch.analysis.ShortestPaths}: one breadth-first search from all GC roots over
 *       strong references (referents of java.lang.ref.Reference subclasses are not edges, so objects
 *       held only weakly, softly, phantom-ly or by a finalizer count as not strongly reachable and are
 *       never reported as leaks).</li>
 *   <li>Signatures: alike chains grouped by root kind and type, then holder type and field or
 *       array slot per hop (indexes folded), then target type, names without run-specific ids
 *       ({@link io.leakwatch.analysis.SignatureNames}). Each signature shows one full chain
 *       and the hop where its instances' chains fan out (the accumulation point); alerts key
 *       signatures by that point ({@link io.leakwatch.analysis.AccumulationPoint}), the same for
 *       every type it keeps, in every capture and every process of the program.</li>
 *   <li>{@link io.leakwatch.analysis.RetainedSizes}: a dominator tree (semi-NCA, iterative) over only
 *       the objects that are reachable solely through the targets, found by a search from the roots
 *       that avoids all targets; the retained size of a set of targets (a signature, a group) is what
 *       removing the whole set frees, found by one more search inside that subgraph.</li>
 *   <li>Leak suspects ({@link io.leakwatch.analysis.SuspectFinder}, after Eclipse MAT's FindLeaksQuery):
 *       {@link io.leakwatch.analysis.DominatorTree} over the whole strongly reachable heap (semi-NCA over
 *       int arrays, a virtual root above every GC root; about 24 bytes per object remain, 28 plus 4 per
 *       reference while it is built), then the nodes that keep at least 10 % of the heap beyond their
 *       own big children, each descended to its accumulation point, with the shortest chain to it, the
 *       culprit reference (the last application-declared field on the way, else the last static, or the
 *       thread-local map), the types it retains (summed from the tree), and the JDK-internal
 *       prefix of the chain (class loading, module tables) flagged for folding. Suspects whose chain no
 *       application type declares (method-handle and reflection caches, loader tables) are counted and
 *       left out unless asked for.</li>
 *   <li>Markers: objects that are the referent of live {@code io.leakwatch.markers.MarkRef}
 *       instances (the application declared them dead), grouped by the MarkRef's label.</li>
 * </ul>
 *
 * <p>Heap values (String contents, boxed primitives) appear in a result only when the request allows
 * it; otherwise {@link io.leakwatch.analysis.ChainHop#REDACTED}. Thread names and marker labels are
 * always shown: they identify the root and the group.
 */
package io.leakwatch.analysis;
