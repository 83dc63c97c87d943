package io.leakwatch.graph;

import java.util.ArrayList;
import java.util.List;

/** Appends longs in fixed chunks, so growing never copies what is already there. */
final class LongChunks {

    private static final int CHUNK = 1 << 20;

    private final List<long[]> chunks = new ArrayList<>();
    private long[] current;
    private int fill = CHUNK;
    private long size;

    void add(long v) {
        if (fill == CHUNK) {
            current = new long[CHUNK];
            chunks.add(current);
            fill = 0;
        }
        current[fill++] = v;
        size++;
    }

    long size() {
        return size;
    }

    /** One array of the values of {@code a} then {@code b}; chunks are released as they are copied. */
    static long[] concat(LongChunks a, LongChunks b) {
        long[] out = new long[Math.toIntExact(a.size + b.size)];
        int at = a.drainInto(out, 0);
        b.drainInto(out, at);
        return out;
    }

    private int drainInto(long[] out, int at) {
        long end = at + size;
        for (int i = 0; i < chunks.size(); i++) {
            long[] c = chunks.get(i);
            int len = (int) Math.min(CHUNK, end - at);
            System.arraycopy(c, 0, out, at, len);
            at += len;
            chunks.set(i, null);
        }
        chunks.clear();
        current = null;
        fill = CHUNK;
        size = 0;
        return at;
    }
}
