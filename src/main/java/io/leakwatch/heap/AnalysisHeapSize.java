package io.leakwatch.heap;

/**
 * The analysis JVM's {@code -Xmx} for one dump when {@code capture.analysisHeap} is {@code auto}.
 * The index needs about 42 bytes per object at its peak, and an HPROF dump of small objects holds
 * about 40 bytes per object, so the dump's size is a fair bound of what the index needs (a dump of
 * large arrays needs far less, and an unused {@code -Xmx} costs nothing: the serial collector
 * grows the heap only as it fills). A fixed 1 GiB ran out on the 2.8 GB dump of a 64 M-object heap.
 * The host's available memory caps it, so an analysis never pushes the services beside it into
 * swap or the OOM killer; a cap below the need is said in the log and, when it bites, the failure.
 *
 * @param neededBytes what the dump is expected to need
 * @param chosenBytes the {@code -Xmx} given: the need, within three quarters of the available memory
 */
public record AnalysisHeapSize(long neededBytes, long chosenBytes) {

    /** Never less than this: the fixed size every dump was analyzed with before sizing by the dump. */
    public static final long FLOOR_BYTES = 1L << 30;
    private static final long OVERHEAD_BYTES = 256L << 20;

    public AnalysisHeapSize {
        if (neededBytes <= 0 || chosenBytes <= 0) {
            throw new IllegalArgumentException("heap sizes must be positive: needed " + neededBytes + ", chosen "
                    + chosenBytes);
        }
    }

    /**
     * @param dumpBytes      the dump's size on disk (uncompressed)
     * @param availableBytes the host's available memory, 0 when unknown (then not capped)
     */
    public static AnalysisHeapSize forDump(long dumpBytes, long availableBytes) {
        long needed = Math.max(FLOOR_BYTES, dumpBytes + dumpBytes / 4 + OVERHEAD_BYTES);
        if (availableBytes <= 0) {
            return new AnalysisHeapSize(needed, needed);
        }
        long cap = Math.max(FLOOR_BYTES, availableBytes / 4 * 3);
        return new AnalysisHeapSize(needed, Math.min(needed, cap));
    }

    /** Whether the host could not give what the dump needs. */
    public boolean capped() {
        return chosenBytes < neededBytes;
    }
}
