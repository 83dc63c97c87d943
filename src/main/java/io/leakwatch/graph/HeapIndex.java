package io.leakwatch.graph;

import io.leakwatch.hprof.ByteSource;
import io.leakwatch.hprof.HprofHeader;
import io.leakwatch.hprof.HprofTag;
import io.leakwatch.hprof.StackFrameRecord;
import io.leakwatch.hprof.StackTraceRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A read-only heap graph over a dump. Objects are numbered densely (0..n-1, in dump order);
 * outgoing strong references sit in two primitive arrays (CSR: {@code offsets[k]..offsets[k+1]}
 * into {@code targets}), plus one position per object into the dump. Everything else (types,
 * sizes, field names, values) is read from the dump bytes on demand, so the index costs about
 * 8 bytes per object plus 4 per reference slot. With {@link IndexOptions#objectTable()} each
 * object's type and shallow size are kept too (8 more bytes per object), for analyses that visit
 * every object. {@code java.lang.ref.Reference.referent} is not an edge: the graph holds strong
 * references only.
 */
public final class HeapIndex {

    private final ByteSource src;
    private final HprofHeader header;
    private final int idSize;
    private final int n;
    private final PositionTable positions;
    /** Each object's type and shallow size (-1: read it from the dump), or null without the table. */
    private final int[] types;
    private final int[] sizes;
    private final int[] offsets;
    private final int[] targets;
    private final List<ClassLayout> classes;
    private final LongIntMap classById;
    private final int classClassIndex;
    private final List<GcRoot> roots;
    private final long[] typeCounts;
    private final long[] typeShallow;
    private final Map<String, int[]> collected;
    private final List<MarkedObject> markers;
    private final Map<Long, String> strings;
    private final Map<Long, StackFrameRecord> frames;
    private final Map<Integer, StackTraceRecord> traces;
    private final Map<Integer, String> classNamesBySerial;
    private final Map<Integer, int[]> threads;

    HeapIndex(Parts p) {
        this.src = p.src;
        this.header = p.header;
        this.idSize = p.header.idSize();
        this.n = p.n;
        this.positions = p.positions;
        this.types = p.types;
        this.sizes = p.sizes;
        this.offsets = p.offsets;
        this.targets = p.targets;
        this.classes = p.classes;
        this.classById = p.classById;
        this.classClassIndex = p.classClassIndex;
        this.roots = p.roots;
        this.typeCounts = p.typeCounts;
        this.typeShallow = p.typeShallow;
        this.collected = p.collected;
        this.markers = p.markers;
        this.strings = p.strings;
        this.frames = p.frames;
        this.traces = p.traces;
        this.classNamesBySerial = p.classNamesBySerial;
        this.threads = p.threads;
    }

    /** What the builder hands over; mutable, package-private. */
    static final class Parts {
        ByteSource src;
        HprofHeader header;
        int n;
        PositionTable positions;
        int[] types;
        int[] sizes;
        int[] offsets;
        int[] targets;
        List<ClassLayout> classes;
        LongIntMap classById;
        int classClassIndex;
        List<GcRoot> roots;
        long[] typeCounts;
        long[] typeShallow;
        Map<String, int[]> collected;
        List<MarkedObject> markers;
        Map<Long, String> strings;
        Map<Long, StackFrameRecord> frames;
        Map<Integer, StackTraceRecord> traces;
        Map<Integer, String> classNamesBySerial;
        Map<Integer, int[]> threads;
    }

    public HprofHeader header() {
        return header;
    }

    public int objectCount() {
        return n;
    }

    public long edgeCount() {
        return offsets[n];
    }

    /** First index into {@link #edgeTarget} of object {@code k}'s references. */
    public int edgesStart(int k) {
        return offsets[k];
    }

    /** One past the last index of object {@code k}'s references. */
    public int edgesEnd(int k) {
        return offsets[k + 1];
    }

    public int edgeTarget(int e) {
        return targets[e];
    }

    public List<GcRoot> roots() {
        return roots;
    }

    public List<MarkedObject> markers() {
        return markers;
    }

    /** Instances of a type named in {@link IndexOptions#collectTypes()}, in dump order (capped). */
    public int[] instancesOf(String typeName) {
        int[] found = collected.get(typeName);
        return found == null ? new int[0] : found.clone();
    }

    /** Number of types: classes, then the eight primitive array types. */
    public int typeCount() {
        return classes.size() + 8;
    }

    public String typeName(int type) {
        return type < classes.size() ? classes.get(type).name() : HprofTag.primitiveArrayName(type - classes.size() + 4);
    }

    /** The type indexes named {@code name}: one class name may be loaded by several loaders. */
    public int[] typeIndexes(String name) {
        IntList out = new IntList(2);
        for (int t = 0; t < typeCount(); t++) {
            if (typeName(t).equals(name)) {
                out.add(t);
            }
        }
        return out.toArray();
    }

    /** Instances in the whole dump of the types named {@code name}. */
    public long instanceCount(String name) {
        long sum = 0;
        for (int t : typeIndexes(name)) {
            sum += typeCounts[t];
        }
        return sum;
    }

    /** Sum of the shallow sizes of all instances of the types named {@code name}. */
    public long shallowBytes(String name) {
        long sum = 0;
        for (int t : typeIndexes(name)) {
            sum += typeShallow[t];
        }
        return sum;
    }

    /** Instances of {@code type} in the whole dump. */
    public long instanceCount(int type) {
        return typeCounts[type];
    }

    /** Sum of the shallow sizes of all instances of {@code type}. */
    public long shallowBytes(int type) {
        return typeShallow[type];
    }

    public long position(int k) {
        return positions.get(k);
    }

    private int tag(int k) {
        return src.get(positions.get(k)) & 0xFF;
    }

    /** The dump's identifier (address) of object {@code k}. */
    public long objectId(int k) {
        return src.getId(positions.get(k) + 1, idSize);
    }

    public boolean isObjectArray(int k) {
        return tag(k) == HprofTag.OBJECT_ARRAY_DUMP;
    }

    /**
     * Instances of the types named {@code name} in dump order, at most {@code limit} (0 = all),
     * found by one scan of the objects' record headers.
     */
    public int[] scanInstances(String name, int limit) {
        boolean[] match = new boolean[typeCount()];
        for (int t : typeIndexes(name)) {
            match[t] = true;
        }
        IntList out = new IntList(1024);
        for (int k = 0; k < n && (limit == 0 || out.size() < limit); k++) {
            int t = typeOf(k);
            if (t >= 0 && match[t]) {
                out.add(k);
            }
        }
        return out.toArray();
    }

    /** Whether {@link #instancesOf} holds the instances of {@code typeName}. */
    public boolean collected(String typeName) {
        return collected.containsKey(typeName);
    }

    public boolean isClassObject(int k) {
        return tag(k) == HprofTag.CLASS_DUMP;
    }

    /** Whether each object's type and shallow size are kept ({@link IndexOptions#objectTable()}). */
    public boolean hasObjectTable() {
        return types != null;
    }

    /** The type index of object {@code k} (java.lang.Class for class objects). */
    public int typeOf(int k) {
        if (types != null) {
            return types[k];
        }
        return typeAt(src, positions.get(k));
    }

    private int typeAt(ByteSource src, long p) {
        int tag = src.get(p) & 0xFF;
        return switch (tag) {
            case HprofTag.INSTANCE_DUMP -> classById.get(src.getId(p + 1 + idSize + 4, idSize));
            case HprofTag.OBJECT_ARRAY_DUMP -> classById.get(src.getId(p + 1 + idSize + 8, idSize));
            case HprofTag.PRIMITIVE_ARRAY_DUMP -> classes.size() + (src.get(p + 1 + idSize + 8) & 0xFF) - 4;
            default -> classClassIndex;
        };
    }

    /** For a class object, its own layout index (the class it describes); else -1. */
    public int describedClass(int k) {
        long p = positions.get(k);
        return (src.get(p) & 0xFF) == HprofTag.CLASS_DUMP ? classById.get(src.getId(p + 1, idSize)) : -1;
    }

    /** A readable type name for object {@code k}; class objects read "class X". */
    public String describeType(int k) {
        int described = describedClass(k);
        if (described >= 0) {
            return "class " + classes.get(described).name();
        }
        int t = typeOf(k);
        return t < 0 ? "?" : typeName(t);
    }

    /**
     * Shallow size as the dump describes the object: a header of two identifiers plus the field or
     * element bytes, aligned to the identifier size (not corrected for compressed oops).
     */
    public long shallowSize(int k) {
        if (sizes != null && sizes[k] >= 0) {
            return sizes[k];
        }
        return sizeAt(src, positions.get(k));
    }

    private long sizeAt(ByteSource src, long p) {
        int tag = src.get(p) & 0xFF;
        long raw = switch (tag) {
            case HprofTag.INSTANCE_DUMP -> 2L * idSize + (src.getInt(p + 1 + 2L * idSize + 4) & 0xFFFFFFFFL);
            case HprofTag.OBJECT_ARRAY_DUMP -> 2L * idSize + 4 + (src.getInt(p + 1 + idSize + 4) & 0xFFFFFFFFL) * idSize;
            case HprofTag.PRIMITIVE_ARRAY_DUMP -> 2L * idSize + 4 + (src.getInt(p + 1 + idSize + 4) & 0xFFFFFFFFL)
                    * HprofTag.sizeOf(src.get(p + 1 + idSize + 8) & 0xFF, idSize);
            default -> 2L * idSize + staticBytes(classById.get(src.getId(p + 1, idSize)));
        };
        return align(raw);
    }

    /** Receives one object of a {@link #scanObjects} sweep. */
    @FunctionalInterface
    public interface ObjectVisitor {
        void visit(int k, int type, long shallowSize);
    }

    /**
     * The type ({@link #typeOf}) and shallow size of every object {@code wanted} accepts, in object
     * (dump) order, from the object table when the index keeps one, else read through the source's
     * sequential stream: for sweeps over most of the heap, which through the mapping would make the
     * whole dump resident.
     */
    public void scanObjects(java.util.function.IntPredicate wanted, ObjectVisitor visitor) {
        if (types != null) {
            for (int k = 0; k < n; k++) {
                if (wanted.test(k)) {
                    visitor.visit(k, types[k], shallowSize(k));
                }
            }
            return;
        }
        ByteSource stream = src.forSequentialReading();
        try {
            for (int k = 0; k < n; k++) {
                if (wanted.test(k)) {
                    long p = positions.get(k);
                    visitor.visit(k, typeAt(stream, p), sizeAt(stream, p));
                }
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

    private long staticBytes(int classIndex) {
        long sum = 0;
        if (classIndex >= 0) {
            for (ClassLayout.Field f : classes.get(classIndex).staticFields()) {
                sum += HprofTag.sizeOf(f.type(), idSize);
            }
        }
        return sum;
    }

    private long align(long raw) {
        return shallowOf(raw, idSize);
    }

    /** {@code raw} rounded up to a multiple of {@code idSize} (4 or 8). */
    static long shallowOf(long raw, int idSize) {
        return (raw + idSize - 1) & -idSize;
    }

    /**
     * A number naming the kind of reference from {@code from} to {@code to} with array indexes
     * folded: equal for two edges exactly when they leave the same type through the same field
     * (or any slot of the same array type). -1 when no field holds {@code to}.
     */
    public long edgeShape(int from, int to) {
        long p = positions.get(from);
        int tag = src.get(p) & 0xFF;
        switch (tag) {
            case HprofTag.OBJECT_ARRAY_DUMP -> {
                return ((long) typeOf(from) << 32) | 0xFFFFFFFFL;
            }
            case HprofTag.INSTANCE_DUMP -> {
                int c = classById.get(src.getId(p + 1 + idSize + 4, idSize));
                long target = objectId(to);
                long data = p + 1 + 2L * idSize + 8;
                List<ClassLayout.Field> fields = classes.get(c).fields();
                for (int i = 0; i < fields.size(); i++) {
                    ClassLayout.Field f = fields.get(i);
                    if (f.type() == HprofTag.TYPE_OBJECT && src.getId(data + f.offset(), idSize) == target) {
                        return ((long) c << 32) | i;
                    }
                }
                return -1;
            }
            case HprofTag.CLASS_DUMP -> {
                int c = classById.get(src.getId(p + 1, idSize));
                long target = objectId(to);
                ClassLayout layout = classes.get(c);
                for (int i = 0; i < layout.staticFields().size(); i++) {
                    if (layout.staticFields().get(i).type() == HprofTag.TYPE_OBJECT && layout.staticValues()[i] == target) {
                        return ((long) (c + typeCount()) << 32) | i;
                    }
                }
                return -1;
            }
            default -> {
                return -1;
            }
        }
    }

    /** How {@code from} refers to {@code to}: the first field or slot holding it. */
    public EdgeLabel edgeLabel(int from, int to) {
        long target = objectId(to);
        long p = positions.get(from);
        int tag = src.get(p) & 0xFF;
        switch (tag) {
            case HprofTag.INSTANCE_DUMP -> {
                ClassLayout c = classes.get(classById.get(src.getId(p + 1 + idSize + 4, idSize)));
                long data = p + 1 + 2L * idSize + 8;
                for (ClassLayout.Field f : c.fields()) {
                    if (f.type() == HprofTag.TYPE_OBJECT && src.getId(data + f.offset(), idSize) == target) {
                        return new EdgeLabel(EdgeLabel.Kind.FIELD, f.declaringClass(), f.name(), -1);
                    }
                }
                return new EdgeLabel(EdgeLabel.Kind.UNKNOWN, c.name(), "?", -1);
            }
            case HprofTag.OBJECT_ARRAY_DUMP -> {
                int len = src.getInt(p + 1 + idSize + 4);
                long data = p + 1 + 2L * idSize + 8;
                String type = describeType(from);
                for (int i = 0; i < len; i++) {
                    if (src.getId(data + (long) i * idSize, idSize) == target) {
                        return new EdgeLabel(EdgeLabel.Kind.ARRAY_SLOT, type, "[" + i + "]", i);
                    }
                }
                return new EdgeLabel(EdgeLabel.Kind.UNKNOWN, type, "?", -1);
            }
            case HprofTag.CLASS_DUMP -> {
                ClassLayout c = classes.get(classById.get(src.getId(p + 1, idSize)));
                for (int i = 0; i < c.staticFields().size(); i++) {
                    if (c.staticFields().get(i).type() == HprofTag.TYPE_OBJECT && c.staticValues()[i] == target) {
                        return new EdgeLabel(EdgeLabel.Kind.STATIC, c.name(), c.staticFields().get(i).name(), -1);
                    }
                }
                return new EdgeLabel(EdgeLabel.Kind.UNKNOWN, c.name(), "?", -1);
            }
            default -> {
                return new EdgeLabel(EdgeLabel.Kind.UNKNOWN, describeType(from), "?", -1);
            }
        }
    }

    private long instanceData(int k) {
        return positions.get(k) + 1 + 2L * idSize + 8;
    }

    /** The value of reference field {@code name} of instance {@code k} as an object id, or 0. */
    public long referenceField(int k, String name) {
        if (tag(k) != HprofTag.INSTANCE_DUMP) {
            return 0;
        }
        ClassLayout.Field f = classes.get(typeOf(k)).field(name);
        return f == null || f.type() != HprofTag.TYPE_OBJECT ? 0 : src.getId(instanceData(k) + f.offset(), idSize);
    }

    /** The outgoing reference of {@code k} whose id is {@code id}, as an object number, or -1. */
    public int followId(int k, long id) {
        if (id == 0) {
            return -1;
        }
        for (int e = offsets[k]; e < offsets[k + 1]; e++) {
            if (objectId(targets[e]) == id) {
                return targets[e];
            }
        }
        return -1;
    }

    /**
     * The text of a java.lang.String object (JDK 8 char[] or JDK 9+ byte[] with coder), or null
     * when {@code k} is not a String. Callers decide whether showing it is allowed.
     */
    public String stringValue(int k) {
        if (tag(k) != HprofTag.INSTANCE_DUMP || !"java.lang.String".equals(typeName(typeOf(k)))) {
            return null;
        }
        int value = followId(k, referenceField(k, "value"));
        if (value < 0) {
            return null;
        }
        long p = positions.get(value);
        if ((src.get(p) & 0xFF) != HprofTag.PRIMITIVE_ARRAY_DUMP) {
            return null;
        }
        int len = src.getInt(p + 1 + idSize + 4);
        int type = src.get(p + 1 + idSize + 8) & 0xFF;
        long data = p + 1 + idSize + 9;
        int shown = Math.min(len, 200);
        if (type == HprofTag.TYPE_CHAR) {
            char[] cs = new char[shown];
            for (int i = 0; i < shown; i++) {
                cs[i] = (char) src.getShort(data + 2L * i);
            }
            return new String(cs);
        }
        byte[] b = new byte[shown];
        src.get(data, b, 0, shown);
        ClassLayout.Field coder = classes.get(typeOf(k)).field("coder");
        boolean utf16 = coder != null && src.get(instanceData(k) + coder.offset()) == 1;
        return new String(b, utf16 ? StandardCharsets.UTF_16LE : StandardCharsets.ISO_8859_1);
    }

    /** The value of a primitive field of instance {@code k}, as text, or null. */
    public String primitiveField(int k, String name) {
        if (tag(k) != HprofTag.INSTANCE_DUMP) {
            return null;
        }
        ClassLayout.Field f = classes.get(typeOf(k)).field(name);
        if (f == null || f.type() == HprofTag.TYPE_OBJECT) {
            return null;
        }
        long at = instanceData(k) + f.offset();
        return switch (f.type()) {
            case HprofTag.TYPE_BOOLEAN -> Boolean.toString(src.get(at) != 0);
            case HprofTag.TYPE_BYTE -> Byte.toString(src.get(at));
            case HprofTag.TYPE_CHAR -> String.valueOf((char) src.getShort(at));
            case HprofTag.TYPE_SHORT -> Short.toString(src.getShort(at));
            case HprofTag.TYPE_INT -> Integer.toString(src.getInt(at));
            case HprofTag.TYPE_FLOAT -> Float.toString(Float.intBitsToFloat(src.getInt(at)));
            case HprofTag.TYPE_LONG -> Long.toString(src.getLong(at));
            default -> Double.toString(Double.longBitsToDouble(src.getLong(at)));
        };
    }

    /** The object number of the thread with serial {@code threadSerial}, or -1. */
    public int threadObject(int threadSerial) {
        int[] t = threads.get(threadSerial);
        return t == null ? -1 : t[0];
    }

    /** The name of the thread with serial {@code threadSerial}, or null. */
    public String threadName(int threadSerial) {
        int k = threadObject(threadSerial);
        if (k < 0) {
            return null;
        }
        int name = followId(k, referenceField(k, "name"));
        return name < 0 ? null : stringValue(name);
    }

    /** "Class.method(File.java:12)" for frame {@code frameNumber} of a thread's stack, or null. */
    public String frame(int threadSerial, int frameNumber) {
        int[] t = threads.get(threadSerial);
        StackTraceRecord trace = t == null ? null : traces.get(t[1]);
        if (trace == null || frameNumber < 0 || frameNumber >= trace.depth()) {
            return null;
        }
        StackFrameRecord f = frames.get(trace.frameId(frameNumber));
        if (f == null) {
            return null;
        }
        String cls = classNamesBySerial.getOrDefault(f.classSerial(), "?");
        String file = strings.get(f.sourceFileId());
        String where = file == null ? "" : "(" + file + (f.line() > 0 ? ":" + f.line() : "") + ")";
        return cls + "." + strings.getOrDefault(f.methodNameId(), "?") + where;
    }
}
