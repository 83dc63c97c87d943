package io.leakwatch.hprof;

/**
 * Random access to the bytes of a heap dump, big-endian as HPROF writes them.
 *
 * <p>The reader never touches a file: a memory-mapped implementation lives in the adapter
 * package, an in-memory one ({@link ByteArraySource}) serves tests. Callers check bounds against
 * {@link #size()} before reading; implementations may throw {@link IndexOutOfBoundsException}.
 */
public interface ByteSource {

    /** Number of bytes. */
    long size();

    byte get(long pos);

    short getShort(long pos);

    int getInt(long pos);

    long getLong(long pos);

    /** Copies {@code len} bytes starting at {@code pos} into {@code dst}. */
    void get(long pos, byte[] dst, int off, int len);

    /** An object identifier of {@code idSize} (4 or 8) bytes, zero-extended to a long. */
    default long getId(long pos, int idSize) {
        return idSize == 8 ? getLong(pos) : getInt(pos) & 0xFFFFFFFFL;
    }

    /**
     * A source for reading this one's bytes once, in order, on one thread (the indexing passes).
     * The default is this source itself; a file-backed source may return a cheaper stream whose
     * caller closes it when it is {@link AutoCloseable}.
     */
    default ByteSource forSequentialReading() {
        return this;
    }
}
