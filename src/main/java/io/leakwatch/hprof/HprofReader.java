package io.leakwatch.hprof;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Streams the records of an HPROF 1.0.1/1.0.2 dump from a {@link ByteSource}: 4- and 8-byte
 * identifiers, one HEAP_DUMP or many HEAP_DUMP_SEGMENTs, every record and sub-record tag HotSpot
 * writes (JDK 8 to 25). Unknown top-level records are skipped by their length; an unknown
 * sub-record cannot be skipped and fails. Every length is checked against the bytes that remain
 * before anything is read or allocated, so a cut or corrupt file fails with its offset and tag.
 */
public final class HprofReader {

    private static final int MAX_HEADER = 64;

    private final ByteSource src;
    private final HprofHeader header;
    private final int idSize;

    public HprofReader(ByteSource src) {
        this.src = src;
        this.header = readHeader(src);
        this.idSize = header.idSize();
    }

    private HprofReader(ByteSource src, HprofHeader header) {
        this.src = src;
        this.header = header;
        this.idSize = header.idSize();
    }

    /** A reader of the same dump through another source of the same bytes (for another thread). */
    public HprofReader withSource(ByteSource other) {
        if (other.size() != src.size()) {
            throw new IllegalArgumentException("the other source holds " + other.size() + " bytes, not " + src.size());
        }
        return new HprofReader(other, header);
    }

    public HprofHeader header() {
        return header;
    }

    public ByteSource source() {
        return src;
    }

    private static HprofHeader readHeader(ByteSource src) {
        long size = src.size();
        int end = -1;
        for (int i = 0; i < Math.min(size, MAX_HEADER); i++) {
            if (src.get(i) == 0) {
                end = i;
                break;
            }
        }
        if (end < 0) {
            throw new HprofFormatException(0, -1, "not an HPROF file: no format name at the start");
        }
        byte[] name = new byte[end];
        src.get(0, name, 0, end);
        String format = new String(name, StandardCharsets.ISO_8859_1);
        if (!format.startsWith("JAVA PROFILE 1.0")) {
            throw new HprofFormatException(0, -1, "not an HPROF file: starts with '" + printable(format) + "'");
        }
        if (size < end + 1 + 12) {
            throw new HprofFormatException(end + 1, -1, "file ends inside the header");
        }
        int idSize = src.getInt(end + 1);
        if (idSize != 4 && idSize != 8) {
            throw new HprofFormatException(end + 1, -1, "identifier size " + idSize + " is not 4 or 8");
        }
        long ts = src.getLong(end + 5);
        return new HprofHeader(format, idSize, ts, end + 13);
    }

    private static String printable(String s) {
        return s.replaceAll("[^\\x20-\\x7e]", "?");
    }

    /** Decodes an HPROF_UTF8 string body (HotSpot writes symbol bytes, which are UTF-8 here). */
    public String utf8(long pos, int length) {
        byte[] b = new byte[length];
        src.get(pos, b, 0, length);
        return new String(b, StandardCharsets.UTF_8);
    }

    /**
     * Reads every record once, in file order, handing each to {@code visitor}.
     *
     * @param progress receives the offset reached after each top-level record; may be null
     * @throws HprofFormatException when the bytes are not a complete, well-formed dump
     */
    public void read(HprofVisitor visitor, LongConsumer progress) {
        walk(visitor, progress, null);
    }

    /**
     * Reads every record except the heap dump segments, which are only checked for length and
     * returned as {@code [bodyStart, bodyEnd]} ranges for {@link #readHeap} (so several threads
     * can share them).
     */
    public List<long[]> readAllButHeap(HprofVisitor visitor) {
        List<long[]> ranges = new ArrayList<>();
        walk(visitor, null, ranges);
        return ranges;
    }

    /** Reads the heap dump sub-records between {@code start} and {@code end}, a range from {@link #readAllButHeap}. */
    public void readHeap(HprofVisitor visitor, long start, long end, LongConsumer progress) {
        readHeap(visitor, start, end);
        if (progress != null) {
            progress.accept(end - start);
        }
    }

