package io.leakwatch.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.graph.GcRoot;
import io.leakwatch.graph.HeapIndex;
import io.leakwatch.hprof.GcRootKind;
import io.leakwatch.hprof.HprofTag;
import io.leakwatch.hprof.HprofWriter;
import io.leakwatch.hprof.HprofWriter.Field;
import io.leakwatch.hprof.ProgressListener;
import java.util.Arrays;
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

        DominatorTree tree = DominatorTree.compute(index, ProgressListener.NONE);

        // the index a suspects request builds keeps the object table: the same tree from it
        HeapIndex tabled = TestHeaps.index(dump, new AnalysisRequest(java.util.List.of(), false, 5, 0, false, true, false));
        DominatorTree fromTable = DominatorTree.compute(tabled, ProgressListener.NONE);
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

    /**
     * Immediate dominators against a simple reference, the iterative algorithm of Cooper, Harvey
     * and Kennedy, on larger random heaps: object arrays with many referrers, cycles, several roots,
     * and long chains whose ends point back to their start (a path compression deeper than the
     * sweep's first work stack).
     */
    @ParameterizedTest
    @ValueSource(ints = {11, 12, 13, 14, 15, 16})
    void immediateDominatorsMatchCooperHarveyKennedy(int seed) {
        Random rnd = new Random(seed);
        HprofWriter w = new HprofWriter(8).segmentsOf(500);
        long node = w.defineClass("com.example.Node", 0, new Field("a", HprofTag.TYPE_OBJECT),
                new Field("b", HprofTag.TYPE_OBJECT));
        long arrayClass = w.defineClass("java.lang.Object[]", 0);
        int n = 3000 + rnd.nextInt(3000);
        long[] ids = new long[n];
        int chain = 1500 + rnd.nextInt(1500);
        int chainStart = rnd.nextInt(n - chain);
        boolean[] isArray = new boolean[n];
        for (int i = 0; i < n; i++) {
            isArray[i] = (i < chainStart || i >= chainStart + chain) && rnd.nextInt(10) == 0;
            ids[i] = isArray[i] ? w.objectArray(arrayClass) : w.instance(node, Map.of());
        }
        for (int i = 0; i < n; i++) {
            if (i >= chainStart && i < chainStart + chain) {
                // a chain whose last link points back to its first
                w.set(ids[i], "a", ids[i + 1 < chainStart + chain ? i + 1 : chainStart]);
                continue;
            }
            long[] refs = new long[isArray[i] ? rnd.nextInt(8) : 2];
            for (int f = 0; f < refs.length; f++) {
                if (rnd.nextInt(5) > 0) {
                    refs[f] = ids[rnd.nextInt(4) == 0 ? rnd.nextInt(n) : Math.min(n - 1, i + 1 + rnd.nextInt(20))];
                }
            }
            if (isArray[i]) {
                w.setElements(ids[i], refs);
            } else {
                w.set(ids[i], "a", refs[0]).set(ids[i], "b", refs[1]);
            }
        }
        for (int i = 0; i < 40; i++) {
            long[] slots = new long[1 + rnd.nextInt(30)];
            for (int s = 0; s < slots.length; s++) {
                slots[s] = ids[rnd.nextInt(n)];
            }
            long array = w.objectArray(arrayClass, slots);
            int holder = rnd.nextInt(n);
            while (isArray[holder] || holder >= chainStart && holder < chainStart + chain) {
                holder = rnd.nextInt(n);
            }
            w.set(ids[holder], "b", array);
        }
        w.root(GcRootKind.JNI_GLOBAL, ids[chainStart + chain / 2]);
        for (int r = 0, roots = 1 + rnd.nextInt(6); r < roots; r++) {
            w.root(r % 2 == 0 ? GcRootKind.STICKY_CLASS : GcRootKind.JAVA_FRAME, ids[rnd.nextInt(n)]);
        }
        HeapIndex index = TestHeaps.index(w.toBytes(), new AnalysisRequest(java.util.List.of(), false, 5, 0, false, true, false));

        DominatorTree tree = DominatorTree.compute(index, ProgressListener.NONE);

        int[] expected = cooperHarveyKennedy(index);
        int checked = 0;
        for (int k = 0; k < index.objectCount(); k++) {
            if (expected[k] == UNREACHABLE) {
                assertThat(tree.nodeOf(k)).isEqualTo(-1);
                continue;
            }
            int d = tree.idom(tree.nodeOf(k));
            assertThat(d == 0 ? VIRTUAL_ROOT : tree.objectOf(d)).as("idom of object %d", k).isEqualTo(expected[k]);
            checked++;
        }
        assertThat(checked).isGreaterThan(n / 2);
    }

    private static final int UNREACHABLE = -2;
    private static final int VIRTUAL_ROOT = -1;

    /**
     * Each object's immediate dominator by the iterative data-flow algorithm (Cooper, Harvey and
     * Kennedy, "A Simple, Fast Dominance Algorithm"): the virtual root (-1) above every GC root object,
     * UNREACHABLE for objects no strong path reaches.
     */
    private static int[] cooperHarveyKennedy(HeapIndex index) {
        int n = index.objectCount();
        int root = n;
        java.util.List<java.util.List<Integer>> preds = new java.util.ArrayList<>();
        java.util.List<java.util.List<Integer>> succs = new java.util.ArrayList<>();
        for (int k = 0; k <= n; k++) {
            preds.add(new java.util.ArrayList<>());
            succs.add(new java.util.ArrayList<>());
        }
        for (GcRoot r : index.roots()) {
            succs.get(root).add(r.object());
            preds.get(r.object()).add(root);
        }
        for (int k = 0; k < n; k++) {
            for (int e = index.edgesStart(k); e < index.edgesEnd(k); e++) {
                succs.get(k).add(index.edgeTarget(e));
                preds.get(index.edgeTarget(e)).add(k);
            }
        }
        // postorder numbers by an explicit-stack depth-first search
        int[] post = new int[n + 1];
        Arrays.fill(post, -1);
        boolean[] seen = new boolean[n + 1];
        java.util.List<Integer> order = new java.util.ArrayList<>();
        java.util.ArrayDeque<int[]> stack = new java.util.ArrayDeque<>();
        seen[root] = true;
        stack.push(new int[] {root, 0});
        while (!stack.isEmpty()) {
            int[] top = stack.peek();
            java.util.List<Integer> out = succs.get(top[0]);
            if (top[1] < out.size()) {
                int next = out.get(top[1]++);
                if (!seen[next]) {
                    seen[next] = true;
                    stack.push(new int[] {next, 0});
                }
            } else {
                stack.pop();
                post[top[0]] = order.size();
                order.add(top[0]);
            }
        }
        int[] idom = new int[n + 1];
        Arrays.fill(idom, -1);
        idom[root] = root;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = order.size() - 2; i >= 0; i--) {
                int b = order.get(i);
                int newIdom = -1;
                for (int p : preds.get(b)) {
                    if (idom[p] < 0) {
                        continue;
                    }
                    newIdom = newIdom < 0 ? p : intersect(p, newIdom, idom, post);
                }
                if (idom[b] != newIdom) {
                    idom[b] = newIdom;
                    changed = true;
                }
            }
        }
        int[] result = new int[n];
        for (int k = 0; k < n; k++) {
            result[k] = !seen[k] ? UNREACHABLE : idom[k] == root ? VIRTUAL_ROOT : idom[k];
        }
        return result;
    }

    private static int intersect(int a, int b, int[] idom, int[] post) {
        int x = a;
        int y = b;
        while (x != y) {
            while (post[x] < post[y]) {
                x = idom[x];
            }
            while (post[y] < post[x]) {
                y = idom[y];
            }
        }
        return x;
    }
}
