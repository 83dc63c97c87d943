package io.leakwatch.capture;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one capture did, stored as {@code capture.json} in its directory and listed by
 * {@code leakwatch captures}.
 *
 * @param id           directory name of the capture under the capture root
 * @param target       configured target name
 * @param pid          target process id
 * @param time         when the capture started
 * @param triggerTypes the growing types that triggered it
 * @param outcome      {@code captured} or a {@link CaptureFailure#label()}
 * @param detail       why it failed, or the analysis summary
 * @param dumpBytes    size of the dump as written (0 when none was written)
 * @param files        the files kept in the capture directory
 */
public record CaptureRecord(
        String id,
        String target,
        long pid,
        Instant time,
        List<String> triggerTypes,
        String outcome,
        String detail,
        long dumpBytes,
        List<CapturedFile> files) {

    /** The outcome of a successful capture. */
    public static final String CAPTURED = "captured";

    public CaptureRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
        triggerTypes = List.copyOf(triggerTypes);
        files = List.copyOf(files);
    }

    /** Bytes of all kept files. */
    public long totalBytes() {
        return files.stream().mapToLong(CapturedFile::bytes).sum();
    }

    /** One file of a capture, by name inside the capture directory. */
    public record CapturedFile(String name, long bytes) {
        public CapturedFile {
            Objects.requireNonNull(name, "name");
        }
    }
}
