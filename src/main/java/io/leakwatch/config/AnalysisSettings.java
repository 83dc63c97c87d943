package io.leakwatch.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Where a capture's heap dump is analyzed. Indexing a dump needs a heap of up to about its size:
 * in a child JVM that memory, a crash or an OutOfMemoryError never touch the daemon, which keeps
 * sampling every target with its small heap.
 *
 * @param mode      {@link Mode#CHILD} (default) or {@link Mode#IN_PROCESS}
 * @param heapBytes the analysis JVM's maximum heap ({@code -Xmx}), or {@link #AUTO} to size it by each
 *                  dump within the host's available memory; unused in process
 * @param timeout   the analysis JVM is killed after this long; unused in process
 */
public record AnalysisSettings(Mode mode, long heapBytes, Duration timeout) {

    private static final long MIB = 1024L * 1024;
    /** Below this the JVM itself cannot start the analysis of even a small dump. */
    public static final long MIN_HEAP_BYTES = 16 * MIB;
    /** {@code analysisHeap: auto}: sized by each dump, see {@code heap.AnalysisHeapSize}. */
    public static final long AUTO = 0;

    public AnalysisSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(timeout, "timeout");
        if (heapBytes != AUTO && heapBytes < MIN_HEAP_BYTES) {
            throw new IllegalArgumentException("heapBytes must be at least " + MIN_HEAP_BYTES + ": " + heapBytes);
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    /** In a child JVM with a heap sized by the dump, killed after 10 minutes. */
    public static AnalysisSettings defaults() {
        return new AnalysisSettings(Mode.CHILD, AUTO, Duration.ofMinutes(10));
    }

    /** The values of {@code capture.analysis}. */
    public enum Mode {
        /** A child JVM per capture, started with the daemon's own class path. */
        CHILD,
        /** Inside the daemon's JVM: needs the daemon's heap sized for the largest dump. */
        IN_PROCESS
    }
}
