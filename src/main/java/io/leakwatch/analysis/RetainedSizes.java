package io.leakwatch.analysis;

import io.leakwatch.graph.HeapIndex;
import io.leakwatch.hprof.ProgressListener;
import java.util.Arrays;

/**
 * Retained sizes of chosen targets from a dominator tree (semi-NCA, iterative), computed only as
 * far as the targets need: over R, the objects reachable from the targets. R is closed under
 * references, so every path from a root to an object of R enters R at an "entry" (a root, or an
 * object with a reachable referrer outside R) and stays inside. Hanging all entries under one
 * virtual root therefore gives the same dominators within R as the whole heap would, at the cost
 * of one scan of the references instead of a dominator tree of every object.
 */
public final class RetainedSizes {

    private final int[] localOf;
    private final int[] preOf;
    private final int[] idom;
    private final long[] retained;
    private final int count;

    private RetainedSizes(int[] localOf, int[] preOf, int[] idom, long[] retained, int count) {
        this.localOf = localOf;
        this.preOf = preOf;
        this.idom = idom;
        this.retained = retained;
        this.count = count;
    }

    /**
     * @param targets objects whose retained sizes are wanted; all must be reachable
     * @param scratch an int array of the object count the computation may overwrite, or null
     */
    public static RetainedSizes compute(HeapIndex index, ShortestPaths paths, int[] targets, int[] scratch,
                                        ProgressListener progress) {
        int n = index.objectCount();
        int[] localOf = scratch != null && scratch.length >= n ? scratch : new int[n];
        Arrays.fill(localOf, 0, n, -1);
        // R in discovery order; local numbers start at 1, 0 is the virtual root
        int[] nodes = new int[Math.max(16, targets.length + 1)];
        int m = 1;
        for (int t : targets) {
            if (localOf[t] < 0) {
                if (m == nodes.length) {
                    nodes = Arrays.copyOf(nodes, m * 2);
                }
                localOf[t] = m;
                nodes[m++] = t;
            }
        }
        for (int i = 1; i < m; i++) {
            int u = nodes[i];
            for (int e = index.edgesStart(u), end = index.edgesEnd(u); e < end; e++) {
                int v = index.edgeTarget(e);
                if (localOf[v] < 0) {
                    if (m == nodes.length) {
                        nodes = Arrays.copyOf(nodes, m * 2);
                    }
                    localOf[v] = m;
                    nodes[m++] = v;
                }
            }
        }
        progress.progress("retained sizes: closure", m, m);
        boolean[] entry = new boolean[m];
        for (int i = 1; i < m; i++) {
            if (paths.isRoot(nodes[i])) {
                entry[i] = true;
            }
        }
        for (int u = 0; u < n; u++) {
            if (localOf[u] >= 0 || !paths.reachable(u)) {
                continue;
            }
            for (int e = index.edgesStart(u), end = index.edgesEnd(u); e < end; e++) {
                int l = localOf[index.edgeTarget(e)];
                if (l > 0) {
                    entry[l] = true;
                }
            }
        }
        progress.progress("retained sizes: entries", n, n);
        // local successor lists (CSR) with the virtual root's edges to the entries
        int[] sOff = new int[m + 1];
        int edges = 0;
        for (int i = 0; i < m; i++) {
            sOff[i] = edges;
            edges += i == 0 ? countEntries(entry) : index.edgesEnd(nodes[i]) - index.edgesStart(nodes[i]);
        }
        sOff[m] = edges;
        int[] sTgt = new int[edges];
        int at = 0;
        for (int i = 1; i < m; i++) {
            if (entry[i]) {
                sTgt[at++] = i;
            }
        }
        for (int i = 1; i < m; i++) {
            int u = nodes[i];
            for (int e = index.edgesStart(u), end = index.edgesEnd(u); e < end; e++) {
                sTgt[at++] = localOf[index.edgeTarget(e)];
            }
        }
        int[] pre = new int[m];
        int[] vertex = new int[m];
        int[] parent = new int[m];
        int reached = depthFirst(m, sOff, sTgt, pre, vertex, parent);
        int[] dom = semiNca(reached, m, sOff, sTgt, pre, vertex, parent);
        long[] retained = new long[reached];
        for (int w = 1; w < reached; w++) {
            retained[w] = index.shallowSize(nodes[vertex[w]]);
        }
        for (int w = reached - 1; w >= 1; w--) {
            retained[dom[w]] += retained[w];
        }
        progress.progress("retained sizes: dominators", reached, reached);
        int[] preOfLocal = pre;
        return new RetainedSizes(localOf, preOfLocal, dom, retained, reached);
    }

