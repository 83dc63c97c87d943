package io.leakwatch.hprof;

/**
 * One GC root sub-record. {@code threadSerial} and {@code frameNumber} are 0 / -1 where the kind
 * has none; for {@link GcRootKind#THREAD_OBJECT} {@code frameNumber} holds the stack trace serial.
 */
public record GcRootRecord(GcRootKind kind, long objectId, int threadSerial, int frameNumber) {
    public GcRootRecord {
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
    }
}
