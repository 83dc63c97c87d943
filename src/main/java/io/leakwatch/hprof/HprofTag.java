package io.leakwatch.hprof;

/** Record, sub-record and basic-type tags of HPROF 1.0.1/1.0.2 as the HotSpot writer emits them. */
public final class HprofTag {

    public static final int UTF8 = 0x01;
    public static final int LOAD_CLASS = 0x02;
    public static final int UNLOAD_CLASS = 0x03;
    public static final int FRAME = 0x04;
    public static final int TRACE = 0x05;
    public static final int ALLOC_SITES = 0x06;
    public static final int HEAP_SUMMARY = 0x07;
    public static final int START_THREAD = 0x0A;
    public static final int END_THREAD = 0x0B;
    public static final int HEAP_DUMP = 0x0C;
    public static final int CPU_SAMPLES = 0x0D;
    public static final int CONTROL_SETTINGS = 0x0E;
    public static final int HEAP_DUMP_SEGMENT = 0x1C;
    public static final int HEAP_DUMP_END = 0x2C;

    public static final int ROOT_UNKNOWN = 0xFF;
    public static final int ROOT_JNI_GLOBAL = 0x01;
    public static final int ROOT_JNI_LOCAL = 0x02;
    public static final int ROOT_JAVA_FRAME = 0x03;
    public static final int ROOT_NATIVE_STACK = 0x04;
    public static final int ROOT_STICKY_CLASS = 0x05;
    public static final int ROOT_THREAD_BLOCK = 0x06;
    public static final int ROOT_MONITOR_USED = 0x07;
    public static final int ROOT_THREAD_OBJECT = 0x08;
    public static final int CLASS_DUMP = 0x20;
    public static final int INSTANCE_DUMP = 0x21;
    public static final int OBJECT_ARRAY_DUMP = 0x22;
    public static final int PRIMITIVE_ARRAY_DUMP = 0x23;

    public static final int TYPE_OBJECT = 2;
    public static final int TYPE_BOOLEAN = 4;
    public static final int TYPE_CHAR = 5;
    public static final int TYPE_FLOAT = 6;
    public static final int TYPE_DOUBLE = 7;
    public static final int TYPE_BYTE = 8;
    public static final int TYPE_SHORT = 9;
    public static final int TYPE_INT = 10;
    public static final int TYPE_LONG = 11;

    private HprofTag() {
    }

    /** Size in bytes of a value of basic type {@code type}, or -1 for an unknown type. */
    public static int sizeOf(int type, int idSize) {
        return switch (type) {
            case TYPE_OBJECT -> idSize;
            case TYPE_BOOLEAN, TYPE_BYTE -> 1;
            case TYPE_CHAR, TYPE_SHORT -> 2;
            case TYPE_FLOAT, TYPE_INT -> 4;
            case TYPE_DOUBLE, TYPE_LONG -> 8;
            default -> -1;
        };
    }

    /** The Java name of a primitive array of basic type {@code type}, e.g. {@code byte[]}. */
    public static String primitiveArrayName(int type) {
        return switch (type) {
            case TYPE_BOOLEAN -> "boolean[]";
            case TYPE_CHAR -> "char[]";
            case TYPE_FLOAT -> "float[]";
            case TYPE_DOUBLE -> "double[]";
            case TYPE_BYTE -> "byte[]";
            case TYPE_SHORT -> "short[]";
            case TYPE_INT -> "int[]";
            case TYPE_LONG -> "long[]";
            default -> "unknown[]";
        };
    }

    /** A readable name of a top-level tag (sub-record tags share numbers, so this is a hint). */
    public static String name(int tag) {
        return switch (tag) {
            case UTF8 -> "(UTF8 / ROOT_JNI_GLOBAL)";
            case LOAD_CLASS -> "(LOAD_CLASS / ROOT_JNI_LOCAL)";
            case UNLOAD_CLASS -> "(UNLOAD_CLASS / ROOT_JAVA_FRAME)";
            case FRAME -> "(FRAME / ROOT_NATIVE_STACK)";
            case TRACE -> "(TRACE / ROOT_STICKY_CLASS)";
            case HEAP_DUMP -> "(HEAP_DUMP)";
            case HEAP_DUMP_SEGMENT -> "(HEAP_DUMP_SEGMENT)";
            case HEAP_DUMP_END -> "(HEAP_DUMP_END)";
            case CLASS_DUMP -> "(CLASS_DUMP)";
            case INSTANCE_DUMP -> "(INSTANCE_DUMP)";
            case OBJECT_ARRAY_DUMP -> "(OBJECT_ARRAY_DUMP)";
            case PRIMITIVE_ARRAY_DUMP -> "(PRIMITIVE_ARRAY_DUMP)";
            case ROOT_UNKNOWN -> "(ROOT_UNKNOWN)";
            default -> "";
        };
    }
}
