package io.leakwatch.hprof;

import java.nio.ByteBuffer;

/** A {@link ByteSource} over a byte array: hand-made dumps in tests, small dumps in memory. */
public final class ByteArraySource implements ByteSource {

    private final ByteBuffer buffer;

    public ByteArraySource(byte[] bytes) {
        this.buffer = ByteBuffer.wrap(bytes);
    }

    @Override
    public long size() {
        return buffer.capacity();
    }

    @Override
    public byte get(long pos) {
        return buffer.get(Math.toIntExact(pos));
    }

    @Override
    public short getShort(long pos) {
        return buffer.getShort(Math.toIntExact(pos));
    }

    @Override
    public int getInt(long pos) {
        return buffer.getInt(Math.toIntExact(pos));
    }

    @Override
    public long getLong(long pos) {
        return buffer.getLong(Math.toIntExact(pos));
    }

    @Override
    public void get(long pos, byte[] dst, int off, int len) {
        buffer.get(Math.toIntExact(pos), dst, off, len);
    }
}
