package io.leakwatch.capture;

import java.util.Locale;

/** Why a capture did not produce an analyzed dump. The lower-case name is the metric's outcome label. */
public enum CaptureFailure {
    /** Another capture of the same target happened within {@link CapturePolicy#minInterval()}. */
    RATE_LIMITED,
    /** The capture directory is not a private directory of the daemon's user. */
    UNSAFE_DIRECTORY,
    /** The expected dump does not fit in the free space (keeping the reserve). */
    INSUFFICIENT_SPACE,
    /** The dump alone is larger than the whole quota. */
    OVER_QUOTA,
    /** The file system filled up while the dump was written. */
    DISK_FULL,
    /** The target process died or the connection to it broke. */
    TARGET_GONE,
    /** The target did not finish the dump within {@link CapturePolicy#dumpTimeout()}. */
    TIMEOUT,
    /** The target refused or failed the dump for another reason. */
    DUMP_FAILED,
    /** The dump was written but could not be analyzed. */
    ANALYSIS_FAILED,
    /** Reading, moving or writing capture files failed. */
    IO_ERROR;

    /** The metric label form, e.g. {@code disk_full}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
