package io.leakwatch.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helper: a real small tmpfs (mode 0700) mounted at a directory, that can be filled to the
 * last byte, remounted read-only and read-write, and is unmounted on close. Needs root (the mount
 * is in the test's own mount namespace); {@link #mountOrNull} returns null where that is not allowed.
 */
public final class Tmpfs implements AutoCloseable {

    private final Path mountPoint;

    private Tmpfs(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** Mounts a tmpfs of {@code mib} MiB at {@code mountPoint} (created), or null when mount is not allowed here. */
    public static Tmpfs mountOrNull(Path mountPoint, int mib) throws IOException, InterruptedException {
        Files.createDirectories(mountPoint);
        return run("mount", "-t", "tmpfs", "-o", "size=" + mib + "m,mode=0700", "leakwatch-test", mountPoint.toString())
                ? new Tmpfs(mountPoint) : null;
    }

    public Path path() {
        return mountPoint;
    }

    /** Fills the file system with {@code filler} until a write fails for lack of space; returns its size. */
    public long fill(Path filler) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        long written = 0;
        try (var out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
                written += chunk.length;
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left")) {
                throw e;
            }
        }
        // the last chunk may have been only partly refused: fill the rest byte-wise
        try (var out = Files.newOutputStream(filler, StandardOpenOption.APPEND)) {
            while (true) {
                out.write(0);
                out.flush();
                written++;
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left")) {
                throw e;
            }
        }
        return written;
    }

    /** Remounts read-only ({@code true}) or read-write. */
    public void readOnly(boolean ro) throws IOException, InterruptedException {
        if (!run("mount", "-o", "remount," + (ro ? "ro" : "rw"), mountPoint.toString())) {
            throw new IOException("remount " + (ro ? "ro" : "rw") + " of " + mountPoint + " failed");
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (!run("umount", mountPoint.toString()) && !run("umount", "-l", mountPoint.toString())) {
            throw new IOException("umount " + mountPoint + " failed");
        }
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0;
    }
}
