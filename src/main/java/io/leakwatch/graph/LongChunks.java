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

    /** One array of all values; the chunks are released as they are copied. */
    long[] toArrayAndClear() {
        long[] out = new long[Math.toIntExact(size)];
        int at = 0;
        for (int i = 0; i < chunks.size(); i++) {
            long[] c = chunks.get(i);
            int len = (int) Math.min(CHUNK, size - at);
            System.arraycopy(c, 0, out, at, len);
            at += len;
            chunks.set(i, null);
        }
        chunks.clear();
        current = null;
        fill = CHUNK;
        size = 0;
        return out;
    }
}