    private static int countEntries(boolean[] entry) {
        int c = 0;
        for (boolean b : entry) {
            if (b) {
                c++;
            }
        }
        return c;
    }

    /** Iterative depth-first numbering from the virtual root 0; returns how many were reached. */
    private static int depthFirst(int m, int[] sOff, int[] sTgt, int[] pre, int[] vertex, int[] parent) {
        Arrays.fill(pre, -1);
        int[] stack = new int[m];
        int[] cursor = new int[m];
        int sp = 0;
        int next = 0;
        pre[0] = next;
        vertex[next] = 0;
        parent[next] = 0;
        next++;
        stack[sp] = 0;
        cursor[sp] = sOff[0];
        sp++;
        while (sp > 0) {
            int v = stack[sp - 1];
            int c = cursor[sp - 1];
            if (c == sOff[v + 1]) {
                sp--;
                continue;
            }
            cursor[sp - 1] = c + 1;
            int w = sTgt[c];
            if (pre[w] < 0) {
                pre[w] = next;
                vertex[next] = w;
                parent[next] = pre[v];
                next++;
                stack[sp] = w;
                cursor[sp] = sOff[w];
                sp++;
            }
        }
        return next;
    }

    /** Semi-NCA over preorder numbers 0..reached-1; returns idom by preorder number. */
    private static int[] semiNca(int reached, int m, int[] sOff, int[] sTgt, int[] pre, int[] vertex, int[] parent) {
        // predecessors by preorder number
        int[] pOff = new int[reached + 1];
        for (int v = 0; v < m; v++) {
            if (pre[v] < 0) {
                continue;
            }
            for (int e = sOff[v]; e < sOff[v + 1]; e++) {
                int pw = pre[sTgt[e]];
                if (pw >= 0) {
                    pOff[pw + 1]++;
                }
            }
        }
        for (int i = 0; i < reached; i++) {
            pOff[i + 1] += pOff[i];
        }
        int[] pSrc = new int[pOff[reached]];
        int[] fill = Arrays.copyOf(pOff, reached);
        for (int v = 0; v < m; v++) {
            int pv = pre[v];
            if (pv < 0) {
                continue;
            }
            for (int e = sOff[v]; e < sOff[v + 1]; e++) {
                int pw = pre[sTgt[e]];
                if (pw >= 0) {
                    pSrc[fill[pw]++] = pv;
                }
            }
        }
        int[] semi = new int[reached];
        int[] label = new int[reached];
        int[] ancestor = new int[reached];
        for (int i = 0; i < reached; i++) {
            semi[i] = i;
            label[i] = i;
            ancestor[i] = -1;
        }
        int[] stack = new int[reached];
        for (int w = reached - 1; w >= 1; w--) {
            for (int e = pOff[w]; e < pOff[w + 1]; e++) {
                int v = pSrc[e];
                int u = eval(v, ancestor, label, semi, stack);
                if (semi[u] < semi[w]) {
                    semi[w] = semi[u];
                }
            }
            ancestor[w] = parent[w];
        }
        int[] idom = new int[reached];
        for (int w = 1; w < reached; w++) {
            int d = parent[w];
            while (d > semi[w]) {
                d = idom[d];
            }
            idom[w] = d;
        }
        return idom;
    }

    private static int eval(int v, int[] ancestor, int[] label, int[] semi, int[] stack) {
        if (ancestor[v] < 0) {
            return v;
        }
        int sp = 0;
        int x = v;
        while (ancestor[ancestor[x]] >= 0) {
            stack[sp++] = x;
            x = ancestor[x];
        }
        while (sp > 0) {
            int y = stack[--sp];
            int a = ancestor[y];
            if (semi[label[a]] < semi[label[y]]) {
                label[y] = label[a];
            }
            ancestor[y] = ancestor[a];
        }
        return label[v];
    }

    /** The retained size of reachable target {@code k}. */
    public long retainedSize(int k) {
        int l = localOf[k];
        int p = l < 0 ? -1 : preOf[l];
        return p < 0 || p >= count ? 0 : retained[p];
    }

    /** The retained size of a set of targets: their dominator subtrees counted once. */
    public long retainedSize(int[] ks) {
        boolean[] in = new boolean[count];
        for (int k : ks) {
            int l = localOf[k];
            if (l >= 0 && preOf[l] >= 0) {
                in[preOf[l]] = true;
            }
        }
        boolean[] covered = new boolean[count];
        long sum = 0;
        for (int w = 1; w < count; w++) {
            int d = idom[w];
            covered[w] = d != 0 && (in[d] || covered[d]);
            if (in[w] && !covered[w]) {
                sum += retained[w];
            }
        }
        return sum;
    }
}
