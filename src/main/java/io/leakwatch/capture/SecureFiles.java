package io.leakwatch.capture;

import io.leakwatch.files.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks and walks of the private capture tree: a dump holds every secret the target had in memory,
 * so directories are 0700 and files 0600 ({@link PrivateFiles} creates them so).
 */
final class SecureFiles {

    private SecureFiles() {
    }

    /**
     * Why {@code dir} is not safe to hold dumps, or empty when it is: it must be a real directory
     * (not a symlink), owned by the daemon's user, writable by nobody else.
     */
    static Optional<String> unsafeReason(Path dir) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink()) {
            return Optional.of(dir + " is a symbolic link; configure the real directory");
        }
        if (!attributes.isDirectory()) {
            return Optional.of(dir + " is not a directory");
        }
        Set<PosixFilePermission> permissions = attributes.permissions();
        if (permissions.contains(PosixFilePermission.GROUP_WRITE) || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
            return Optional.of(dir + " is writable by other users (mode "
                    + PosixFilePermissions.toString(permissions) + "); run chmod 700 on it");
        }
        Object owner = Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        Object self = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (!owner.equals(self)) {
            return Optional.of(dir + " is owned by uid " + owner + ", not by the daemon's uid " + self);
        }
        return Optional.empty();
    }

    /** Sets 0600 on every regular file and 0700 on every directory below {@code dir}. */
    static void restrictTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                if (Files.isSymbolicLink(p)) {
                    continue;
                }
                Files.setPosixFilePermissions(p, Files.isDirectory(p) ? PrivateFiles.DIRECTORY : PrivateFiles.FILE);
            }
        }
    }

    /** Deletes {@code dir} and everything below it; symlinks are removed, never followed. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted((a, b) -> b.getNameCount() - a.getNameCount())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Total size of the regular files below {@code dir}. */
    static long treeBytes(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            long sum = 0;
            for (Path p : (Iterable<Path>) paths::iterator) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    sum += Files.size(p);
                }
            }
            return sum;
        }
    }
}
