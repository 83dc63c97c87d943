package io.leakwatch.sample;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * Reads the JVM's accumulated safepoint time from a HotSpot performance-data buffer (the
 * {@code hsperfdata_<user>/<pid>} file a JVM maps into memory unless run with
 * {@code -XX:-UsePerfData} or {@code -XX:+PerfDisableSharedMem}).
 *
 * <p>Every stop-the-world pause of HotSpot, a full GC and the heap walk of a class histogram
 * included, is a safepoint, so the difference of two readings bounds the pause caused between them.
 *
 * <p>Layout (HotSpot {@code perfMemory.hpp}, version 2): a 32-byte prologue (magic
 * {@code 0xcafec0c0} big-endian, byte order, versions, accessible flag, used, overflow, modification
 * time, entry offset, entry count), then entries of a 20-byte header (entry length, name offset,
 * vector length, type, flags, units, variability, data offset; offsets relative to the entry) with
 * a NUL-terminated name. The counters read are the {@code 'J'} (long) scalars
 * {@code sun.rt.safepointTime} in ticks and {@code sun.os.hrt.frequency} in ticks per second.
 */
public final class SafepointTimeParser {

    private static final int MAGIC = 0xcafec0c0;
    private static final int PROLOGUE = 32;
    private static final int ENTRY_HEADER = 20;
    private static final byte[] TIME = "sun.rt.safepointTime".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FREQUENCY = "sun.os.hrt.frequency".getBytes(StandardCharsets.US_ASCII);

    /** Accumulated safepoint nanoseconds, empty when the buffer is not one we can read. */
    public OptionalLong safepointNanos(ByteBuffer perfData) {
        ByteBuffer buf = perfData.duplicate();
        if (buf.remaining() < PROLOGUE || buf.order(ByteOrder.BIG_ENDIAN).getInt(buf.position()) != MAGIC) {
            return OptionalLong.empty();
        }
        int base = buf.position();
        buf.order(buf.get(base + 4) == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        if (buf.get(base + 5) != 2) {
            return OptionalLong.empty();
        }
        int entry = base + buf.getInt(base + 24);
        int count = buf.getInt(base + 28);
        int limit = buf.limit();
        long ticks = -1;
        long frequency = -1;
        for (int i = 0; i < count && entry >= base && entry + ENTRY_HEADER <= limit; i++) {
            int length = buf.getInt(entry);
            if (length < ENTRY_HEADER || entry + length > limit) {
                break;
            }
            if (buf.getInt(entry + 8) == 0 && buf.get(entry + 12) == 'J') {
                int name = entry + buf.getInt(entry + 4);
                int data = entry + buf.getInt(entry + 16);
                if (data + Long.BYTES <= entry + length) {
                    if (nameIs(buf, name, entry + length, TIME)) {
                        ticks = buf.getLong(data);
                    } else if (nameIs(buf, name, entry + length, FREQUENCY)) {
                        frequency = buf.getLong(data);
                    }
                }
            }
            entry += length;
        }
        if (ticks < 0 || frequency <= 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of((long) (ticks * (1e9 / frequency)));
    }

    /**
     * Whether the NUL-terminated ASCII name at {@code start} (ending at {@code end} at the latest)
     * is {@code expected}; compared in place because a sample reads the file twice and it holds
     * hundreds of counters, whose names need no strings made.
     */
    private static boolean nameIs(ByteBuffer buf, int start, int end, byte[] expected) {
        if (start < 0 || start >= end || end - start < expected.length) {
            return false;
        }
        for (int k = 0; k < expected.length; k++) {
            if (buf.get(start + k) != expected[k]) {
                return false;
            }
        }
        int after = start + expected.length;
        return after == end || buf.get(after) == 0;
    }
}
