package io.leakwatch.hprof;

/** The GC root sub-records, with the words a report uses for them. */
public enum GcRootKind {
    JNI_GLOBAL(HprofTag.ROOT_JNI_GLOBAL, "JNI global"),
    JNI_LOCAL(HprofTag.ROOT_JNI_LOCAL, "JNI local"),
    JAVA_FRAME(HprofTag.ROOT_JAVA_FRAME, "thread stack frame"),
    NATIVE_STACK(HprofTag.ROOT_NATIVE_STACK, "native stack"),
    STICKY_CLASS(HprofTag.ROOT_STICKY_CLASS, "system class"),
    THREAD_BLOCK(HprofTag.ROOT_THREAD_BLOCK, "thread block"),
    MONITOR_USED(HprofTag.ROOT_MONITOR_USED, "busy monitor"),
    THREAD_OBJECT(HprofTag.ROOT_THREAD_OBJECT, "thread"),
    UNKNOWN(HprofTag.ROOT_UNKNOWN, "unknown root");

    private final int tag;
    private final String label;

    GcRootKind(int tag, String label) {
        this.tag = tag;
        this.label = label;
    }

    public int tag() {
        return tag;
    }

    public String label() {
        return label;
    }
}
