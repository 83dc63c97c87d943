package io.leakwatch.hprof;

/**
 * The bytes are not a well-formed HPROF dump: truncated, corrupt, or not HPROF at all. Names the
 * byte offset of the offending record and its tag so a user can tell a cut file from a bad writer.
 */
public final class HprofFormatException extends RuntimeException {

    private final long offset;
    private final int tag;

    /** @param tag the record or sub-record tag, or -1 when none applies (header) */
    public HprofFormatException(long offset, int tag, String problem) {
        super(problem + " (at byte offset " + offset + (tag >= 0 ? ", record tag 0x" + String.format("%02X", tag) + " " + HprofTag.name(tag) : "") + ")");
        this.offset = offset;
        this.tag = tag;
    }

    public long offset() {
        return offset;
    }

    public int tag() {
        return tag;
    }
}
