package io.leakwatch.hprof;

/**
 * Receives the records of one pass of {@link HprofReader#read}. Small records arrive as records;
 * the per-object callbacks take primitives and positions because a dump holds tens of millions of
 * objects and a pass must not allocate per object. Every method defaults to ignoring the record.
 */
public interface HprofVisitor {

    /** HPROF_UTF8: the string's bytes lie at {@code pos}, {@code length} long. */
    default void utf8(long id, long pos, int length) {
    }

    default void loadClass(LoadClassRecord record) {
    }

    default void stackFrame(StackFrameRecord record) {
    }

    default void stackTrace(StackTraceRecord record) {
    }

    default void gcRoot(GcRootRecord record) {
    }

    /** Whether {@link #classDump} is wanted; when false class dumps are skipped without decoding. */
    default boolean wantsClassDumps() {
        return true;
    }

    default void classDump(long pos, ClassDumpRecord record) {
    }

    /** HPROF_GC_INSTANCE_DUMP starting at {@code pos}; its field bytes at {@code dataPos}. */
    default void instance(long pos, long id, long classId, long dataPos, int dataLength) {
    }

    /** HPROF_GC_OBJ_ARRAY_DUMP; {@code length} element ids start at {@code elementsPos}. */
    default void objectArray(long pos, long id, long arrayClassId, long elementsPos, int length) {
    }

    /** HPROF_GC_PRIM_ARRAY_DUMP; {@code length} elements of basic type {@code elementType}. */
    default void primitiveArray(long pos, long id, int elementType, long dataPos, int length) {
    }
}
