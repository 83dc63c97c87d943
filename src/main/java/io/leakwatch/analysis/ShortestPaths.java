package io.leakwatch.analysis;

import io.leakwatch.graph.GcRoot;
import io.leakwatch.graph.HeapIndex;
import io.leakwatch.hprof.GcRootKind;
import io.leakwatch.hprof.ProgressListener;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Shortest strong paths from all GC roots to every object: one breadth-first search over the
 * index's references (which already leave out {@code Reference.referent}), recording each
 * object's parent. Roots are enqueued in a fixed order of kinds, so among equally short paths the
 * one from a class or thread is preferred over one from a transient JNI local.
 */
public final class ShortestPaths {

    private static final int UNREACHED = -1;

    private final int[] parent;
    private final List<GcRoot> roots;

    private ShortestPaths(int[] parent, List<GcRoot> roots) {
        this.parent = parent;
        this.roots = roots;
    }

    /**
     * Runs the search.
     *
     * @param scratch an int array of at least {@code objectCount} elements the search may use as
     *                its queue, or null to allocate one
     */
    public static ShortestPaths find(HeapIndex index, int[] scratch, ProgressListener progress) {
        int n = index.objectCount();
        int[] parent = new int[n];
        java.util.Arrays.fill(parent, UNREACHED);
        int[] queue = scratch != null && scratch.length >= n ? scratch : new int[n];
        List<GcRoot> roots = new ArrayList<>(index.roots());
        roots.sort(Comparator.comparingInt(r -> priority(r.kind())));
        int tail = 0;
        for (int i = 0; i < roots.size(); i++) {
            int k = roots.get(i).object();
            if (parent[k] == UNREACHED) {
                parent[k] = -2 - i;
                queue[tail++] = k;
            }
        }
        int head = 0;
        long step = Math.max(1, n / 100);
        while (head < tail) {
            int u = queue[head++];
            for (int e = index.edgesStart(u), end = index.edgesEnd(u); e < end; e++) {
                int v = index.edgeTarget(e);
                if (parent[v] == UNREACHED) {
                    parent[v] = u;
                    queue[tail++] = v;
                }
            }
            if (head % step == 0) {
                progress.progress("shortest paths", head, n);
                progress.checkCancelled();
            }
        }
        return new ShortestPaths(parent, List.copyOf(roots));
    }

    private static int priority(GcRootKind kind) {
        return switch (kind) {
            case STICKY_CLASS -> 0;
            case THREAD_OBJECT -> 1;
            case JNI_GLOBAL -> 2;
            case JAVA_FRAME -> 3;
            case JNI_LOCAL -> 4;
            case NATIVE_STACK -> 5;
            case THREAD_BLOCK -> 6;
            case MONITOR_USED -> 7;
            case UNKNOWN -> 8;
        };
    }

    /** Whether a strong path from a GC root reaches {@code k}. */
    public boolean reachable(int k) {
        return parent[k] != UNREACHED;
    }

    /** Whether {@code k} is itself a GC root (the first one found for it). */
    public boolean isRoot(int k) {
        return parent[k] <= -2;
    }

    /** The previous object on the shortest path to {@code k}; only for reachable non-roots. */
    public int parent(int k) {
        return parent[k];
    }

    /** The root that starts the path to the root object {@code k}. */
    public GcRoot rootOf(int k) {
        return roots.get(-2 - parent[k]);
    }

    /** The objects from the root down to {@code k}, root first; empty when unreachable. */
    public int[] path(int k) {
        if (!reachable(k)) {
            return new int[0];
        }
        int len = 1;
        for (int x = k; !isRoot(x); x = parent[x]) {
            len++;
        }
        int[] out = new int[len];
        int i = len - 1;
        for (int x = k; ; x = parent[x]) {
            out[i--] = x;
            if (isRoot(x)) {
                break;
            }
        }
        return out;
    }

    /** Number of references on the path to {@code k} (0 for a root). */
    public int length(int k) {
        int len = 0;
        for (int x = k; !isRoot(x); x = parent[x]) {
            len++;
        }
        return len;
    }
}
