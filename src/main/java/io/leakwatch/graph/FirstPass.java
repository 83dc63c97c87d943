package io.leakwatch.graph;

import io.leakwatch.hprof.ClassDumpRecord;
import io.leakwatch.hprof.GcRootRecord;
import io.leakwatch.hprof.HprofFormatException;
import io.leakwatch.hprof.HprofReader;
import io.leakwatch.hprof.HprofTag;
import io.leakwatch.hprof.HprofVisitor;
import io.leakwatch.hprof.LoadClassRecord;
import io.leakwatch.hprof.StackFrameRecord;
import io.leakwatch.hprof.StackTraceRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pass one of {@link HeapIndexBuilder}: the small records and every object id, in dump order, with
 * an upper bound of the reference slots pass two will fill. One per thread.
 */
final class FirstPass implements HprofVisitor {
    private final HprofReader reader;
    private final int idSize;
    final Map<Long, String> strings = new HashMap<>();
    final List<LoadClassRecord> loadClasses = new ArrayList<>();
    final Map<Long, StackFrameRecord> frames = new HashMap<>();
    final Map<Integer, StackTraceRecord> traces = new HashMap<>();
    final List<GcRootRecord> roots = new ArrayList<>();
    final List<ClassDumpRecord> classDumps = new ArrayList<>();
    final Map<Long, Long> classDumpPos = new HashMap<>();
    final LongChunks ids = new LongChunks();
    boolean sorted = true;

    FirstPass(HprofReader reader) {
        this.reader = reader;
        this.idSize = reader.header().idSize();
    }

    long last = Long.MIN_VALUE;
    long first = Long.MIN_VALUE;
    /** Reference slots seen: an upper bound of the references pass two will find. */
    long referenceBound;

    private void id(long pos, int tag, long id) {
        if (first == Long.MIN_VALUE) {
            first = id;
        }
        if (id <= last) {
            if (id == last) {
                throw new HprofFormatException(pos, tag, "object id 0x" + Long.toHexString(id)
                        + " is dumped twice: the dump is corrupt");
            }
            sorted = false;
        }
        last = id;
        ids.add(id);
    }

    @Override
    public void utf8(long id, long pos, int length) {
        strings.put(id, reader.utf8(pos, length));
    }

    @Override
    public void loadClass(LoadClassRecord record) {
        loadClasses.add(record);
    }

    @Override
    public void stackFrame(StackFrameRecord record) {
        frames.put(record.frameId(), record);
    }

    @Override
    public void stackTrace(StackTraceRecord record) {
        traces.put(record.serial(), record);
    }

    @Override
    public void gcRoot(GcRootRecord record) {
        roots.add(record);
    }

    @Override
    public void classDump(long pos, ClassDumpRecord record) {
        classDumps.add(record);
        classDumpPos.put(record.classId(), pos);
        id(pos, HprofTag.CLASS_DUMP, record.classId());
        for (ClassDumpRecord.StaticField f : record.staticFields()) {
            if (f.type() == HprofTag.TYPE_OBJECT) {
                referenceBound++;
            }
        }
    }

    @Override
    public void instance(long pos, long id, long classId, long dataPos, int dataLength) {
        id(pos, HprofTag.INSTANCE_DUMP, id);
        referenceBound += dataLength / idSize;
    }

    @Override
    public void objectArray(long pos, long id, long arrayClassId, long elementsPos, int length) {
        id(pos, HprofTag.OBJECT_ARRAY_DUMP, id);
        referenceBound += length;
    }

    @Override
    public void primitiveArray(long pos, long id, int elementType, long dataPos, int length) {
        id(pos, HprofTag.PRIMITIVE_ARRAY_DUMP, id);
    }
}
