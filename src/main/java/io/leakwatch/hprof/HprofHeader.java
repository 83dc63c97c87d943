package io.leakwatch.hprof;

/**
 * The file header: format name ("JAVA PROFILE 1.0.2"), identifier size, dump time.
 *
 * @param recordsStart offset of the first record
 */
public record HprofHeader(String format, int idSize, long timestampMillis, long recordsStart) {
    public HprofHeader {
        if (idSize != 4 && idSize != 8) {
            throw new IllegalArgumentException("identifier size must be 4 or 8, was " + idSize);
        }
    }
}