    private void walk(HprofVisitor visitor, LongConsumer progress, List<long[]> heapRanges) {
        long size = src.size();
        long pos = header.recordsStart();
        boolean sawSegment = false;
        boolean sawEnd = false;
        boolean sawHeap = false;
        while (pos < size) {
            if (pos + 9 > size) {
                throw new HprofFormatException(pos, src.get(pos) & 0xFF, "file ends inside a record header");
            }
            int tag = src.get(pos) & 0xFF;
            long length = src.getInt(pos + 5) & 0xFFFFFFFFL;
            long body = pos + 9;
            if (body + length > size) {
                throw new HprofFormatException(pos, tag, "record of " + length + " bytes runs past the end of the file ("
                        + size + " bytes): the dump is truncated");
            }
            switch (tag) {
                case HprofTag.UTF8 -> {
                    requireAtLeast(pos, tag, length, idSize);
                    visitor.utf8(src.getId(body, idSize), body + idSize, (int) (length - idSize));
                }
                case HprofTag.LOAD_CLASS -> {
                    requireExactly(pos, tag, length, 8L + 2 * idSize);
                    visitor.loadClass(new LoadClassRecord(src.getInt(body), src.getId(body + 4, idSize),
                            src.getInt(body + 4 + idSize), src.getId(body + 8 + idSize, idSize)));
                }
                case HprofTag.FRAME -> {
                    requireExactly(pos, tag, length, 8L + 4 * idSize);
                    long p = body;
                    visitor.stackFrame(new StackFrameRecord(src.getId(p, idSize), src.getId(p + idSize, idSize),
                            src.getId(p + 2L * idSize, idSize), src.getId(p + 3L * idSize, idSize),
                            src.getInt(p + 4L * idSize), src.getInt(p + 4L * idSize + 4)));
                }
                case HprofTag.TRACE -> {
                    requireAtLeast(pos, tag, length, 12);
                    int n = src.getInt(body + 8);
                    if (n < 0 || 12L + (long) n * idSize != length) {
                        throw new HprofFormatException(pos, tag, "stack trace of " + n + " frames does not fit its "
                                + length + "-byte record");
                    }
                    long[] frames = new long[n];
                    for (int i = 0; i < n; i++) {
                        frames[i] = src.getId(body + 12 + (long) i * idSize, idSize);
                    }
                    visitor.stackTrace(new StackTraceRecord(src.getInt(body), src.getInt(body + 4), frames));
                }
                case HprofTag.HEAP_DUMP, HprofTag.HEAP_DUMP_SEGMENT -> {
                    if (sawEnd) {
                        throw new HprofFormatException(pos, tag, "heap dump segment after HEAP_DUMP_END");
                    }
                    sawHeap = true;
                    sawSegment |= tag == HprofTag.HEAP_DUMP_SEGMENT;
                    if (heapRanges == null) {
                        readHeap(visitor, body, body + length);
                    } else {
                        heapRanges.add(new long[] {body, body + length});
                    }
                }
                case HprofTag.HEAP_DUMP_END -> sawEnd = true;
                default -> {
                    if (tag == 0 || tag > HprofTag.HEAP_DUMP_END) {
                        throw new HprofFormatException(pos, tag, "unknown record tag: the file is corrupt");
                    }
                }
            }
            pos = body + length;
            if (progress != null) {
                progress.accept(pos);
            }
        }
        if (!sawHeap) {
            throw new HprofFormatException(pos, -1, "the file holds no heap dump records: the dump is truncated or empty");
        }
        if (sawSegment && !sawEnd) {
            throw new HprofFormatException(pos, -1, "segmented heap dump ends without HEAP_DUMP_END: the dump is truncated");
        }
    }

    private static void requireExactly(long pos, int tag, long length, long expected) {
        if (length != expected) {
            throw new HprofFormatException(pos, tag, "record is " + length + " bytes, expected " + expected);
        }
    }

    private static void requireAtLeast(long pos, int tag, long length, long expected) {
        if (length < expected) {
            throw new HprofFormatException(pos, tag, "record is " + length + " bytes, expected at least " + expected);
        }
    }

    private void readHeap(HprofVisitor v, long start, long end) {
        final ByteSource s = src;
        final int id = idSize;
        long p = start;
        while (p < end) {
            int tag = s.get(p) & 0xFF;
            long q = p + 1;
            switch (tag) {
                case HprofTag.INSTANCE_DUMP -> {
                    check(p, tag, q + 2L * id + 8, end);
                    long objId = s.getId(q, id);
                    long classId = s.getId(q + id + 4, id);
                    long len = s.getInt(q + 2L * id + 4) & 0xFFFFFFFFL;
                    long data = q + 2L * id + 8;
                    check(p, tag, data + len, end);
                    v.instance(p, objId, classId, data, (int) len);
                    p = data + len;
                }
                case HprofTag.OBJECT_ARRAY_DUMP -> {
                    check(p, tag, q + 2L * id + 8, end);
                    long objId = s.getId(q, id);
                    long n = s.getInt(q + id + 4) & 0xFFFFFFFFL;
                    long classId = s.getId(q + id + 8, id);
                    long data = q + 2L * id + 8;
                    check(p, tag, data + n * id, end);
                    v.objectArray(p, objId, classId, data, (int) n);
                    p = data + n * id;
                }
                case HprofTag.PRIMITIVE_ARRAY_DUMP -> {
                    check(p, tag, q + id + 9, end);
                    long objId = s.getId(q, id);
                    long n = s.getInt(q + id + 4) & 0xFFFFFFFFL;
                    int type = s.get(q + id + 8) & 0xFF;
                    int es = HprofTag.sizeOf(type, id);
                    if (es <= 0 || type == HprofTag.TYPE_OBJECT) {
                        throw new HprofFormatException(p, tag, "primitive array of unknown element type " + type);
                    }
                    long data = q + id + 9;
                    check(p, tag, data + n * es, end);
                    v.primitiveArray(p, objId, type, data, (int) n);
                    p = data + n * es;
                }
                case HprofTag.CLASS_DUMP -> p = readClassDump(v, p, end);
                case HprofTag.ROOT_UNKNOWN, HprofTag.ROOT_STICKY_CLASS, HprofTag.ROOT_MONITOR_USED -> {
                    check(p, tag, q + id, end);
                    v.gcRoot(new GcRootRecord(kindOf(tag), s.getId(q, id), 0, -1));
                    p = q + id;
                }
                case HprofTag.ROOT_JNI_GLOBAL -> {
                    check(p, tag, q + 2L * id, end);
                    v.gcRoot(new GcRootRecord(GcRootKind.JNI_GLOBAL, s.getId(q, id), 0, -1));
                    p = q + 2L * id;
                }
                case HprofTag.ROOT_JNI_LOCAL, HprofTag.ROOT_JAVA_FRAME, HprofTag.ROOT_THREAD_OBJECT -> {
                    check(p, tag, q + id + 8, end);
                    v.gcRoot(new GcRootRecord(kindOf(tag), s.getId(q, id), s.getInt(q + id), s.getInt(q + id + 4)));
                    p = q + id + 8;
                }
                case HprofTag.ROOT_NATIVE_STACK, HprofTag.ROOT_THREAD_BLOCK -> {
                    check(p, tag, q + id + 4, end);
                    v.gcRoot(new GcRootRecord(kindOf(tag), s.getId(q, id), s.getInt(q + id), -1));
                    p = q + id + 4;
                }
                default -> throw new HprofFormatException(p, tag, "unknown heap dump sub-record tag: the dump is corrupt");
            }
        }
    }

