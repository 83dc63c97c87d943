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
 * <p>No predecessor lists: a node's semidominator is the smallest of its predecessors numbered
 * below it (found while numbering) and of what the link-eval forest gives for those numbered
 * above it. Only the latter edges, usually few in a heap (most objects have one referrer, which
 * the search reaches first), are kept and sorted by target.
 *
 * <p>Memory: while computing, five int arrays of the object count plus 8 bytes per reference to an
 * object numbered earlier than its referrer; what remains is three int arrays and one long array
 * of the object count (about 20 bytes per object; one more int array when the index keeps no
 * object table, for the types). No object per heap object.
 */
public final class DominatorTree {

    private final HeapIndex index;
    private final int[] pre;
    private final int[] vertex;
    private final int[] idom;
    private final long[] retained;
    /** Types by node, or null when the index's object table has them by object. */
    private final int[] types;
    private final int count;

    private DominatorTree(HeapIndex index, int[] pre, int[] vertex, int[] idom, long[] retained, int[] types,
                          int count) {
        this.index = index;
        this.pre = pre;
        this.vertex = vertex;
        this.idom = idom;
        this.retained = retained;
        this.types = types;
        this.count = count;
    }

    /** Computes the tree; fastest over an index that keeps the object table ({@code IndexOptions}). */
    public static DominatorTree compute(HeapIndex index, ProgressListener progress) {
        int n = index.objectCount();
        progress.progress("dominator tree: depth-first order", 0, n + 1);
        int[] pre = new int[n];
        Arrays.fill(pre, -1);
        int[] parent = new int[n + 1];
        int[] semi = new int[n + 1];
        int[] stack = new int[n + 1];
        int[] cursor = new int[n + 1];
        Numbering numbering = depthFirst(index, pre, parent, semi, stack, cursor);
        int reached = numbering.reached;
        long[] late = numbering.sortedLateEdges();
        progress.progress("dominator tree: depth-first order", reached, n + 1);
        progress.checkCancelled();
        // the search's stacks are free now: they hold the forest's labels and ancestors
        int[] label = stack;
        int[] ancestor = cursor;
        semidominators(reached, parent, semi, label, ancestor, late, progress);
        late = null;
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
        semi = null;
        // the types by node only when the index has no object table to read them from by object
        int[] types = index.hasObjectTable() ? null : parent;
        parent = null;
        long[] retained = new long[reached];
        int[] vertex = label;
        vertex[0] = -1;
        if (types == null) {
            // one sweep in object order: the table's sizes are read sequentially
            for (int k = 0; k < n; k++) {
                int w = pre[k];
                if (w > 0) {
                    vertex[w] = k;
                    retained[w] = index.shallowSize(k);
                }
            }
        } else {
            for (int k = 0; k < n; k++) {
                if (pre[k] > 0) {
                    vertex[pre[k]] = k;
                }
            }
            // one sequential read of the dump; the types stay, so what a node retains can be summed by type later
            int[] byNode = types;
            index.scanObjects(k -> pre[k] > 0, (k, type, size) -> {
                retained[pre[k]] = size;
                byNode[pre[k]] = type;
            });
            byNode[0] = -1;
        }
        for (int w = reached - 1; w >= 1; w--) {
            retained[idom[w]] += retained[w];
        }
        progress.progress("dominator tree: retained sizes", reached, reached);
        return new DominatorTree(index, pre, vertex, idom, retained, types, reached);
    }

    /** What the depth-first numbering found: the node count and the references to earlier nodes. */
    private static final class Numbering {
        int reached;
        long[] late = new long[1024];
        int lateCount;

        void late(int target, int source) {
            if (lateCount == late.length) {
                late = Arrays.copyOf(late, late.length * 2);
            }
            late[lateCount++] = (long) target << 32 | source;
        }

        /** The references to earlier nodes as (target, source) pairs, by target. */
        long[] sortedLateEdges() {
            long[] sorted = Arrays.copyOf(late, lateCount);
            late = null;
            Arrays.sort(sorted);
            return sorted;
        }
    }

