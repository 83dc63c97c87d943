package io.leakwatch.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.graph.GcRoot;
import io.leakwatch.graph.HeapIndex;
import io.leakwatch.hprof.GcRootKind;
import io.leakwatch.hprof.HprofTag;
import io.leakwatch.hprof.HprofWriter;
import io.leakwatch.hprof.HprofWriter.Field;
import io.leakwatch.hprof.ProgressListener;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DominatorTreeTest {

    /**
     * Random graphs (cycles, shared objects, unreachable parts, several roots): every object's
     * retained size from the tree equals what removing that object alone makes unreachable, found
     * by brute force (one search from the roots per object).
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void retainedSizesMatchBruteForceOnRandomGraphs(int seed) {
        Random rnd = new Random(seed);
        HprofWriter w = new HprofWriter(8);
        long node = w.defineClass("com.example.Node", 0, new Field("a", HprofTag.TYPE_OBJECT),
                new Field("b", HprofTag.TYPE_OBJECT), new Field("c", HprofTag.TYPE_OBJECT),
                new Field("pad", HprofTag.TYPE_INT));
        int n = 60 + rnd.nextInt(120);
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = w.instance(node, Map.of());
        }
        for (int i = 0; i < n; i++) {
            for (String f : new String[] {"a", "b", "c"}) {
                if (rnd.nextInt(4) > 0) {
                    // mostly forward edges (tree-like, as heaps are), some back edges for cycles
                    int j = rnd.nextInt(5) == 0 ? rnd.nextInt(n) : Math.min(n - 1, i + 1 + rnd.nextInt(6));
                    w.set(ids[i], f, ids[j]);
                }
            }
        }
        int roots = 1 + rnd.nextInt(4);
        for (int r = 0; r < roots; r++) {
            w.root(GcRootKind.JNI_GLOBAL, ids[rnd.nextInt(n / 3)]);
        }
        AnalysisRequest request = AnalysisRequest.forTypes("com.example.Node");
        byte[] dump = w.toBytes();
        HeapIndex index = TestHeaps.index(dump, request);

        DominatorTree tree = DominatorTree.compute(index, null, ProgressListener.NONE);

        // the index a suspects request builds keeps the object table: the same tree from it
        HeapIndex tabled = TestHeaps.index(dump, new AnalysisRequest(java.util.List.of(), false, 5, 0, false, true, false));
        DominatorTree fromTable = DominatorTree.compute(tabled, null, ProgressListener.NONE);
        assertThat(fromTable.nodeCount()).isEqualTo(tree.nodeCount());
        for (int v = 1; v < tree.nodeCount(); v++) {
            assertThat(new long[] {fromTable.objectOf(v), fromTable.idom(v), fromTable.type(v), fromTable.retained(v)})
                    .containsExactly(tree.objectOf(v), tree.idom(v), tree.type(v), tree.retained(v));
        }

        int objects = index.objectCount();
        boolean[] reachable = reach(index, -1);
        long total = 0;
        for (int k = 0; k < objects; k++) {
            if (reachable[k]) {
                total += index.shallowSize(k);
            }
        }
        assertThat(tree.retained(0)).isEqualTo(total);
        Map<Integer, Long> expected = new HashMap<>();
        Map<Integer, Long> actual = new HashMap<>();
        for (int x = 0; x < objects; x++) {
            if (!reachable[x]) {
                assertThat(tree.nodeOf(x)).isEqualTo(-1);
                continue;
            }
            boolean[] without = reach(index, x);
            long freed = 0;
            for (int k = 0; k < objects; k++) {
                if (reachable[k] && !without[k]) {
                    freed += index.shallowSize(k);
                }
            }
            expected.put(x, freed);
            actual.put(x, tree.retainedSize(x));
            assertThat(tree.objectOf(tree.nodeOf(x))).isEqualTo(x);
            assertThat(tree.dominates(tree.idom(tree.nodeOf(x)), tree.nodeOf(x))).isTrue();
        }
        assertThat(actual).isEqualTo(expected);
    }

    /** Objects a search from the roots reaches when {@code removed} (or nothing, -1) is taken out. */
    private static boolean[] reach(HeapIndex index, int removed) {
        boolean[] seen = new boolean[index.objectCount()];
        int[] queue = new int[index.objectCount()];
        int tail = 0;
        for (GcRoot r : index.roots()) {
            if (r.object() != removed && !seen[r.object()]) {
                seen[r.object()] = true;
                queue[tail++] = r.object();
            }
        }
        for (int head = 0; head < tail; head++) {
            int u = queue[head];
            for (int e = index.edgesStart(u); e < index.edgesEnd(u); e++) {
                int v = index.edgeTarget(e);
                if (v != removed && !seen[v]) {
                    seen[v] = true;
                    queue[tail++] = v;
                }
            }
        }
        return seen;
    }
}
