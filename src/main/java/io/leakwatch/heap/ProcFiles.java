package io.leakwatch.heap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Fields of the kernel's {@code /proc} status files ({@code Key:   123 kB} lines). */
final class ProcFiles {

    static final Path MEMINFO = Path.of("/proc/meminfo");
    static final Path SELF_STATUS = Path.of("/proc/self/status");

    private ProcFiles() {
    }

    /**
     * The field {@code key} of {@code file} in bytes, 0 when the file or the field is missing (not
     * Linux, or a kernel that does not report it).
     */
    static long kilobytesField(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
