package io.leakwatch.analysis;

import io.leakwatch.graph.HeapIndex;
import io.leakwatch.hprof.ProgressListener;
import java.util.Arrays;

/**
 * Retained sizes of chosen targets from a dominator tree (semi-NCA, iterative), computed only as
 * far as the targets need. First a breadth-first search from the GC roots that does not pass
 * through any target finds A, the objects some path reaches while avoiding every target: no
 * target dominates them. The rest of the reachable objects, D, are those only reachable through
 * targets. Every root path to an object of D ends with a stretch inside D that starts at an
 * "entry" (a root, or an object with a referrer in A), and the part before it avoids D. Hanging
 * all entries under one virtual root therefore gives the same dominators within D as the whole
 * heap would, and a leak's dominator tree is usually a small fraction of the heap.
 */
public final class RetainedSizes {

    private final int[] localOf;
    private final int[] preOf;
    private final long[] retained;
    private final int count;
    private final int[] sOff;
    private final int[] sTgt;
    private final long[] shallow;

    private RetainedSizes(int[] localOf, int[] preOf, long[] retained, int count, int[] sOff, int[] sTgt,
                          long[] shallow) {
        this.localOf = localOf;
        this.preOf = preOf;
        this.retained = retained;
        this.count = count;
        this.sOff = sOff;
        this.sTgt = sTgt;
        this.shallow = shallow;
    }

    /**
     * @param targets objects whose retained sizes are wanted; all must be reachable
     * @param scratch an int array of the object count the computation may overwrite, or null
     */
    public static RetainedSizes compute(HeapIndex index, ShortestPaths paths, int[] targets, int[] scratch,
                                        ProgressListener progress) {
        int n = index.objectCount();
        int[] work = scratch != null && scratch.length >= n ? scratch : new int[n];
        long[] isTarget = new long[(n >>> 6) + 1];
        for (int t : targets) {
            isTarget[t >>> 6] |= 1L << t;
        }
        long[] avoidable = new long[(n >>> 6) + 1];
        int tail = 0;
        for (var root : index.roots()) {
            int k = root.object();
            if (!has(isTarget, k) && !has(avoidable, k)) {
                avoidable[k >>> 6] |= 1L << k;
                work[tail++] = k;
            }
        }
        // an edge from A that stays outside A can only lead to a target: those targets are entries
        long[] enteredTargets = new long[(n >>> 6) + 1];
        for (int head = 0; head < tail; head++) {
            int u = work[head];
            for (int e = index.edgesStart(u), end = index.edgesEnd(u); e < end; e++) {
                int v = index.edgeTarget(e);
                if (has(avoidable, v)) {
                    continue;
                }
                if (has(isTarget, v)) {
                    enteredTargets[v >>> 6] |= 1L << v;
                } else {
                    avoidable[v >>> 6] |= 1L << v;
                    work[tail++] = v;
                }
            }
        }
        progress.progress("retained sizes: paths avoiding the targets", tail, n);
        progress.checkCancelled();
        int[] localOf = work;
        // D in object order; local numbers start at 1, 0 is the virtual root
        int m = 1;
        for (int k = 0; k < n; k++) {
            if (paths.reachable(k) && !has(avoidable, k)) {
                localOf[k] = m++;
            } else {
                localOf[k] = -1;
            }
        }
        int[] nodes = new int[m];
        for (int k = 0; k < n; k++) {
            if (localOf[k] > 0) {
                nodes[localOf[k]] = k;
            }
        }
        boolean[] entry = new boolean[m];
        for (int i = 1; i < m; i++) {
            int k = nodes[i];
            entry[i] = paths.isRoot(k) || has(enteredTargets, k);
        }
        progress.progress("retained sizes: entries", m, m);
        progress.checkCancelled();
        // local successor lists (CSR) with the virtual root's edges to the entries
        int[] sOff = new int[m + 1];
        int edges = countEntries(entry);
        for (int i = 1; i < m; i++) {
            sOff[i] = edges;
            int u = nodes[i];
            for (int e = index.edgesStart(u), end = index.edgesEnd(u); e < end; e++) {
                if (localOf[index.edgeTarget(e)] > 0) {
                    edges++;
                }
            }
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
                int l = localOf[index.edgeTarget(e)];
                if (l > 0) {
                    sTgt[at++] = l;
                }
            }
        }
        int[] pre = new int[m];
        int[] vertex = new int[m];
        int[] parent = new int[m];
        int reached = depthFirst(m, sOff, sTgt, pre, vertex, parent);
        int[] dom = semiNca(reached, m, sOff, sTgt, pre, vertex, parent);
        long[] shallow = new long[m];
        for (int i = 1; i < m; i++) {
            shallow[i] = index.shallowSize(nodes[i]);
        }
        long[] retained = new long[reached];
        for (int w = 1; w < reached; w++) {
            retained[w] = shallow[vertex[w]];
        }
        for (int w = reached - 1; w >= 1; w--) {
            retained[dom[w]] += retained[w];
        }
        progress.progress("retained sizes: dominators", reached, reached);
        return new RetainedSizes(localOf, pre, retained, reached, sOff, sTgt, shallow);
    }

    private static boolean has(long[] bits, int k) {
        return (bits[k >>> 6] & (1L << k)) != 0;
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

    /**
     * The retained size of one object from the dominator tree, or -1 when {@code k} is reachable
     * while avoiding every target (then no target, nor anything they alone hold, dominates it).
     */
    public long retainedSize(int k) {
        int l = localOf[k];
        int p = l <= 0 ? -1 : preOf[l];
        return p < 0 || p >= count ? -1 : retained[p];
    }

    /**
     * The retained size of a set of targets: what removing all of them at once would free. Not
     * the sum of their dominator subtrees, which misses objects that only the set as a whole
     * holds; instead a search of D from its entries that does not pass through the set.
     */
    public long retainedSize(int[] ks) {
        int m = shallow.length;
        boolean[] seen = new boolean[m];
        for (int k : ks) {
            int l = localOf[k];
            if (l > 0) {
                seen[l] = true;
            }
        }
        long freed = 0;
        for (int l = 1; l < m; l++) {
            freed += shallow[l];
        }
        int[] queue = new int[m];
        int tail = 0;
        queue[tail++] = 0;
        seen[0] = true;
        for (int head = 0; head < tail; head++) {
            int u = queue[head];
            freed -= shallow[u];
            for (int e = sOff[u]; e < sOff[u + 1]; e++) {
                int v = sTgt[e];
                if (!seen[v]) {
                    seen[v] = true;
                    queue[tail++] = v;
                }
            }
        }
        return freed;
    }
}
