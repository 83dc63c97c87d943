package io.leakwatch.analysis;

import io.leakwatch.graph.EdgeLabel;
import io.leakwatch.graph.HeapIndex;

/**
 * Names what a thread-local leak hangs on. Such a chain runs through JDK classes only
 * ({@code Thread.threadLocals -> ThreadLocalMap.table -> Entry.value}), so no application field is
 * on it; what the application owns is the {@code ThreadLocal} that keys the entry. The entry holds
 * its key weakly ({@code Reference.referent}, not an edge of the graph), so the key is found as the
 * target of some strong reference with the referent's id, and named by the last static field on
 * its own shortest chain ({@code ThreadLocalLeak.TRACE}), else by the field that holds it.
 */
final class ThreadLocalOwner {

    static final String THREAD = "java.lang.Thread";
    static final String ENTRY = "java.lang.ThreadLocal$ThreadLocalMap$Entry";

    private ThreadLocalOwner() {
    }

    /**
     * For a path (root first), the index of the hop reached through {@code Thread.threadLocals}
     * (or {@code inheritableThreadLocals}) when the path then continues through a map entry's
     * {@code value}; else -1.
     */
    static int mapHop(HeapIndex index, int[] path) {
        int map = -1;
        for (int i = 1; i < path.length; i++) {
            EdgeLabel l = index.edgeLabel(path[i - 1], path[i]);
            if (map < 0 && l.holderType().equals(THREAD)
                    && (l.name().equals("threadLocals") || l.name().equals("inheritableThreadLocals"))) {
                map = i;
            } else if (map >= 0 && l.holderType().equals(ENTRY) && l.name().equals("value")) {
                return map;
            }
        }
        return -1;
    }

    /**
     * The field that holds the ThreadLocal keying the entry on {@code path} ({@code Holder.field},
     * simple class names), or null when the key is gone or held by nothing strong.
     */
    static String of(HeapIndex index, ShortestPaths paths, int[] path) {
        int entry = -1;
        for (int i = 1; i < path.length && entry < 0; i++) {
            EdgeLabel l = index.edgeLabel(path[i - 1], path[i]);
            if (l.holderType().equals(ENTRY) && l.name().equals("value")) {
                entry = path[i - 1];
            }
        }
        long keyId = entry < 0 ? 0 : index.referenceField(entry, "referent");
        if (keyId == 0) {
            return null;
        }
        int key = find(index, keyId);
        if (key < 0 || !paths.reachable(key) || paths.isRoot(key)) {
            return null;
        }
        int[] keyPath = paths.path(key);
        String last = null;
        for (int i = 1; i < keyPath.length; i++) {
            EdgeLabel l = index.edgeLabel(keyPath[i - 1], keyPath[i]);
            if (l.kind() == EdgeLabel.Kind.STATIC || i == keyPath.length - 1 && last == null) {
                last = simple(l.holderType()) + "." + l.name();
            }
        }
        return last;
    }

    /** The object with id {@code id} among the targets of strong references, or -1. One pass over the edges. */
    private static int find(HeapIndex index, long id) {
        for (int k = 0; k < index.objectCount(); k++) {
            for (int e = index.edgesStart(k); e < index.edgesEnd(k); e++) {
                int t = index.edgeTarget(e);
                if (index.objectId(t) == id) {
                    return t;
                }
            }
        }
        return -1;
    }

    private static String simple(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }
}
