package io.leakwatch.heap;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.analysis.AnalysisRequest;
import io.leakwatch.analysis.LeakAnalysis;
import io.leakwatch.analysis.LeakSignature;
import io.leakwatch.analysis.TargetGroup;
import io.leakwatch.heap.testapp.SessionLeakApp;
import io.leakwatch.hprof.ProgressListener;
import io.leakwatch.testing.ChildJvm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.Set;
import shark.CloseableHeapGraph;
import shark.HprofHeapGraph;
import shark.IgnoredReferenceMatcher;
import shark.ReferenceMatcher;
import shark.ReferencePattern;
import shark.internal.ChainingInstanceReferenceReader;
import shark.internal.ClassReferenceReader;
import shark.internal.DelegatingObjectReferenceReader;
import shark.internal.FieldInstanceReferenceReader;
import shark.internal.ObjectArrayReferenceReader;
import shark.internal.PathFinder;
import shark.internal.ReferencePathNode;

/**
 * Square's Shark as an oracle: on the same real dump, every chain we report is exactly as long
 * as Shark's shortest path to that object. Shark is told, like us, not to follow the referents of
 * java.lang.ref references.
 */
class SharkCrossCheckIT {

    @TempDir
    Path dir;

    @Test
    void ourPathsAreAsShortAsShark() throws Exception {
        Path dump = RealDumps.dump(ChildJvm.currentJava(), SessionLeakApp.class, dir.resolve("d.hprof"), false, false,
                "300");
        LeakAnalysis ours = DumpAnalyzer.analyze(dump, new AnalysisRequest(List.of(
                SessionLeakApp.Session.class.getName(), "java.lang.String", "java.util.HashMap$Node",
                "java.util.concurrent.ConcurrentHashMap$Node"),
                false, 4, 0, false), ProgressListener.NONE);
        List<long[]> compared = new ArrayList<>();
        for (TargetGroup g : ours.groups()) {
            for (LeakSignature s : g.signatures()) {
                var hops = s.example().hops();
                long id = hops.get(hops.size() - 1).objectId();
                int shark = sharkPathLength(dump, id);
                compared.add(new long[] {id, s.example().length(), shark});
                assertThat(s.example().length()).as("path length to 0x%x (%s, signature:%n%s)", id, g.name(), s.key())
                        .isEqualTo(shark);
            }
        }
        // primitive arrays are left out: Shark's path finder never enqueues them, so it finds no path
        assertThat(compared).hasSizeGreaterThanOrEqualTo(10);
    }

    /**
     * Shark's shortest path length over the raw object graph. Shark's HeapAnalyzer would also
     * collapse OpenJDK collections into virtual "array-like" hops (ArrayList[i] for elementData +
     * [i]); we report real fields, so Shark's PathFinder is given its plain readers only: fields
     * (referents ignored), static fields and array slots.
     */
    private static int sharkPathLength(Path dump, long objectId) throws Exception {
        List<ReferenceMatcher> ignored = new ArrayList<>();
        for (String ref : List.of("java.lang.ref.Reference", "java.lang.ref.WeakReference",
                "java.lang.ref.SoftReference", "java.lang.ref.PhantomReference", "java.lang.ref.Finalizer",
                "java.lang.ref.FinalReference")) {
            ignored.add(new IgnoredReferenceMatcher(new ReferencePattern.InstanceFieldPattern(ref, "referent")));
        }
        try (CloseableHeapGraph graph = HprofHeapGraph.Companion.openHeapGraph(
                dump.toFile(), null, shark.HprofIndex.Companion.defaultIndexedGcRootTags())) {
            PathFinder finder = new PathFinder(graph, step -> { }, new DelegatingObjectReferenceReader(
                    new ClassReferenceReader(graph, ignored),
                    new ChainingInstanceReferenceReader(List.of(), new FieldInstanceReferenceReader(graph, ignored)),
                    new ObjectArrayReferenceReader()), ignored);
            List<ReferencePathNode> found = finder.findPathsFromGcRoots(Set.of(objectId), false).getPathsToLeakingObjects();
            assertThat(found).as("Shark finds a path to 0x%x", objectId).hasSize(1);
            int length = 0;
            for (ReferencePathNode node = found.get(0); node instanceof ReferencePathNode.ChildNode child;
                    node = child.getParent()) {
                length++;
            }
            return length;
        }
    }
}
