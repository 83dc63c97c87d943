package io.leakwatch.heap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the host can still give a new process, from {@code /proc/meminfo} ({@code MemAvailable}). */
final class HostMemory {

    private static final Path MEMINFO = Path.of("/proc/meminfo");

    private HostMemory() {
    }

    /** Available bytes, 0 when the kernel does not say (not Linux, or a kernel before 3.14). */
    static long availableBytes() {
        try {
            for (String line : Files.readAllLines(MEMINFO)) {
                if (line.startsWith("MemAvailable:")) {
                    String[] parts = line.trim().split("\\s+");
                    return Long.parseLong(parts[1]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