    /**
     * Iterative depth-first numbering from the virtual root 0. Sets {@code parent} and, in
     * {@code semi}, each node's smallest predecessor numbered below it (0 for root objects); keeps
     * the references from a node numbered above their target (self references aside) for the
     * semidominator sweep. A reference is a tree edge, a forward edge from an ancestor still on the
     * stack, or a reference to a node numbered earlier: only the last needs the forest.
     */
    private static Numbering depthFirst(HeapIndex index, int[] pre, int[] parent, int[] semi, int[] stack,
                                        int[] cursor) {
        int[] rootObjects = index.roots().stream().mapToInt(GcRoot::object).distinct().sorted().toArray();
        Numbering out = new Numbering();
        int next = 1;
        parent[0] = 0;
        semi[0] = 0;
        for (int r : rootObjects) {
            if (pre[r] >= 0) {
                continue;
            }
            pre[r] = next;
            parent[next] = 0;
            semi[next] = 0;
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
                int pv = pre[v];
                int pw = pre[w];
                if (pw < 0) {
                    pre[w] = next;
                    parent[next] = pv;
                    semi[next] = pv;
                    next++;
                    stack[sp] = w;
                    cursor[sp] = index.edgesStart(w);
                    sp++;
                } else if (pv < pw) {
                    if (pv < semi[pw]) {
                        semi[pw] = pv;
                    }
                } else if (pv > pw) {
                    out.late(pw, pv);
                }
            }
        }
        // the virtual root precedes every root object, also those another root's search reached first
        for (int r : rootObjects) {
            semi[pre[r]] = 0;
        }
        out.reached = next;
        return out;
    }

    /**
     * The semidominator sweep in decreasing preorder: each node's value so far (its smallest
     * earlier predecessor) against the forest's answer for each later one, then the node joins the
     * forest under its parent.
     */
    private static void semidominators(int reached, int[] parent, int[] semi, int[] label, int[] ancestor,
                                       long[] late, ProgressListener progress) {
        for (int i = 0; i < reached; i++) {
            label[i] = i;
            ancestor[i] = -1;
        }
        int[] evalStack = new int[1024];
        int at = late.length - 1;
        long step = Math.max(1, reached / 50);
        for (int w = reached - 1; w >= 1; w--) {
            int best = semi[w];
            for (; at >= 0 && (int) (late[at] >>> 32) == w; at--) {
                int v = (int) late[at];
                // v > w is in the forest already
                if (ancestor[ancestor[v]] >= 0) {
                    evalStack = compress(v, ancestor, label, semi, evalStack);
                }
                int s = semi[label[v]];
                if (s < best) {
                    best = s;
                }
            }
            semi[w] = best;
            ancestor[w] = parent[w];
            if (w % step == 0) {
                progress.progress("dominator tree: semidominators", reached - w, reached);
                progress.checkCancelled();
            }
        }
    }

    /**
     * Path compression from {@code v} up to the forest's root: every node on the way ends up
     * pointing to the root's child, labelled with the smallest semidominator above it. Returns the
     * work stack, grown when the path was longer than it.
     */
    private static int[] compress(int v, int[] ancestor, int[] label, int[] semi, int[] stack) {
        int[] st = stack;
        int sp = 0;
        int x = v;
        while (ancestor[ancestor[x]] >= 0) {
            if (sp == st.length) {
                st = Arrays.copyOf(st, st.length * 2);
            }
            st[sp++] = x;
            x = ancestor[x];
        }
        while (sp > 0) {
            int y = st[--sp];
            int a = ancestor[y];
            if (semi[label[a]] < semi[label[y]]) {
                label[y] = label[a];
            }
            ancestor[y] = ancestor[a];
        }
        return st;
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
        if (types == null) {
            return w == 0 ? -1 : index.typeOf(vertex[w]);
        }
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
