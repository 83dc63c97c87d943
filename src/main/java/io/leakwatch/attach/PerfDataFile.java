package io.leakwatch.attach;

import io.leakwatch.sample.SafepointTimeParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The safepoint counter of a local JVM, read from its HotSpot performance-data file
 * ({@code /tmp/hsperfdata_<user>/<pid>}, the memory the JVM updates its counters in). Reading it is
 * a local file read: no call into the target, no safepoint, nothing that can hang on a stopped JVM.
 * The DiagnosticCommand MBean does not offer {@code PerfCounter.print}, so this is the way to the
 * counter without attaching again.
 */
final class PerfDataFile {

    private static final int MAX_BYTES = 1 << 20;
    private final SafepointTimeParser parser = new SafepointTimeParser();

    /**
     * The file the last reading came from, read directly while it keeps yielding the counter:
     * a sample reads it twice, and listing the temp directory (hundreds of entries matched
     * against a glob) cost more than the reading. One instance serves one connection, that is one
     * process; when the file goes away the directories are searched again.
     */
    private volatile Path found;

    OptionalLong safepointNanos(long pid) {
        Path known = found;
        if (known != null) {
            try {
                if (Files.isRegularFile(known) && Files.size(known) <= MAX_BYTES) {
                    OptionalLong nanos = parser.safepointNanos(ByteBuffer.wrap(Files.readAllBytes(known)));
                    if (nanos.isPresent()) {
                        return nanos;
                    }
                }
            } catch (IOException | SecurityException e) {
                // gone or unreadable now; search again below
            }
            found = null;
        }
        for (Path dir : tempDirs()) {
            try (DirectoryStream<Path> users = Files.newDirectoryStream(dir, "hsperfdata_*")) {
                for (Path userDir : users) {
                    Path file = userDir.resolve(Long.toString(pid));
                    if (Files.isRegularFile(file) && Files.size(file) <= MAX_BYTES) {
                        OptionalLong nanos = parser.safepointNanos(ByteBuffer.wrap(Files.readAllBytes(file)));
                        if (nanos.isPresent()) {
                            found = file;
                            return nanos;
                        }
                    }
                }
            } catch (IOException | SecurityException e) {
                // no readable perf data there; the caller falls back to a wall-time bound
            }
        }
        return OptionalLong.empty();
    }

    /** HotSpot on Linux always uses /tmp; elsewhere it follows the temp directory. */
    private static Set<Path> tempDirs() {
        Set<Path> dirs = new LinkedHashSet<>();
        dirs.add(Path.of("/tmp"));
        dirs.add(Path.of(System.getProperty("java.io.tmpdir")));
        return dirs;
    }
}
