package io.leakwatch.capture;

import java.io.IOException;
import java.time.Duration;

/**
 * Port: asks one target JVM to write a heap dump of its live objects. The target process writes
 * the file itself, so {@code path} is a path as the target sees it (its mount namespace).
 * The attach adapter implements it ({@code io.leakwatch.attach.JvmHeapDumper}) over the connection
 * the target is sampled on.
 */
public interface HeapDumper {

    /**
     * What the service needs to know before dumping.
     *
     * @throws IOException when the target cannot be reached (it is gone or the connection broke)
     */
    HeapFacts facts() throws IOException;

    /**
     * Writes the live heap to {@code path} (which must end in {@code .hprof} and must not exist),
     * waiting at most {@code timeout}. Never throws for the target's failures: they are values.
     */
    DumpResult dump(String path, Duration timeout);

    /**
     * @param usedHeapBytes heap in use now (an upper bound for the live heap the dump holds)
     * @param tempDirectory the target's {@code java.io.tmpdir}, a directory it can write to
     */
    record HeapFacts(long usedHeapBytes, String tempDirectory) {
        public HeapFacts {
            if (usedHeapBytes < 0) {
                throw new IllegalArgumentException("usedHeapBytes must not be negative: " + usedHeapBytes);
            }
            if (tempDirectory == null || tempDirectory.isBlank()) {
                throw new IllegalArgumentException("tempDirectory must be a path: " + tempDirectory);
            }
        }
    }

    /** The dump was written, or why it was not. */
    sealed interface DumpResult {
        /** The target wrote the file and returned. */
        record Written(Duration took) implements DumpResult {
        }

        /** The target died, timed out, ran out of disk or refused. */
        record Failed(CaptureFailure reason, String detail) implements DumpResult {
            public Failed {
                if (reason == null || detail == null) {
                    throw new IllegalArgumentException("reason and detail are required");
                }
            }
        }
    }
}
