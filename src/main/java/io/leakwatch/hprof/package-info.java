/**
 * The HPROF reader: pure, reading from a {@link io.leakwatch.hprof.ByteSource}.
 *
 * <p>{@link io.leakwatch.hprof.HprofReader} streams HPROF 1.0.1/1.0.2 dumps with 4- or 8-byte
 * identifiers, one HEAP_DUMP or many HEAP_DUMP_SEGMENTs, and every record and sub-record tag the
 * HotSpot writer emits from JDK 8 to 25: UTF8, LOAD_CLASS, FRAME, TRACE, HEAP_DUMP(_SEGMENT),
 * HEAP_DUMP_END; the GC root sub-records (JNI global/local, Java frame, native stack, sticky class,
 * thread block, monitor used, thread object, unknown), CLASS_DUMP, INSTANCE_DUMP, OBJ_ARRAY_DUMP
 * and PRIM_ARRAY_DUMP. Other top-level records are skipped by their length.
 *
 * <p>Small records arrive as records ({@link io.leakwatch.hprof.ClassDumpRecord},
 * {@link io.leakwatch.hprof.GcRootRecord}, ...); objects arrive as primitive callbacks with their
 * positions, because a dump holds tens of millions of them and a pass must not allocate per object.
 *
 * <p>Bad input fails with {@link io.leakwatch.hprof.HprofFormatException} naming the byte offset and
 * record tag: every length is checked against the bytes left before anything is read or allocated,
 * an unknown sub-record tag stops the read (it cannot be skipped), and a segmented dump without
 * HEAP_DUMP_END is reported as truncated.
 */
package io.leakwatch.hprof;
