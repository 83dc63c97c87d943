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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds a {@link HeapIndex} in two sequential passes over the dump. Objects are numbered in dump
 * order. Pass one keeps the small records (strings, classes, roots, frames) and every object id;
 * then an {@link IdMap} is built for lookup. Pass two records each object's position, its type
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
        FirstPass first = new FirstPass(reader);
        List<long[]> ranges = reader.readAllButHeap(first);
        int split = options.threads() > 1 ? split(ranges) : ranges.size();
        FirstPass firstB = new FirstPass(reader);
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
        if (options.objectTable()) {
            parts.types = new int[n];
            parts.sizes = new int[n];
        }
        int[] offsets = new int[n + 1];
        long bound = first.referenceBound + firstB.referenceBound;
        if (bound > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("dumps with more than 2^31 reference slots are not supported: " + bound);
        }
        // one array for both halves: the second writes after the first's bound, then moves down
        int[] targets = new int[(int) bound];
        SecondPass second = new SecondPass(options, parts, idMap, offsets, targets, 0, n0, 0, first.referenceBound);
        SecondPass secondB = new SecondPass(options, parts, idMap, offsets, targets, n0, n, (int) first.referenceBound, bound);
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
            bySerial.put(lc.classSerial(), TypeNames.javaName(first.strings.get(lc.nameId())));
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


    private void resolveClasses(FirstPass first, HeapIndex.Parts parts) {
        Map<Long, ClassDumpRecord> dumps = new HashMap<>();
        for (ClassDumpRecord c : first.classDumps) {
            dumps.put(c.classId(), c);
        }
        Map<Long, String> names = new HashMap<>();
        for (LoadClassRecord lc : first.loadClasses) {
            names.put(lc.classId(), TypeNames.javaName(first.strings.get(lc.nameId())));
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
}
