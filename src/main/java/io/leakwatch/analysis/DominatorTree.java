package io.leakwatch.analysis;

import io.leakwatch.graph.GcRoot;
import io.leakwatch.graph.HeapIndex;
import io.leakwatch.hprof.ProgressListener;
import java.util.Arrays;

/**
 * The dominator tree of the whole strongly reachable heap (semi-NCA, iterative), with the
 * retained size of every object. A virtual root (preorder number 0) holds every GC root object.
 * Nodes are numbered in depth-first preorder from it, so an immediate dominator always has a
 * smaller number than the node it dominates, and one backwards sweep sums retained sizes.
 *
 * <p>Memory: while computing, seven int arrays of the object count (one of them the caller's
 * scratch array, when given) plus one int per reference; what remains is four int arrays and one long
 * array of the object count (about 24 bytes per object). No object per heap object.
 */
public final class DominatorTree {

    private final int[] pre;
    private final int[] vertex;
    private final int[] idom;
    private final long[] retained;
    private final int[] types;
    private final int count;

    private DominatorTree(int[] pre, int[] vertex, int[] idom, long[] retained, int[] types, int count) {
        this.pre = pre;
        this.vertex = vertex;
        this.idom = idom;
        this.retained = retained;
        this.types = types;
        this.count = count;
    }

    /**
     * Computes the tree.
     *
     * @param scratch an int array of at least the object count plus one that the computation may
     *                overwrite, or null to allocate one
     */
    public static DominatorTree compute(HeapIndex index, int[] scratch, ProgressListener progress) {
        int n = index.objectCount();
        int[] pre = new int[n];
        Arrays.fill(pre, -1);
        int[] vertex = new int[n + 1];
        // the working arrays live only inside this call, so they are garbage before retained is allocated
        int[] idom = immediateDominators(index, pre, vertex, scratch, progress);
        int reached = idom.length;
        long[] retained = new long[reached];
        int[] types = new int[reached];
        for (int k = 0; k < n; k++) {
            if (pre[k] > 0) {
                vertex[pre[k]] = k;
            }
        }
        vertex[0] = -1;
        // one sequential read of the dump; the types stay, so what a node retains can be summed by type later
        index.scanObjects(k -> pre[k] > 0, (k, type, size) -> {
            retained[pre[k]] = size;
            types[pre[k]] = type;
        });
        types[0] = -1;
        for (int w = reached - 1; w >= 1; w--) {
            retained[idom[w]] += retained[w];
        }
        progress.progress("dominator tree: retained sizes", reached, reached);
        return new DominatorTree(pre, vertex, idom, retained, types, reached);
    }

