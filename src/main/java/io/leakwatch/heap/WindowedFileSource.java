package io.leakwatch.heap;

import io.leakwatch.hprof.ByteSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
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

    private final FileChannel channel;
    private final long size;
    private final ByteBuffer window = ByteBuffer.allocateDirect(WINDOW);
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
        return window.get(at(pos, 1));
    }

    @Override
    public short getShort(long pos) {
        return window.getShort(at(pos, 2));
    }

    @Override
    public int getInt(long pos) {
        return window.getInt(at(pos, 4));
    }

    @Override
    public long getLong(long pos) {
        return window.getLong(at(pos, 8));
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
        window.get(at(pos, len), dst, off, len);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
