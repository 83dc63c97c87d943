package io.leakwatch.graph;

import io.leakwatch.hprof.ByteSource;
import io.leakwatch.hprof.ClassDumpRecord;
import io.leakwatch.hprof.HprofFormatException;
import io.leakwatch.hprof.HprofTag;
import io.leakwatch.hprof.HprofVisitor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pass two of {@link HeapIndexBuilder}: each object's position, type statistics, the instances of
 * the requested types, marker references, and the outgoing references into the CSR arrays. One
 * per thread, each numbering its own range of objects.
 */
final class SecondPass implements HprofVisitor {
    private final IndexOptions options;
    private final int idSize;
    final HeapIndex.Parts parts;
    final IdMap idMap;
    final int n;
    final List<ClassLayout> classes;
    final LongIntMap classById;
    final int primBase;
    final long[] typeCounts;
    final long[] typeShallow;
    final int[] collectSlot;
    final String[] slotNames;
    final IntList[] collected;
    final int markerClass;
    final int referentOffset;
    final int labelOffset;
    final int markedAtOffset;
    final List<long[]> markerRaw = new ArrayList<>();
    final int[] offsets;
    final long edgesLimit;
    final int deferredStart;
    final int deferredEnd;
    final long[] deferred;
    final int[] targets;
    /** The bytes this pass reads, on its own thread. */
    ByteSource in;
    int edges;
    int next;
    long lastClassId = -1;
    int lastClass = -1;
    long lastArrayClassId = -1;
    int lastArrayClass = -1;

    /**
     * Numbers objects {@code start..end-1}; appends their references to {@code targets} from
     * {@code edgesFrom}, never reaching {@code edgesLimit} (pass one's bound).
     */
    SecondPass(IndexOptions options, HeapIndex.Parts parts, IdMap idMap, int[] offsets, int[] targets, int start,
               int end, int edgesFrom, long edgesLimit) {
        this.options = options;
        this.idSize = parts.header.idSize();
        this.parts = parts;
        this.idMap = idMap;
        this.n = end;
        this.next = start;
        this.offsets = offsets;
        this.targets = targets;
        this.edges = edgesFrom;
        this.edgesLimit = edgesLimit;
        this.deferredEnd = start % 256 == 0 ? start : Math.min(end, (start / 256 + 1) * 256);
        this.deferredStart = start;
        this.deferred = new long[deferredEnd - start];
        this.classes = parts.classes;
        this.classById = parts.classById;
        this.primBase = classes.size();
        int types = classes.size() + 8;
        typeCounts = new long[types];
        typeShallow = new long[types];
        // classes of one name from several loaders share one list: targets are chosen by name
        collectSlot = new int[types];
        Map<String, Integer> slots = new HashMap<>();
        for (int t = 0; t < types; t++) {
            String name = t < primBase ? classes.get(t).name() : HprofTag.primitiveArrayName(t - primBase + 4);
            collectSlot[t] = -1;
            if (options.collectTypes().contains(name)) {
                collectSlot[t] = slots.computeIfAbsent(name, x -> slots.size());
            }
        }
        slotNames = new String[slots.size()];
        slots.forEach((name, slot) -> slotNames[slot] = name);
        collected = new IntList[slots.size()];
        for (int i = 0; i < collected.length; i++) {
            collected[i] = new IntList(1024);
        }
        int mc = -1;
        for (int t = 0; t < primBase && options.markerClass() != null; t++) {
            if (classes.get(t).name().equals(options.markerClass())) {
                mc = t;
            }
        }
        markerClass = mc;
        referentOffset = mc < 0 ? -1 : offsetOf(classes.get(mc), "referent", HprofTag.TYPE_OBJECT);
        labelOffset = mc < 0 ? -1 : offsetOf(classes.get(mc), "label", HprofTag.TYPE_OBJECT);
        markedAtOffset = mc < 0 ? -1 : offsetOf(classes.get(mc), "markedAtMillis", HprofTag.TYPE_LONG);
    }

    private static int offsetOf(ClassLayout c, String name, int type) {
        ClassLayout.Field f = c.field(name);
        return f != null && f.type() == type ? f.offset() : -1;
    }

    Map<String, int[]> collectedArrays(SecondPass later) {
        Map<String, int[]> out = new HashMap<>();
        for (int i = 0; i < collected.length; i++) {
            out.put(slotNames[i], IntList.concat(collected[i], later.collected[i], options.limitPerType()));
        }
        return out;
    }

    List<MarkedObject> resolveMarkers(IdMap ids) {
        List<MarkedObject> out = new ArrayList<>();
        for (long[] m : markerRaw) {
            int referent = ids.indexOf(m[1]);
            if (referent >= 0) {
                out.add(new MarkedObject((int) m[0], referent, m[2], m[3]));
            }
        }
        return List.copyOf(out);
    }

