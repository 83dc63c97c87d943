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
 *
 * <p>The search can also run on demand ({@link #onDemand}): it then goes only as far as the
 * questions asked so far need, and resumes when asked about an object it has not reached yet.
 * Breadth-first order does not depend on when the search pauses, so every answer is the one the
 * complete search gives; asking whether an unreachable object is reachable finishes the search.
 */
public final class ShortestPaths {

    private static final int UNREACHED = -1;

    private final HeapIndex index;
    private final int[] parent;
    private final List<GcRoot> roots;
    private int[] queue;
    private final ProgressListener progress;
    private int head;
    private int tail;

    /** @param queue the queue, which grows as needed: of the object count for a whole search */
    private ShortestPaths(HeapIndex index, int[] queue, ProgressListener progress) {
        int n = index.objectCount();
        this.index = index;
        this.parent = new int[n];
        java.util.Arrays.fill(parent, UNREACHED);
        this.progress = progress;
        List<GcRoot> sorted = new ArrayList<>(index.roots());
        sorted.sort(Comparator.comparingInt(r -> priority(r.kind())));
        this.roots = List.copyOf(sorted);
        this.queue = queue.length >= roots.size() ? queue : new int[roots.size()];
        for (int i = 0; i < roots.size(); i++) {
            int k = roots.get(i).object();
            if (parent[k] == UNREACHED) {
                parent[k] = -2 - i;
                this.queue[tail++] = k;
            }
        }
    }

    /**
     * Runs the whole search.
     *
     * @param scratch an int array of at least {@code objectCount} elements the search may use as
     *                its queue, or null to allocate one; free again when this returns
     */
    public static ShortestPaths find(HeapIndex index, int[] scratch, ProgressListener progress) {
        int n = index.objectCount();
        ShortestPaths paths = new ShortestPaths(index, scratch != null && scratch.length >= n ? scratch : new int[n],
                progress);
        paths.searchUntil(-1);
        return paths;
    }

    /**
     * A search that runs only as far as its answers need: for a few objects near the roots (the
     * leak suspects' accumulation points) it stops long before visiting the whole heap. It keeps
     * its own queue, which grows with the search.
     */
    public static ShortestPaths onDemand(HeapIndex index, ProgressListener progress) {
        return new ShortestPaths(index, new int[1024], progress);
    }

    /** Continues the search until {@code k} is reached (or the queue runs dry); -1: to the end. */
    private void searchUntil(int k) {
        int n = parent.length;
        long step = Math.max(1, n / 100);
        while (head < tail && (k < 0 || parent[k] == UNREACHED)) {
            int u = queue[head++];
            for (int e = index.edgesStart(u), end = index.edgesEnd(u); e < end; e++) {
                int v = index.edgeTarget(e);
                if (parent[v] == UNREACHED) {
                    parent[v] = u;
                    if (tail == queue.length) {
                        // an object enters the queue once: it never needs more than the object count
                        queue = java.util.Arrays.copyOf(queue, (int) Math.min(n, 2L * tail));
                    }
                    queue[tail++] = v;
                }
            }
            if (head % step == 0) {
                progress.progress("shortest paths", head, n);
                progress.checkCancelled();
            }
        }
    }

    /** {@code k}'s parent entry, searching further when {@code k} has not been reached yet. */
    private int entry(int k) {
        if (parent[k] == UNREACHED) {
            searchUntil(k);
        }
        return parent[k];
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
        return entry(k) != UNREACHED;
    }

    /** Whether {@code k} is itself a GC root (the first one found for it). */
    public boolean isRoot(int k) {
        return entry(k) <= -2;
    }

    /** The previous object on the shortest path to {@code k}; only for reachable non-roots. */
    public int parent(int k) {
        return entry(k);
    }

    /** The root that starts the path to the root object {@code k}. */
    public GcRoot rootOf(int k) {
        return roots.get(-2 - entry(k));
    }

    /** The objects from the root down to {@code k}, root first; empty when unreachable. */
    public int[] path(int k) {
        if (!reachable(k)) {
            return new int[0];
        }
        // every object on the path was reached before k
        int len = 1;
        for (int x = k; parent[x] > UNREACHED; x = parent[x]) {
            len++;
        }
        int[] out = new int[len];
        int i = len - 1;
        for (int x = k; ; x = parent[x]) {
            out[i--] = x;
            if (parent[x] <= -2) {
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
