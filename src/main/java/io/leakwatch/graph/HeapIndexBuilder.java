package io.leakwatch.graph;

import io.leakwatch.hprof.ByteSource;
import io.leakwatch.hprof.ClassDumpRecord;
import io.leakwatch.hprof.GcRootRecord;
import io.leakwatch.hprof.HprofFormatException;
import io.leakwatch.hprof.HprofReader;
import io.leakwatch.hprof.HprofTag;
import io.leakwatch.hprof.HprofVisitor;
import io.leakwatch.hprof.LoadClassRecord;
import io.leakwatch.hprof.ProgressListener;
import io.leakwatch.hprof.StackFrameRecord;
import io.leakwatch.hprof.StackTraceRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds a {@link HeapIndex} in two sequential passes over the dump. Objects are numbered in dump
 * order. Pass one keeps the small records (strings, classes, roots, frames) and every object id;
 * the ids are then sorted for lookup. Pass two records each object's position, its type
 * statistics and, through the class layouts resolved once per class, its outgoing references
 * straight into the CSR arrays. With two threads, each pass reads the two halves of the heap
 * dump segments at once; the second half's references are appended after the first's.
 */
public final class HeapIndexBuilder {

    private final HprofReader reader;
    private final ByteSource src;
    private final int idSize;
    private final IndexOptions options;
    private final ProgressListener progress;

    public HeapIndexBuilder(HprofReader reader, IndexOptions options, ProgressListener progress) {
        this.reader = reader;
        this.src = reader.source();
        this.idSize = reader.header().idSize();
        this.options = options;
        this.progress = progress;
    }

    public HeapIndex build() {
        long size = src.size();
        AtomicLong done = new AtomicLong();
        FirstPass first = new FirstPass();
        List<long[]> ranges = reader.readAllButHeap(first);
        int split = options.threads() > 1 ? split(ranges) : ranges.size();
        FirstPass firstB = new FirstPass();
        inParallel(() -> readRanges(first, ranges, 0, split, "reading dump (1/2)", done),
                () -> readRanges(firstB, ranges, split, ranges.size(), "reading dump (1/2)", done));
        int n0 = Math.toIntExact(first.ids.size());
        boolean sorted = first.sorted && firstB.sorted && (firstB.first == Long.MIN_VALUE || first.last < firstB.first);
        first.roots.addAll(firstB.roots);
        first.classDumps.addAll(firstB.classDumps);
        first.classDumpPos.putAll(firstB.classDumpPos);
        HeapIndex.Parts parts = new HeapIndex.Parts();
        parts.src = src;
        parts.header = reader.header();
        parts.strings = first.strings;
        parts.frames = first.frames;
        parts.traces = first.traces;
        resolveClasses(first, parts);

        long[] ids = LongChunks.concat(first.ids, firstB.ids);
        int n = ids.length;
        progress.progress("sorting object ids", 0, n);
        IdMap idMap = IdMap.of(ids, sorted);
        if (!sorted && idMap.duplicate() != 0) {
            throw new HprofFormatException(0, -1, "object id 0x" + Long.toHexString(idMap.duplicate())
                    + " is dumped twice: the dump is corrupt");
        }
        parts.n = n;
        parts.positions = new PositionTable(n, true);
        int[] offsets = new int[n + 1];
        long bound = first.referenceBound + firstB.referenceBound;
        if (bound > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("dumps with more than 2^31 reference slots are not supported: " + bound);
        }
        // one array for both halves: the second writes after the first's bound, then moves down
        int[] targets = new int[(int) bound];
        SecondPass second = new SecondPass(parts, idMap, offsets, targets, 0, n0, 0, first.referenceBound);
        SecondPass secondB = new SecondPass(parts, idMap, offsets, targets, n0, n, (int) first.referenceBound, bound);
        done.set(0);
        inParallel(() -> readRanges(second, ranges, 0, split, "indexing references (2/2)", done),
                () -> readRanges(secondB, ranges, split, ranges.size(), "indexing references (2/2)", done));
        if (second.next != n0 || secondB.next != n) {
            throw new HprofFormatException(size, -1, "the dump changed between passes (" + n + " objects, then "
                    + (second.next + secondB.next - n0) + ")");
        }
        secondB.placeDeferred();
        parts.roots = resolveRoots(first.roots, idMap);
        parts.threads = resolveThreads(first.roots, idMap);
        List<MarkedObject> markers = new ArrayList<>(second.resolveMarkers(idMap));
        markers.addAll(secondB.resolveMarkers(idMap));
        parts.markers = List.copyOf(markers);
        int e0 = second.edges;
        int base1 = (int) first.referenceBound;
        int e1 = secondB.edges - base1;
        System.arraycopy(targets, base1, targets, e0, e1);
        int shift = base1 - e0;
        for (int k = n0; k < n; k++) {
            offsets[k] -= shift;
        }
        offsets[n] = e0 + e1;
        parts.offsets = offsets;
        parts.targets = targets;
        parts.typeCounts = second.typeCounts;
        parts.typeShallow = second.typeShallow;
        for (int t = 0; t < parts.typeCounts.length; t++) {
            parts.typeCounts[t] += secondB.typeCounts[t];
            parts.typeShallow[t] += secondB.typeShallow[t];
        }
        parts.collected = second.collectedArrays(secondB);
        Map<Integer, String> bySerial = new HashMap<>();
        for (LoadClassRecord lc : first.loadClasses) {
            bySerial.put(lc.classSerial(), typeName(first.strings.get(lc.nameId())));
        }
        parts.classNamesBySerial = bySerial;
        return new HeapIndex(parts);
    }

