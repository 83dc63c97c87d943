package io.leakwatch.analysis;

import java.util.List;

/**
 * A shortest strong path from a GC root to one object, root first.
 *
 * @param rootKind          e.g. "system class", "thread stack frame", "JNI global"
 * @param rootDescription   details: the class, or the thread's name and frame
 * @param heldBy            the most telling holder: the last static field on the chain
 *                          ("static field Leaky.M"), else the root
 * @param hops              objects from the root object (index 0) to the target (last)
 * @param accumulationIndex index of the hop whose outgoing reference fans out to many of the
 *                          signature's instances, or -1 when it never does
 * @param culpritIndex      index of the hop whose reference the analysis names as the culprit
 *                          where no application field can be (a thread-local map reached through
 *                          {@code Thread.threadLocals}), or -1 to let the report choose
 * @param culpritOwner      what the application owns behind that hop ({@code Holder.field} of the
 *                          ThreadLocal keying the entry), or null
 */
public record RetentionChain(String rootKind, String rootDescription, String heldBy, List<ChainHop> hops,
                             int accumulationIndex, int culpritIndex, String culpritOwner) {

    /** A chain whose culprit the report chooses. */
    public RetentionChain(String rootKind, String rootDescription, String heldBy, List<ChainHop> hops,
                          int accumulationIndex) {
        this(rootKind, rootDescription, heldBy, hops, accumulationIndex, -1, null);
    }

    public RetentionChain {
        hops = List.copyOf(hops);
        if (hops.isEmpty()) {
            throw new IllegalArgumentException("a chain has at least the root object");
        }
        if (accumulationIndex < -1 || accumulationIndex >= hops.size()) {
            throw new IllegalArgumentException("accumulationIndex out of range: " + accumulationIndex);
        }
        if (culpritIndex < -1 || culpritIndex == 0 || culpritIndex >= hops.size()) {
            throw new IllegalArgumentException("culpritIndex out of range (a hop with a reference, or -1): " + culpritIndex);
        }
    }

    /** Number of references from the root object to the target. */
    public int length() {
        return hops.size() - 1;
    }
}