    private int begin(long pos, long id) {
        if (next >= n) {
            throw new HprofFormatException(pos, -1, "the dump changed between passes: object 0x" + Long.toHexString(id));
        }
        int k = next++;
        offsets[k] = edges;
        if (k < deferredEnd) {
            deferred[k - deferredStart] = pos;
        } else {
            parts.positions.set(k, pos);
        }
        return k;
    }

    /**
     * Records the positions of this part's first objects, which share a block of the position
     * table with the previous part and so must wait until that part has set the block's base.
     */
    void placeDeferred() {
        for (int k = deferredStart; k < Math.min(deferredEnd, next); k++) {
            parts.positions.set(k, deferred[k - deferredStart]);
        }
    }

    private void edge(int k, long targetId) {
        if (targetId == 0) {
            return;
        }
        int t = idMap.indexOf(targetId);
        if (t < 0) {
            return;
        }
        if (edges >= edgesLimit) {
            throw new IllegalStateException("more references than pass one counted slots: " + edges);
        }
        targets[edges++] = t;
    }

    private void count(int k, int type, long rawSize) {
        long shallow = HeapIndex.shallowOf(rawSize, idSize);
        if (parts.types != null) {
            parts.types[k] = type;
            // an object of 2 GiB or more is read from the dump when asked for
            parts.sizes[k] = shallow <= Integer.MAX_VALUE ? (int) shallow : -1;
        }
        if (type < 0) {
            return;
        }
        typeCounts[type]++;
        typeShallow[type] += shallow;
        int slot = collectSlot[type];
        if (slot >= 0 && (options.limitPerType() == 0 || collected[slot].size() < options.limitPerType())) {
            collected[slot].add(k);
        }
    }

    @Override
    public void classDump(long pos, ClassDumpRecord record) {
        int k = begin(pos, record.classId());
        int c = classById.get(record.classId());
        ClassLayout layout = classes.get(c);
        long staticBytes = 0;
        for (int i = 0; i < layout.staticFields().size(); i++) {
            int type = layout.staticFields().get(i).type();
            staticBytes += HprofTag.sizeOf(type, idSize);
            if (type == HprofTag.TYPE_OBJECT) {
                edge(k, layout.staticValues()[i]);
            }
        }
        count(k, parts.classClassIndex, 2L * idSize + staticBytes);
    }

    @Override
    public void instance(long pos, long id, long classId, long dataPos, int dataLength) {
        int k = begin(pos, id);
        int c;
        if (classId == lastClassId) {
            c = lastClass;
        } else {
            c = classById.get(classId);
            if (c < 0) {
                throw new HprofFormatException(pos, HprofTag.INSTANCE_DUMP, "instance 0x" + Long.toHexString(id)
                        + " is of class 0x" + Long.toHexString(classId) + ", which the dump does not describe");
            }
            lastClassId = classId;
            lastClass = c;
        }
        ClassLayout layout = classes.get(c);
        if (layout.dataSize() != dataLength) {
            throw new HprofFormatException(pos, HprofTag.INSTANCE_DUMP, "instance of " + layout.name() + " has "
                    + dataLength + " bytes of fields, its class declares " + layout.dataSize());
        }
        for (int off : layout.referenceOffsets()) {
            edge(k, in.getId(dataPos + off, idSize));
        }
        count(k, c, 2L * idSize + dataLength);
        if (c == markerClass && referentOffset >= 0) {
            markerRaw.add(new long[] {k, in.getId(dataPos + referentOffset, idSize),
                labelOffset < 0 ? 0 : in.getId(dataPos + labelOffset, idSize),
                markedAtOffset < 0 ? 0 : in.getLong(dataPos + markedAtOffset)});
        }
    }

    @Override
    public void objectArray(long pos, long id, long arrayClassId, long elementsPos, int length) {
        int k = begin(pos, id);
        for (int i = 0; i < length; i++) {
            edge(k, in.getId(elementsPos + (long) i * idSize, idSize));
        }
        if (arrayClassId != lastArrayClassId) {
            lastArrayClassId = arrayClassId;
            lastArrayClass = classById.get(arrayClassId);
        }
        count(k, lastArrayClass, 2L * idSize + 4 + (long) length * idSize);
    }

    @Override
    public void primitiveArray(long pos, long id, int elementType, long dataPos, int length) {
        int k = begin(pos, id);
        count(k, primBase + elementType - 4, 2L * idSize + 4 + (long) length * HprofTag.sizeOf(elementType, idSize));
    }
}
