package io.leakwatch.capture;

import io.leakwatch.capture.TargetFilesystem.TargetView;
import io.leakwatch.files.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.UserPrincipal;

/**
 * Where the target writes a dump and how it gets to its place in the capture directory. A target
 * that can write into the private capture directory writes {@code heap.partial.hprof} there; any
 * other (another mount namespace or user) writes into its own temp directory, and the daemon moves
 * the file through {@code /proc/<pid>/root}. Either way the dump is complete only once renamed.
 *
 * @param targetPath the path the target is asked to write, in its namespace
 * @param written    the daemon's path of that file
 * @param partial    the partial file in the capture directory
 * @param dump       the final dump in the capture directory
 */
record DumpPlacement(String targetPath, Path written, Path partial, Path dump) {

    static final String DUMP = "heap.hprof";
    static final String PARTIAL_DUMP = "heap.partial.hprof";

    static DumpPlacement of(TargetView view, String targetTempDirectory, String captureId, Path captureDir) {
        Path partial = captureDir.resolve(PARTIAL_DUMP);
        Path dump = captureDir.resolve(DUMP);
        if (view.writesDirectly()) {
            return new DumpPlacement(partial.toAbsolutePath().toString(), partial, partial, dump);
        }
        // HotSpot refuses a dump file name that does not end in .hprof.
        String targetPath = targetTempDirectory.replaceAll("/+$", "") + "/leakwatch-" + captureId + ".partial.hprof";
        return new DumpPlacement(targetPath, view.daemonPath(targetPath), partial, dump);
    }

    /**
     * Moves the written file to the dump's place, 0600 and owned by the daemon's user (a target of
     * another user wrote it); copies across file systems. The dump is forced to disk before it is
     * renamed, and the directory after, as {@link PrivateFiles} writes every file: a dump the
     * capture record names survives a crash of the host.
     */
    void moveIntoPlace() throws IOException {
        if (!written.equals(partial)) {
            Files.move(written, partial);
        }
        UserPrincipal owner = Files.getOwner(partial.getParent());
        if (!Files.getOwner(partial).equals(owner)) {
            Files.setOwner(partial, owner);
        }
        Files.setPosixFilePermissions(partial, PrivateFiles.FILE);
        PrivateFiles.forceFile(partial);
        Files.move(partial, dump, StandardCopyOption.ATOMIC_MOVE);
        PrivateFiles.forceDirectory(dump.toAbsolutePath().getParent());
    }

    /** Deletes whatever part of the dump exists, wherever it is. */
    void discard() throws IOException {
        Files.deleteIfExists(written);
        Files.deleteIfExists(partial);
        Files.deleteIfExists(dump);
    }
}
