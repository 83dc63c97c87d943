package io.leakwatch.hprof;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small DSL that writes HPROF dumps of hand-made heaps for tests: classes with instance and
 * static fields, instances, object and primitive arrays, Strings, threads with stack frames, and
 * every kind of GC root. Everything is declared first and serialised by {@link #toBytes}, so
 * objects may refer to objects declared later (cycles).
 */
public final class HprofWriter {

    private final int idSize;
    private long nextId = 0x1000;
    private final Map<String, Long> strings = new LinkedHashMap<>();
    private final Map<Long, ClassDef> classes = new LinkedHashMap<>();
    private final Map<String, Long> classByName = new HashMap<>();
    private final List<Object> objects = new ArrayList<>();
    private final List<long[]> roots = new ArrayList<>();
    private final List<long[]> threads = new ArrayList<>();
    private final Map<Long, String[]> frames = new LinkedHashMap<>();
    private int segmentObjects = Integer.MAX_VALUE;
    private boolean legacy;

    public HprofWriter(int idSize) {
        this.idSize = idSize;
    }

    /** Splits the heap into HEAP_DUMP_SEGMENTs of at most {@code n} sub-records. */
    public HprofWriter segmentsOf(int n) {
        this.segmentObjects = n;
        return this;
    }

    /** Writes the JDK 8 form for small heaps: "JAVA PROFILE 1.0.1", one HEAP_DUMP record, no HEAP_DUMP_END. */
    public HprofWriter legacySingleHeapDump() {
        this.legacy = true;
        return this;
    }

    /** A root of any kind; stack roots get {@code threadSerial} and {@code frame}. */
    public HprofWriter root(GcRootKind kind, long objectId, int threadSerial, int frame) {
        roots.add(new long[] {kind.tag(), objectId, threadSerial, frame});
        return this;
    }

    public long newId() {
        long id = nextId;
        nextId += 16;
        return id;
    }

    private long string(String s) {
        return strings.computeIfAbsent(s, k -> newId());
    }

    /** A field declaration: name and HPROF basic type. */
    public record Field(String name, int type) {
    }

    private static final class ClassDef {
        long id;
        String name;
        long superId;
        List<Field> fields = new ArrayList<>();
        Map<String, Object[]> statics = new LinkedHashMap<>();
    }

    /** Declares a class; fields are the declared (not inherited) instance fields. */
    public long defineClass(String name, long superId, Field... fields) {
        ClassDef c = new ClassDef();
        c.id = newId();
        c.name = name;
        c.superId = superId;
        c.fields.addAll(List.of(fields));
        classes.put(c.id, c);
        classByName.put(name, c.id);
        string(name.replace('.', '/'));
        for (Field f : fields) {
            string(f.name());
        }
        return c.id;
    }

    public long classId(String name) {
        Long id = classByName.get(name);
        if (id == null) {
            throw new IllegalArgumentException("no class " + name);
        }
        return id;
    }

    /** A static reference field of class {@code classId}. */
    public HprofWriter staticRef(long classId, String name, long target) {
        string(name);
        classes.get(classId).statics.put(name, new Object[] {HprofTag.TYPE_OBJECT, target});
        return this;
    }

    /** A static int field. */
    public HprofWriter staticInt(long classId, String name, int value) {
        string(name);
        classes.get(classId).statics.put(name, new Object[] {HprofTag.TYPE_INT, (long) value});
        return this;
    }

    private record Instance(long id, long classId, Map<String, Long> values) {
    }

    private record ObjArray(long id, long classId, long[] elements) {
    }

    private record PrimArray(long id, int type, byte[] data, int length) {
    }

    /** An instance; {@code values} maps field names (own or inherited) to ids or raw values. */
    public long instance(long classId, Map<String, Long> values) {
        long id = newId();
        objects.add(new Instance(id, classId, new HashMap<>(values)));
        return id;
    }

    /** Sets a field of an instance declared earlier (to close cycles). */
    public HprofWriter set(long instanceId, String field, long value) {
        for (Object o : objects) {
            if (o instanceof Instance i && i.id() == instanceId) {
                i.values().put(field, value);
                return this;
            }
        }
        throw new IllegalArgumentException("no instance " + instanceId);
    }

    public long objectArray(long arrayClassId, long... elements) {
        long id = newId();
        objects.add(new ObjArray(id, arrayClassId, elements.clone()));
        return id;
    }

    /** Replaces the elements of an object array declared earlier. */
    public HprofWriter setElements(long arrayId, long... elements) {
        for (int i = 0; i < objects.size(); i++) {
            if (objects.get(i) instanceof ObjArray a && a.id() == arrayId) {
                objects.set(i, new ObjArray(arrayId, a.classId(), elements.clone()));
                return this;
            }
        }
        throw new IllegalArgumentException("no array " + arrayId);
    }

    public long byteArray(byte[] data) {
        long id = newId();
        objects.add(new PrimArray(id, HprofTag.TYPE_BYTE, data.clone(), data.length));
        return id;
    }

    public long intArray(int length) {
        long id = newId();
        objects.add(new PrimArray(id, HprofTag.TYPE_INT, new byte[length * 4], length));
        return id;
    }

    /** A java.lang.String (JDK 9+ layout: byte[] value, byte coder), defining the class on first use. */
    public long string0(String text) {
        long cls = classByName.containsKey("java.lang.String") ? classId("java.lang.String")
                : defineClass("java.lang.String", 0, new Field("value", HprofTag.TYPE_OBJECT),
                        new Field("coder", HprofTag.TYPE_BYTE));
        long value = byteArray(text.getBytes(StandardCharsets.ISO_8859_1));
        return instance(cls, Map.of("value", value, "coder", 0L));
    }

    public HprofWriter root(GcRootKind kind, long objectId) {
        roots.add(new long[] {kind.tag(), objectId, 0, -1});
        return this;
    }

    /**
     * A thread: a java.lang.Thread instance named {@code name} (a THREAD_OBJECT root) whose stack
     * holds {@code frameMethods} (innermost first) and whose frame {@code frameOfLocal} holds
     * {@code local} as a JAVA_FRAME root (skipped when local is 0).
     */
    public long thread(String name, String[] frameMethods, int frameOfLocal, long local) {
        long cls = classByName.containsKey("java.lang.Thread") ? classId("java.lang.Thread")
                : defineClass("java.lang.Thread", 0, new Field("name", HprofTag.TYPE_OBJECT));
        long thread = instance(cls, Map.of("name", string0(name)));
        int serial = threads.size() + 1;
        long[] frameIds = new long[frameMethods.length];
        for (int i = 0; i < frameMethods.length; i++) {
            frameIds[i] = newId();
            string(frameMethods[i]);
            string("Test.java");
            frames.put(frameIds[i], new String[] {frameMethods[i], "Test.java"});
        }
        long[] t = new long[3 + frameIds.length];
        t[0] = thread;
        t[1] = serial;
        t[2] = 100 + serial;
        System.arraycopy(frameIds, 0, t, 3, frameIds.length);
        threads.add(t);
        roots.add(new long[] {HprofTag.ROOT_THREAD_OBJECT, thread, serial, 100 + serial});
        if (local != 0) {
            roots.add(new long[] {HprofTag.ROOT_JAVA_FRAME, local, serial, frameOfLocal});
        }
        return thread;
    }

    /** The complete dump. */
    public byte[] toBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write((legacy ? "JAVA PROFILE 1.0.1" : "JAVA PROFILE 1.0.2").getBytes(StandardCharsets.ISO_8859_1));
            out.write(0);
            out.writeInt(idSize);
            out.writeLong(1_700_000_000_000L);
            for (Map.Entry<String, Long> s : strings.entrySet()) {
                byte[] b = s.getKey().getBytes(StandardCharsets.UTF_8);
                record(out, HprofTag.UTF8, idSize + b.length, r -> {
                    id(r, s.getValue());
                    r.write(b);
                });
            }
            int serial = 1;
            Map<Long, Integer> classSerials = new HashMap<>();
            for (ClassDef c : classes.values()) {
                int cs = serial++;
                classSerials.put(c.id, cs);
                record(out, HprofTag.LOAD_CLASS, 8 + 2 * idSize, r -> {
                    r.writeInt(cs);
                    id(r, c.id);
                    r.writeInt(0);
                    id(r, strings.get(c.name.replace('.', '/')));
                });
            }
            for (Map.Entry<Long, String[]> f : frames.entrySet()) {
                record(out, HprofTag.FRAME, 8 + 4 * idSize, r -> {
                    id(r, f.getKey());
                    id(r, strings.get(f.getValue()[0]));
                    id(r, 0);
                    id(r, strings.get(f.getValue()[1]));
                    r.writeInt(classSerials.values().iterator().next());
                    r.writeInt(42);
                });
            }
            for (long[] t : threads) {
                int n = t.length - 3;
                record(out, HprofTag.TRACE, 12 + n * idSize, r -> {
                    r.writeInt((int) t[2]);
                    r.writeInt((int) t[1]);
                    r.writeInt(n);
                    for (int i = 0; i < n; i++) {
                        id(r, t[3 + i]);
                    }
                });
            }
            List<byte[]> subs = new ArrayList<>();
            for (long[] root : roots) {
                subs.add(sub(r -> rootRecord(r, root)));
            }
            for (ClassDef c : classes.values()) {
                subs.add(sub(r -> classDump(r, c)));
            }
            for (Object o : objects) {
                subs.add(sub(r -> object(r, o)));
            }
            if (legacy) {
                int len = subs.stream().mapToInt(b -> b.length).sum();
                record(out, HprofTag.HEAP_DUMP, len, r -> {
                    for (byte[] b : subs) {
                        r.write(b);
                    }
                });
                out.flush();
                return bytes.toByteArray();
            }
            for (int i = 0; i < subs.size(); i += segmentObjects) {
                List<byte[]> seg = subs.subList(i, Math.min(subs.size(), i + segmentObjects));
                int len = seg.stream().mapToInt(b -> b.length).sum();
                record(out, HprofTag.HEAP_DUMP_SEGMENT, len, r -> {
                    for (byte[] b : seg) {
                        r.write(b);
                    }
                });
            }
            record(out, HprofTag.HEAP_DUMP_END, 0, r -> { });
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Body {
        void write(DataOutputStream r) throws IOException;
    }

    private static void record(DataOutputStream out, int tag, int length, Body body) throws IOException {
        out.writeByte(tag);
        out.writeInt(0);
        out.writeInt(length);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        body.write(d);
        d.flush();
        if (b.size() != length) {
            throw new IllegalStateException("record 0x" + Integer.toHexString(tag) + " wrote " + b.size() + " not " + length);
        }
        out.write(b.toByteArray());
    }

    private static byte[] sub(Body body) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        body.write(d);
        d.flush();
        return b.toByteArray();
    }

    private void id(DataOutputStream r, long id) throws IOException {
        if (idSize == 8) {
            r.writeLong(id);
        } else {
            r.writeInt((int) id);
        }
    }

    private void rootRecord(DataOutputStream r, long[] root) throws IOException {
        int tag = (int) root[0];
        r.writeByte(tag);
        id(r, root[1]);
        switch (tag) {
            case HprofTag.ROOT_JNI_GLOBAL -> id(r, 0);
            case HprofTag.ROOT_JNI_LOCAL, HprofTag.ROOT_JAVA_FRAME, HprofTag.ROOT_THREAD_OBJECT -> {
                r.writeInt((int) root[2]);
                r.writeInt((int) root[3]);
            }
            case HprofTag.ROOT_NATIVE_STACK, HprofTag.ROOT_THREAD_BLOCK -> r.writeInt((int) root[2]);
            default -> { }
        }
    }

    private void classDump(DataOutputStream r, ClassDef c) throws IOException {
        r.writeByte(HprofTag.CLASS_DUMP);
        id(r, c.id);
        r.writeInt(0);
        id(r, c.superId);
        for (int i = 0; i < 5; i++) {
            id(r, 0);
        }
        r.writeInt(dataSize(c));
        r.writeShort(0);
        r.writeShort(c.statics.size());
        for (Map.Entry<String, Object[]> s : c.statics.entrySet()) {
            id(r, strings.get(s.getKey()));
            int type = (int) s.getValue()[0];
            r.writeByte(type);
            writeValue(r, type, (long) s.getValue()[1]);
        }
        r.writeShort(c.fields.size());
        for (Field f : c.fields) {
            id(r, strings.get(f.name()));
            r.writeByte(f.type());
        }
    }

    private int dataSize(ClassDef c) {
        int size = 0;
        for (ClassDef k = c; k != null; k = classes.get(k.superId)) {
            for (Field f : k.fields) {
                size += HprofTag.sizeOf(f.type(), idSize);
            }
        }
        return size;
    }

    private void writeValue(DataOutputStream r, int type, long v) throws IOException {
        switch (HprofTag.sizeOf(type, idSize)) {
            case 1 -> r.writeByte((int) v);
            case 2 -> r.writeShort((int) v);
            case 4 -> r.writeInt((int) v);
            default -> r.writeLong(v);
        }
    }

    private void object(DataOutputStream r, Object o) throws IOException {
        if (o instanceof Instance i) {
            ClassDef c = classes.get(i.classId());
            r.writeByte(HprofTag.INSTANCE_DUMP);
            id(r, i.id());
            r.writeInt(0);
            id(r, i.classId());
            r.writeInt(dataSize(c));
            for (ClassDef k = c; k != null; k = classes.get(k.superId)) {
                for (Field f : k.fields) {
                    writeValue(r, f.type(), i.values().getOrDefault(f.name(), 0L));
                }
            }
        } else if (o instanceof ObjArray a) {
            r.writeByte(HprofTag.OBJECT_ARRAY_DUMP);
            id(r, a.id());
            r.writeInt(0);
            r.writeInt(a.elements().length);
            id(r, a.classId());
            for (long e : a.elements()) {
                id(r, e);
            }
        } else if (o instanceof PrimArray p) {
            r.writeByte(HprofTag.PRIMITIVE_ARRAY_DUMP);
            id(r, p.id());
            r.writeInt(0);
            r.writeInt(p.length());
            r.writeByte(p.type());
            r.write(p.data());
        }
    }
}
