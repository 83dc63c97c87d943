package io.leakwatch.heap;

import io.leakwatch.hprof.ByteSource;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A dump file mapped into memory read-only, in windows of 1 GiB that overlap by 16 bytes, so any
 * value of up to 8 bytes lies inside one window and files above 2 GiB need no special reads.
 */
public final class MappedFileSource implements ByteSource, AutoCloseable {

    private static final int SHIFT = 30;
    private static final long WINDOW = 1L << SHIFT;
    private static final long MASK = WINDOW - 1;
    private static final int OVERLAP = 16;

    private final MappedByteBuffer[] windows;
    private final long size;
    private final Path file;

    public MappedFileSource(Path file) throws IOException {
        this.file = file;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            size = ch.size();
            int count = (int) ((size + WINDOW - 1) >>> SHIFT);
            windows = new MappedByteBuffer[Math.max(1, count)];
            for (int i = 0; i < count; i++) {
                long start = (long) i << SHIFT;
                long len = Math.min(WINDOW + OVERLAP, size - start);
                windows[i] = ch.map(FileChannel.MapMode.READ_ONLY, start, len);
                windows[i].order(ByteOrder.BIG_ENDIAN);
            }
            if (count == 0) {
                windows[0] = ch.map(FileChannel.MapMode.READ_ONLY, 0, 0);
            }
        }
    }

    /** A forward-reading window over the file, so indexing passes do not fault the mapping in. */
    @Override
    public ByteSource forSequentialReading() {
        try {
            return new WindowedFileSource(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot reopen " + file, e);
        }
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public byte get(long pos) {
        return windows[(int) (pos >>> SHIFT)].get((int) (pos & MASK));
    }

    @Override
    public short getShort(long pos) {
        return windows[(int) (pos >>> SHIFT)].getShort((int) (pos & MASK));
    }

    @Override
    public int getInt(long pos) {
        return windows[(int) (pos >>> SHIFT)].getInt((int) (pos & MASK));
    }

    @Override
    public long getLong(long pos) {
        return windows[(int) (pos >>> SHIFT)].getLong((int) (pos & MASK));
    }

    @Override
    public void get(long pos, byte[] dst, int off, int len) {
        for (int i = 0; i < len; ) {
            long p = pos + i;
            MappedByteBuffer w = windows[(int) (p >>> SHIFT)];
            int at = (int) (p & MASK);
            int n = Math.min(len - i, w.capacity() - at);
            w.get(at, dst, off + i, n);
            i += n;
        }
    }

    /** The mapping is released by the garbage collector; nothing to close eagerly. */
    @Override
    public void close() {
        // MappedByteBuffer has no supported unmap before Java 19's Arena; dropping references suffices
    }
}
