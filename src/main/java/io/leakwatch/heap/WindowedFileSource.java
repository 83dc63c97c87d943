package io.leakwatch.heap;

import io.leakwatch.hprof.ByteSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A dump file read through a 4 MB window that follows the reader forward: for the indexing passes,
 * which read each byte once in order. Unlike the mapping, the pages it reads stay in the page cache
 * and never count toward the process's resident memory. One per thread.
 */
final class WindowedFileSource implements ByteSource, AutoCloseable {

    private static final int WINDOW = 4 << 20;
    // plain array views: cheaper per read than a direct buffer's checks, and reads are tiny and many
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final FileChannel channel;
    private final long size;
    private final byte[] bytes = new byte[WINDOW];
    private final ByteBuffer window = ByteBuffer.wrap(bytes);
    private long start;
    private int length;

    WindowedFileSource(Path file) throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.READ);
        size = channel.size();
    }

    @Override
    public long size() {
        return size;
    }

    private int at(long pos, int n) {
        long off = pos - start;
        if (off < 0 || off + n > length) {
            fill(pos);
            off = 0;
            if (n > length) {
                throw new IndexOutOfBoundsException("read of " + n + " bytes at " + pos + " past the end (" + size + ")");
            }
        }
        return (int) off;
    }

    private void fill(long pos) {
        window.clear();
        try {
            while (window.hasRemaining()) {
                int r = channel.read(window, pos + window.position());
                if (r < 0) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dump at offset " + pos, e);
        }
        start = pos;
        length = window.position();
    }

    @Override
    public byte get(long pos) {
        return bytes[at(pos, 1)];
    }

    @Override
    public short getShort(long pos) {
        return (short) SHORT.get(bytes, at(pos, 2));
    }

    @Override
    public int getInt(long pos) {
        return (int) INT.get(bytes, at(pos, 4));
    }

    @Override
    public long getLong(long pos) {
        return (long) LONG.get(bytes, at(pos, 8));
    }

    @Override
    public void get(long pos, byte[] dst, int off, int len) {
        if (len > WINDOW) {
            try {
                ByteBuffer b = ByteBuffer.wrap(dst, off, len);
                while (b.hasRemaining()) {
                    if (channel.read(b, pos + (b.position() - off)) < 0) {
                        throw new IndexOutOfBoundsException("read past the end at " + pos);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the dump at offset " + pos, e);
            }
            return;
        }
        System.arraycopy(bytes, at(pos, len), dst, off, len);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
