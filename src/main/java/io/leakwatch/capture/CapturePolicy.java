package io.leakwatch.capture;

import java.time.Duration;
import java.util.Objects;

/**
 * The guards around heap-dump capture. A dump pauses the target and can be as large as its heap, so
 * every limit here protects the production host, not LeakWatch.
 *
 * @param minInterval      at most one capture per target within this period (attempts that got past
 *                         the other guards count, so a failing target is not dumped in a loop), plus
 *                         one recheck ({@link CaptureService#capture(CaptureRequest, HeapDumper, boolean)})
 * @param quotaBytes       disk space all captures together may use; oldest captures are deleted to
 *                         make room, and a capture whose dump alone exceeds it is refused
 * @param dumpSizeFactor   expected dump size = target's used heap × this factor
 * @param freeSpaceReserveBytes free space that must remain on the file system after the expected dump
 * @param dumpTimeout      how long the target may take to write the dump
 * @param keepDumps        what to do with the dump after analysis
 */
public record CapturePolicy(
        Duration minInterval,
        long quotaBytes,
        double dumpSizeFactor,
        long freeSpaceReserveBytes,
        Duration dumpTimeout,
        KeepDumps keepDumps) {

    private static final long MIB = 1024L * 1024;

    public CapturePolicy {
        Objects.requireNonNull(minInterval, "minInterval");
        Objects.requireNonNull(dumpTimeout, "dumpTimeout");
        Objects.requireNonNull(keepDumps, "keepDumps");
        if (minInterval.isNegative()) {
            throw new IllegalArgumentException("minInterval must not be negative: " + minInterval);
        }
        if (quotaBytes <= 0) {
            throw new IllegalArgumentException("quotaBytes must be positive: " + quotaBytes);
        }
        if (!(dumpSizeFactor > 0) || Double.isInfinite(dumpSizeFactor)) {
            throw new IllegalArgumentException("dumpSizeFactor must be a positive number: " + dumpSizeFactor);
        }
        if (freeSpaceReserveBytes < 0) {
            throw new IllegalArgumentException("freeSpaceReserveBytes must not be negative: " + freeSpaceReserveBytes);
        }
        if (dumpTimeout.isZero() || dumpTimeout.isNegative()) {
            throw new IllegalArgumentException("dumpTimeout must be positive: " + dumpTimeout);
        }
    }

    /** One capture per target per hour, 8 GiB quota, ×1.2 size estimate, 512 MiB reserve, 10 min timeout, delete dumps. */
    public static CapturePolicy defaults() {
        return new CapturePolicy(Duration.ofHours(1), 8192 * MIB, 1.2, 512 * MIB, Duration.ofMinutes(10),
                KeepDumps.DELETE);
    }

    /** The expected size of a dump of a heap with {@code usedHeapBytes} in use. */
    public long expectedDumpBytes(long usedHeapBytes) {
        return (long) Math.ceil(usedHeapBytes * dumpSizeFactor);
    }

    public CapturePolicy withMinInterval(Duration value) {
        return new CapturePolicy(value, quotaBytes, dumpSizeFactor, freeSpaceReserveBytes, dumpTimeout, keepDumps);
    }

    public CapturePolicy withQuotaBytes(long value) {
        return new CapturePolicy(minInterval, value, dumpSizeFactor, freeSpaceReserveBytes, dumpTimeout, keepDumps);
    }

    public CapturePolicy withDumpSizeFactor(double value) {
        return new CapturePolicy(minInterval, quotaBytes, value, freeSpaceReserveBytes, dumpTimeout, keepDumps);
    }

    public CapturePolicy withFreeSpaceReserveBytes(long value) {
        return new CapturePolicy(minInterval, quotaBytes, dumpSizeFactor, value, dumpTimeout, keepDumps);
    }

    public CapturePolicy withDumpTimeout(Duration value) {
        return new CapturePolicy(minInterval, quotaBytes, dumpSizeFactor, freeSpaceReserveBytes, value, keepDumps);
    }

    public CapturePolicy withKeepDumps(KeepDumps value) {
        return new CapturePolicy(minInterval, quotaBytes, dumpSizeFactor, freeSpaceReserveBytes, dumpTimeout, value);
    }
}
