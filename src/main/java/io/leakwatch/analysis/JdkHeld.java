package io.leakwatch.analysis;

import io.leakwatch.graph.GcRoot;
import io.leakwatch.graph.HeapIndex;
import io.leakwatch.hprof.GcRootKind;
import java.util.List;

/**
 * Whether an object is held only by the JDK's own statics: its shortest path starts at a JDK
 * class and every field on the way is declared by the JDK. Every JVM holds such objects (the
 * class path's zip directories, module tables, locale data), and at the moment a young leak is
 * dumped they can outweigh it; a signature the application holds is the likelier culprit.
 */
final class JdkHeld {

    private static final List<String> PLATFORM = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

    private JdkHeld() {
    }

    static boolean test(HeapIndex index, ShortestPaths paths, int object) {
        int[] path = paths.path(object);
        GcRoot root = paths.rootOf(path[0]);
        if (root.kind() != GcRootKind.STICKY_CLASS) {
            return false;
        }
        String rootType = index.describeType(path[0]);
        if (!platform(rootType.startsWith("class ") ? rootType.substring(6) : rootType)) {
            return false;
        }
        for (int i = 1; i < path.length; i++) {
            if (!platform(index.edgeLabel(path[i - 1], path[i]).holderType())) {
                return false;
            }
        }
        return true;
    }

    private static boolean platform(String type) {
        return PLATFORM.stream().anyMatch(type::startsWith);
    }
}
