package io.leakwatch.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helper: a real small tmpfs mounted at a directory (root only), unmounted on close. */
final class SmallFilesystem implements AutoCloseable {

    private final Path mountPoint;

    private SmallFilesystem(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** Mounts a tmpfs of {@code mib} MiB at {@code mountPoint}, or returns null when mount is not allowed here. */
    static SmallFilesystem mountOrNull(Path mountPoint, int mib) throws IOException, InterruptedException {
        Files.createDirectories(mountPoint);
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + mib + "m,mode=0700", "leakwatch-test",
                mountPoint.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0 ? new SmallFilesystem(mountPoint) : null;
    }

    Path path() {
        return mountPoint;
    }

    @Override
    public void close() throws IOException {
        Process p = new ProcessBuilder("umount", mountPoint.toString()).inheritIO().start();
        try {
            if (p.waitFor() != 0) {
                throw new IOException("umount " + mountPoint + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while unmounting " + mountPoint, e);
        }
    }
}
