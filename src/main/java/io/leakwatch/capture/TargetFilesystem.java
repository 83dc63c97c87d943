package io.leakwatch.capture;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How a target process sees the file system compared with the daemon. A target in a container has
 * its own mount namespace: the path it writes a dump to is not the daemon's path of that file, but
 * the kernel exposes the target's view at {@code /proc/<pid>/root}.
 */
public final class TargetFilesystem {

    private final Path proc;

    /** Reads the real {@code /proc}. */
    public TargetFilesystem() {
        this(Path.of("/proc"));
    }

    TargetFilesystem(Path proc) {
        this.proc = Objects.requireNonNull(proc, "proc");
    }

    /**
     * The view of process {@code pid}.
     *
     * @throws java.nio.file.NoSuchFileException when the process does not exist
     */
    public TargetView view(long pid) throws IOException {
        Path process = proc.resolve(Long.toString(pid));
        Path root = process.resolve("root");
        // stat follows the magic link to the target's root directory: another inode means another root.
        boolean sameRoot = Files.readAttributes(root, "unix:dev,ino")
                .equals(Files.readAttributes(Path.of("/"), "unix:dev,ino"));
        boolean sameNamespace = sameRoot && sameMountNamespace(process);
        boolean sameUser = Files.getAttribute(process, "unix:uid").equals(Files.getAttribute(proc.resolve("self"), "unix:uid"));
        return new TargetView(pid, root, sameNamespace, sameUser);
    }

    private boolean sameMountNamespace(Path process) throws IOException {
        try {
            return Files.readSymbolicLink(process.resolve("ns/mnt"))
                    .equals(Files.readSymbolicLink(proc.resolve("self/ns/mnt")));
        } catch (AccessDeniedException e) {
            // Without ptrace rights on the target the namespace link is unreadable; the root inode
            // comparison alone then decides.
            return true;
        }
    }

    /**
     * @param pid                the process
     * @param root               {@code /proc/<pid>/root}: the target's file system as the daemon reaches it
     * @param sameMountNamespace the target sees the same files at the same paths as the daemon
     * @param sameUser           the target runs as the daemon's user, so it can write into the
     *                           daemon's private capture directory
     */
    public record TargetView(long pid, Path root, boolean sameMountNamespace, boolean sameUser) {
        public TargetView {
            Objects.requireNonNull(root, "root");
        }

        /** True when the target can write the dump straight into the daemon's capture directory. */
        public boolean writesDirectly() {
            return sameMountNamespace && sameUser;
        }

        /** The daemon's path of {@code targetPath}, an absolute path in the target's namespace. */
        public Path daemonPath(String targetPath) {
            if (!targetPath.startsWith("/")) {
                throw new IllegalArgumentException("target path must be absolute: " + targetPath);
            }
            return sameMountNamespace ? Path.of(targetPath) : root.resolve(targetPath.substring(1));
        }
    }
}