    private static GcRootKind kindOf(int tag) {
        for (GcRootKind k : GcRootKind.values()) {
            if (k.tag() == tag) {
                return k;
            }
        }
        throw new IllegalArgumentException("not a root tag: " + tag);
    }

    private static void check(long recordPos, int tag, long needEnd, long end) {
        if (needEnd > end) {
            throw new HprofFormatException(recordPos, tag, "sub-record runs " + (needEnd - end)
                    + " bytes past the end of its heap dump segment: the dump is truncated or corrupt");
        }
    }

    private long readClassDump(HprofVisitor v, long p, long end) {
        final ByteSource s = src;
        final int id = idSize;
        final int tag = HprofTag.CLASS_DUMP;
        long q = p + 1;
        check(p, tag, q + 7L * id + 8 + 2, end);
        long classId = s.getId(q, id);
        long superId = s.getId(q + id + 4, id);
        long loaderId = s.getId(q + 2L * id + 4, id);
        int instanceSize = s.getInt(q + 7L * id + 4);
        q += 7L * id + 8;
        int cpCount = s.getShort(q) & 0xFFFF;
        q += 2;
        for (int i = 0; i < cpCount; i++) {
            check(p, tag, q + 3, end);
            int type = s.get(q + 2) & 0xFF;
            int sz = HprofTag.sizeOf(type, id);
            if (sz < 0) {
                throw new HprofFormatException(p, tag, "constant pool entry of unknown type " + type);
            }
            q += 3 + sz;
        }
        check(p, tag, q + 2, end);
        int staticCount = s.getShort(q) & 0xFFFF;
        q += 2;
        boolean want = v.wantsClassDumps();
        List<ClassDumpRecord.StaticField> statics = want ? new ArrayList<>(staticCount) : null;
        for (int i = 0; i < staticCount; i++) {
            check(p, tag, q + id + 1, end);
            long nameId = s.getId(q, id);
            int type = s.get(q + id) & 0xFF;
            int sz = HprofTag.sizeOf(type, id);
            if (sz < 0) {
                throw new HprofFormatException(p, tag, "static field of unknown type " + type);
            }
            check(p, tag, q + id + 1 + sz, end);
            if (want) {
                long value = switch (sz) {
                    case 1 -> s.get(q + id + 1);
                    case 2 -> s.getShort(q + id + 1);
                    case 4 -> type == HprofTag.TYPE_OBJECT ? s.getInt(q + id + 1) & 0xFFFFFFFFL : s.getInt(q + id + 1);
                    default -> s.getLong(q + id + 1);
                };
                statics.add(new ClassDumpRecord.StaticField(nameId, type, value));
            }
            q += id + 1 + sz;
        }
        check(p, tag, q + 2, end);
        int fieldCount = s.getShort(q) & 0xFFFF;
        q += 2;
        check(p, tag, q + (long) fieldCount * (id + 1), end);
        List<ClassDumpRecord.FieldDecl> fields = want ? new ArrayList<>(fieldCount) : null;
        for (int i = 0; i < fieldCount; i++) {
            int type = s.get(q + id) & 0xFF;
            if (HprofTag.sizeOf(type, id) < 0) {
                throw new HprofFormatException(p, tag, "instance field of unknown type " + type);
            }
            if (want) {
                fields.add(new ClassDumpRecord.FieldDecl(s.getId(q, id), type));
            }
            q += id + 1;
        }
        if (want) {
            v.classDump(p, new ClassDumpRecord(classId, superId, loaderId, instanceSize, statics, fields));
        }
        return q;
    }
}
