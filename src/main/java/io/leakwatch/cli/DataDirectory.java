package io.leakwatch.cli;

import io.leakwatch.files.PrivateFiles;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The daemon's data directory, checked before anything is written to it: heap dumps and reports
 * hold whatever the targets had in memory, and the history decides what is called a leak, so a
 * directory another user can write to (plant a symlink, swap a record) is refused, with the path
 * and the fix. Missing directories are created 0700, parents included, from the first missing one.
 * A directory the daemon cannot write (a read-only mount, no permission) is refused too, naming it.
 */
final class DataDirectory {

    /** Sub-directories the daemon fills: history records and the alert outbox. */
    static final List<String> SUBDIRECTORIES = List.of("history", "alerts");


    private DataDirectory() {
    }

    /**
     * Creates {@code dataDir}, its sub-directories and {@code others} (the capture directory, which
     * may lie elsewhere) 0700 where missing, and checks the ones that exist.
     *
     * @throws IOException with a message naming the directory at fault and the fix
     */
    static void prepare(Path dataDir, List<Path> others) throws IOException {
        Path dir = dataDir.toAbsolutePath().normalize();
        createPrivate(dir);
        check(dir.toRealPath());
        List<Path> all = new ArrayList<>();
        SUBDIRECTORIES.forEach(name -> all.add(dir.resolve(name)));
        others.forEach(p -> all.add(p.toAbsolutePath().normalize()));
        for (Path sub : all) {
            createPrivate(sub);
            if (Files.isSymbolicLink(sub)) {
                throw new IOException("data directory " + sub + " is a symbolic link; the daemon writes only into real"
                        + " directories it owns: remove the link (rm " + sub + ")");
            }
            check(sub);
            checkWritable(sub);
        }
    }

    /**
     * Refuses a directory the daemon cannot write (a read-only mount, no permission): it would run
     * without history, captures or alerts while looking healthy.
     */
    private static void checkWritable(Path dir) throws IOException {
        try {
            Files.delete(Files.createTempFile(dir, ".leakwatch-write-check-", ".tmp"));
        } catch (IOException e) {
            String why = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.toString();
            throw new IOException("data directory " + dir + " is not writable (" + why + "); the daemon keeps its"
                    + " history, captures and alerts there: remount it read-write, free space, or set dataDir to a"
                    + " writable directory", e);
        }
    }

    private static void createPrivate(Path dir) throws IOException {
        if (Files.exists(dir)) {
            return;
        }
        Path parent = dir.getParent();
        if (parent != null) {
            createPrivate(parent);
        }
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PrivateFiles.DIRECTORY));
            // the umask may have taken bits away, never added; set exactly 0700
            Files.setPosixFilePermissions(dir, PrivateFiles.DIRECTORY);
        } catch (FileAlreadyExistsException raced) {
            // made meanwhile; checked like any existing directory
        } catch (FileSystemException e) {
            throw new IOException("data directory " + dir + " cannot be created (" + (e.getReason() != null
                    ? e.getReason() : e.toString()) + "); create it (mode 700) or set dataDir to a writable directory", e);
        }
    }

    private static void check(Path dir) throws IOException {
        PosixFileAttributes a = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!a.isDirectory()) {
            throw new IOException("data directory " + dir + " is not a directory; set dataDir to a directory");
        }
        Set<PosixFilePermission> p = a.permissions();
        if (p.contains(PosixFilePermission.GROUP_WRITE) || p.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IOException("data directory " + dir + " can be written by other users (mode "
                    + PosixFilePermissions.toString(p) + "); run: chmod 700 " + dir);
        }
        Object owner = Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        Object self = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (!owner.equals(self)) {
            throw new IOException("data directory " + dir + " belongs to uid " + owner + ", not to the daemon's uid "
                    + self + "; run: chown " + self + " " + dir + " (or run the daemon as its owner)");
        }
    }
}