    /**
     * Numbers the reachable objects into {@code pre} and returns the immediate dominators by
     * preorder number (its length is the node count). Leaves {@code vertex} overwritten (it serves as
     * a work stack).
     */
    private static int[] immediateDominators(HeapIndex index, int[] pre, int[] vertex, int[] scratch,
                                             ProgressListener progress) {
        int n = index.objectCount();
        int[] rootObjects = index.roots().stream().mapToInt(GcRoot::object).distinct().sorted().toArray();
        int[] parent = new int[n + 1];
        int[] stack = new int[n + 1];
        int[] cursor = scratch != null && scratch.length >= n + 1 ? scratch : new int[n + 1];
        int reached = depthFirst(index, rootObjects, pre, parent, stack, cursor);
        progress.progress("dominator tree: depth-first order", reached, n + 1);
        progress.checkCancelled();
        // predecessors by preorder number (CSR); the virtual root precedes every root object
        int[] pOff = new int[reached + 1];
        for (int k : rootObjects) {
            pOff[pre[k] + 1]++;
        }
        // in object order, which reads the index's references sequentially; the order of a node's
        // predecessors does not change its semidominator (a minimum over them)
        long edges = rootObjects.length;
        for (int u = 0; u < n; u++) {
            if (pre[u] > 0) {
                for (int e = index.edgesStart(u), end = index.edgesEnd(u); e < end; e++) {
                    pOff[pre[index.edgeTarget(e)] + 1]++;
                    edges++;
                }
            }
        }
        for (int i = 0; i < reached; i++) {
            pOff[i + 1] += pOff[i];
        }
        int[] pSrc = new int[Math.toIntExact(edges)];
        // the depth-first stack is free now: it holds each node's fill position
        int[] fill = stack;
        System.arraycopy(pOff, 0, fill, 0, reached);
        for (int k : rootObjects) {
            pSrc[fill[pre[k]]++] = 0;
        }
        for (int u = 0; u < n; u++) {
            int w = pre[u];
            if (w > 0) {
                for (int e = index.edgesStart(u), end = index.edgesEnd(u); e < end; e++) {
                    pSrc[fill[pre[index.edgeTarget(e)]]++] = w;
                }
            }
        }
        progress.progress("dominator tree: predecessors", edges, edges);
        progress.checkCancelled();
        int[] semi = stack;
        int[] label = cursor;
        int[] ancestor = new int[reached];
        for (int i = 0; i < reached; i++) {
            semi[i] = i;
            label[i] = i;
            ancestor[i] = -1;
        }
        // vertex is not read by the semidominator sweep: it serves as the eval stack
        int[] evalStack = vertex;
        long step = Math.max(1, reached / 50);
        for (int w = reached - 1; w >= 1; w--) {
            int best = semi[w];
            for (int e = pOff[w]; e < pOff[w + 1]; e++) {
                int u = eval(pSrc[e], ancestor, label, semi, evalStack);
                if (semi[u] < best) {
                    best = semi[u];
                }
            }
            semi[w] = best;
            ancestor[w] = parent[w];
            if (w % step == 0) {
                progress.progress("dominator tree: semidominators", reached - w, reached);
                progress.checkCancelled();
            }
        }
        // ancestor is done with: it becomes idom, filled in increasing order reading only smaller entries
        int[] idom = ancestor;
        idom[0] = 0;
        for (int w = 1; w < reached; w++) {
            int d = parent[w];
            while (d > semi[w]) {
                d = idom[d];
            }
            idom[w] = d;
        }
        return idom;
    }

    /** Iterative depth-first numbering from the virtual root 0; returns how many nodes it reached. */
    private static int depthFirst(HeapIndex index, int[] rootObjects, int[] pre, int[] parent, int[] stack,
                                  int[] cursor) {
        int next = 1;
        parent[0] = 0;
        for (int r : rootObjects) {
            if (pre[r] >= 0) {
                continue;
            }
            pre[r] = next;
            parent[next] = 0;
            next++;
            int sp = 0;
            stack[sp] = r;
            cursor[sp] = index.edgesStart(r);
            sp++;
            while (sp > 0) {
                int v = stack[sp - 1];
                int c = cursor[sp - 1];
                if (c == index.edgesEnd(v)) {
                    sp--;
                    continue;
                }
                cursor[sp - 1] = c + 1;
                int w = index.edgeTarget(c);
                if (pre[w] < 0) {
                    pre[w] = next;
                    parent[next] = pre[v];
                    next++;
                    stack[sp] = w;
                    cursor[sp] = index.edgesStart(w);
                    sp++;
                }
            }
        }
        return next;
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

    /** Nodes in the tree: the virtual root (0) and every strongly reachable object. */
    public int nodeCount() {
        return count;
    }

    /** The node of object {@code k}, or -1 when no strong path reaches it. */
    public int nodeOf(int k) {
        return pre[k];
    }

    /** The object of node {@code w} (w >= 1). */
    public int objectOf(int w) {
        return vertex[w];
    }

    /** The immediate dominator of node {@code w} (w >= 1); 0 is the virtual root. */
    public int idom(int w) {
        return idom[w];
    }

    /** The type index ({@link HeapIndex#typeOf}) of node {@code w}'s object; -1 for the virtual root. */
    public int type(int w) {
        return types[w];
    }

    /** Bytes node {@code w} keeps alive; node 0 retains the whole reachable heap. */
    public long retained(int w) {
        return retained[w];
    }

    /** The retained size of object {@code k}, or -1 when it is not strongly reachable. */
    public long retainedSize(int k) {
        int w = pre[k];
        return w < 0 ? -1 : retained[w];
    }

    /** Whether node {@code a} dominates node {@code w} (every node dominates itself). */
    public boolean dominates(int a, int w) {
        int x = w;
        while (x > a) {
            x = idom[x];
        }
        return x == a;
    }
}
