package io.leakwatch.markers;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * The weak reference that stands for one marked object.
 *
 * <p>The field names {@code label} and {@code markedAtMillis} are a contract with LeakWatch's HPROF
 * analysis, which finds surviving marked objects in a heap dump as the referents of instances of
 * this class: do not rename them.
 */
public final class MarkRef extends WeakReference<Object> {

    final String label;
    final long markedAtMillis;

    MarkRef(Object referent, String label, long markedAtMillis, ReferenceQueue<Object> queue) {
        super(referent, queue);
        this.label = label;
        this.markedAtMillis = markedAtMillis;
    }

    /** The label given when the object was marked. */
    public String label() {
        return label;
    }

    /** When the object was marked, in milliseconds since the epoch. */
    public long markedAtMillis() {
        return markedAtMillis;
    }
}
