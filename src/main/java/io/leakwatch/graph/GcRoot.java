package io.leakwatch.graph;

import io.leakwatch.hprof.GcRootKind;

/**
 * A GC root resolved to its object number.
 *
 * @param threadSerial the thread a stack root belongs to, 0 when none
 * @param frameNumber  the frame depth of a Java frame or JNI local root, -1 when none
 */
public record GcRoot(GcRootKind kind, int object, int threadSerial, int frameNumber) {
    public GcRoot {
        if (kind == null || object < 0) {
            throw new IllegalArgumentException("kind and a non-negative object are required");
        }
    }
}