    /** Splits the heap ranges in two runs of about equal bytes; returns the first index of the second. */
    private static int split(List<long[]> ranges) {
        long total = 0;
        for (long[] r : ranges) {
            total += r[1] - r[0];
        }
        long acc = 0;
        for (int i = 0; i < ranges.size(); i++) {
            if (acc >= total / 2) {
                return i;
            }
            acc += ranges.get(i)[1] - ranges.get(i)[0];
        }
        return ranges.size();
    }

    private void readRanges(HprofVisitor v, List<long[]> ranges, int from, int to, String phase, AtomicLong done) {
        if (from >= to) {
            return;
        }
        long size = src.size();
        ByteSource stream = src.forSequentialReading();
        try {
            HprofReader r = reader.withSource(stream);
            if (v instanceof SecondPass pass) {
                pass.in = stream;
            }
            for (int i = from; i < to; i++) {
                progress.checkCancelled();
                long[] range = ranges.get(i);
                r.readHeap(v, range[0], range[1], bytes -> progress.progress(phase, done.addAndGet(bytes), size));
            }
        } finally {
            if (stream != src && stream instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException("cannot close the dump stream", e);
                }
            }
        }
    }

    /** Runs {@code a} here and {@code b} on a second thread; the earlier part's failure wins. */
    private static void inParallel(Runnable a, Runnable b) {
        RuntimeException[] failure = new RuntimeException[1];
        Error[] error = new Error[1];
        Thread t = new Thread(() -> {
            try {
                b.run();
            } catch (RuntimeException e) {
                failure[0] = e;
            } catch (Error e) {
                error[0] = e;
            }
        }, "leakwatch-index");
        t.setDaemon(true);
        t.start();
        RuntimeException mine = null;
        try {
            a.run();
        } catch (RuntimeException e) {
            mine = e;
        }
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while indexing", e);
        }
        if (mine != null) {
            throw mine;
        }
        if (error[0] != null) {
            throw error[0];
        }
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    private static List<GcRoot> resolveRoots(List<GcRootRecord> records, IdMap idMap) {
        List<GcRoot> roots = new ArrayList<>(records.size());
        for (GcRootRecord r : records) {
            int k = idMap.indexOf(r.objectId());
            if (k >= 0) {
                roots.add(new GcRoot(r.kind(), k, r.threadSerial(), r.frameNumber()));
            }
        }
        return List.copyOf(roots);
    }

    private static Map<Integer, int[]> resolveThreads(List<GcRootRecord> records, IdMap idMap) {
        Map<Integer, int[]> threads = new HashMap<>();
        for (GcRootRecord r : records) {
            if (r.kind() == io.leakwatch.hprof.GcRootKind.THREAD_OBJECT) {
                int k = idMap.indexOf(r.objectId());
                if (k >= 0) {
                    threads.put(r.threadSerial(), new int[] {k, r.frameNumber()});
                }
            }
        }
        return threads;
    }

    /** Turns a JVM class name ("java/lang/String", "[Ljava.lang.Object;", "[[I") into Java form. */
    static String typeName(String raw) {
        if (raw == null) {
            return "?";
        }
        String s = raw.replace('/', '.');
        int dims = 0;
        while (dims < s.length() && s.charAt(dims) == '[') {
            dims++;
        }
        if (dims == 0) {
            return s;
        }
        String elem = s.substring(dims);
        String base = switch (elem) {
            case "Z" -> "boolean";
            case "B" -> "byte";
            case "C" -> "char";
            case "S" -> "short";
            case "I" -> "int";
            case "J" -> "long";
            case "F" -> "float";
            case "D" -> "double";
            default -> elem.startsWith("L") && elem.endsWith(";") ? elem.substring(1, elem.length() - 1) : elem;
        };
        return base + "[]".repeat(dims);
    }

    private void resolveClasses(FirstPass first, HeapIndex.Parts parts) {
        Map<Long, ClassDumpRecord> dumps = new HashMap<>();
        for (ClassDumpRecord c : first.classDumps) {
            dumps.put(c.classId(), c);
        }
        Map<Long, String> names = new HashMap<>();
        for (LoadClassRecord lc : first.loadClasses) {
            names.put(lc.classId(), typeName(first.strings.get(lc.nameId())));
        }
        List<ClassLayout> layouts = new ArrayList<>(first.classDumps.size());
        LongIntMap byId = new LongIntMap(first.classDumps.size());
        int classClass = -1;
        for (ClassDumpRecord c : first.classDumps) {
            List<ClassLayout.Field> fields = new ArrayList<>();
            List<Integer> refs = new ArrayList<>();
            int offset = 0;
            boolean isReference = false;
            int depth = 0;
            for (ClassDumpRecord k = c; k != null; k = dumps.get(k.superClassId())) {
                if (++depth > 1000) {
                    throw new HprofFormatException(first.classDumpPos.getOrDefault(c.classId(), 0L), HprofTag.CLASS_DUMP,
                            "super class chain of class 0x" + Long.toHexString(c.classId()) + " loops");
                }
                String declaring = names.getOrDefault(k.classId(), "0x" + Long.toHexString(k.classId()));
                boolean refBase = "java.lang.ref.Reference".equals(declaring);
                isReference |= refBase;
                for (ClassDumpRecord.FieldDecl f : k.instanceFields()) {
                    String fname = first.strings.getOrDefault(f.nameId(), "?");
                    fields.add(new ClassLayout.Field(fname, f.type(), offset, declaring));
                    if (f.type() == HprofTag.TYPE_OBJECT && !(refBase && fname.equals("referent"))) {
                        refs.add(offset);
                    }
                    offset += HprofTag.sizeOf(f.type(), idSize);
                }
            }
            List<ClassLayout.Field> statics = new ArrayList<>();
            long[] values = new long[c.staticFields().size()];
            for (int i = 0; i < values.length; i++) {
                ClassDumpRecord.StaticField sf = c.staticFields().get(i);
                statics.add(new ClassLayout.Field(first.strings.getOrDefault(sf.nameId(), "?"), sf.type(), -1,
                        names.getOrDefault(c.classId(), "?")));
                values[i] = sf.value();
            }
            String name = names.getOrDefault(c.classId(), "0x" + Long.toHexString(c.classId()));
            if (name.equals("java.lang.Class")) {
                classClass = layouts.size();
            }
            byId.put(c.classId(), layouts.size());
            layouts.add(new ClassLayout(c.classId(), name, c.superClassId(), c.classLoaderId(), offset, fields,
                    refs.stream().mapToInt(Integer::intValue).toArray(), statics, values, isReference));
        }
        parts.classes = List.copyOf(layouts);
        parts.classById = byId;
        parts.classClassIndex = classClass;
    }

    /** Pass one: small records and all object ids. */
    private final class FirstPass implements HprofVisitor {
        final Map<Long, String> strings = new HashMap<>();
        final List<LoadClassRecord> loadClasses = new ArrayList<>();
        final Map<Long, StackFrameRecord> frames = new HashMap<>();
        final Map<Integer, StackTraceRecord> traces = new HashMap<>();
        final List<GcRootRecord> roots = new ArrayList<>();
        final List<ClassDumpRecord> classDumps = new ArrayList<>();
        final Map<Long, Long> classDumpPos = new HashMap<>();
        final LongChunks ids = new LongChunks();
        boolean sorted = true;
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

    /** Pass two (and three): positions, type statistics, targets, markers and the references. */
    private final class SecondPass implements HprofVisitor {
        final HeapIndex.Parts parts;
        final IdMap idMap;
        final int n;
        final List<ClassLayout> classes;
        final LongIntMap classById;
        final int primBase;
        final long[] typeCounts;
        final long[] typeShallow;
        final boolean[] wanted;
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
        SecondPass(HeapIndex.Parts parts, IdMap idMap, int[] offsets, int[] targets, int start, int end,
                   int edgesFrom, long edgesLimit) {
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
            wanted = new boolean[types];
            collected = new IntList[types];
            for (int t = 0; t < types; t++) {
                String name = t < primBase ? classes.get(t).name() : HprofTag.primitiveArrayName(t - primBase + 4);
                if (options.collectTypes().contains(name)) {
                    wanted[t] = true;
                    collected[t] = new IntList(1024);
                }
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
            for (int t = 0; t < collected.length; t++) {
                if (collected[t] != null) {
                    int[] ks = IntList.concat(collected[t], later.collected[t], options.limitPerType());
                    out.put(t < primBase ? classes.get(t).name() : HprofTag.primitiveArrayName(t - primBase + 4), ks);
                }
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
            if (type < 0) {
                return;
            }
            typeCounts[type]++;
            typeShallow[type] += HeapIndex.shallowOf(rawSize, idSize);
            if (wanted[type] && (options.limitPerType() == 0 || collected[type].size() < options.limitPerType())) {
                collected[type].add(k);
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
}
