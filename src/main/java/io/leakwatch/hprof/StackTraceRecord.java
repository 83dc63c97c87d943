package io.leakwatch.hprof;

/** HPROF_TRACE: the frames of one thread's stack, innermost first. */
public record StackTraceRecord(int serial, int threadSerial, long[] frameIds) {
    public StackTraceRecord {
        frameIds = frameIds.clone();
    }

    @Override
    public long[] frameIds() {
        return frameIds.clone();
    }

    public int depth() {
        return frameIds.length;
    }

    public long frameId(int index) {
        return frameIds[index];
    }
}
