package io.leakwatch.capture;

import io.leakwatch.files.PrivateFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The capture root on disk: one private sub-directory per capture, its record written last. Knows
 * how much the captures use, evicts the oldest to make room, and removes what an interrupted
 * capture left behind.
 */
final class CaptureDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(CaptureDirectory.class);

    /** Marks a file still being written; never read as a result. */
    static final String PARTIAL = PrivateFiles.PARTIAL;

    private final Path root;
    private final CaptureStore store;

    private CaptureDirectory(Path root) {
        this.root = root;
        this.store = new CaptureStore(root);
    }

    /**
     * Opens (creating with mode 0700 if missing) the capture root and cleans up after a previous
     * run: partial files and capture directories without a record are deleted.
     */
    static CaptureDirectory open(Path root) throws IOException {
        Objects.requireNonNull(root, "root");
        PrivateFiles.createPrivateDirectory(root);
        CaptureDirectory directory = new CaptureDirectory(root);
        // Clean only a directory that is ours: in one others can write, their files are not ours to
        // delete (every capture is refused there anyway).
        if (directory.unsafeReason().isEmpty()) {
            directory.removeInterrupted();
        }
        return directory;
    }

    Path root() {
        return root;
    }

    CaptureStore store() {
        return store;
    }

    Optional<String> unsafeReason() throws IOException {
        return SecureFiles.unsafeReason(root);
    }

    /** Creates the private directory of a new capture. */
    Path create(String id) throws IOException {
        Path dir = root.resolve(id);
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PrivateFiles.DIRECTORY));
        return dir;
    }

    /** Bytes used by all captures. */
    long usedBytes() throws IOException {
        return SecureFiles.treeBytes(root);
    }

    /**
     * Deletes the oldest captures (never {@code keepId}) until {@code incomingBytes} more fit in
     * {@code quotaBytes}. Returns the ids deleted; stops early when nothing is left to delete.
     */
    List<String> evictFor(long incomingBytes, long quotaBytes, String keepId) throws IOException {
        List<String> evicted = new ArrayList<>();
        long used = usedBytes();
        for (CaptureRecord oldest : store.list().records()) {
            if (used + incomingBytes <= quotaBytes) {
                break;
            }
            if (oldest.id().equals(keepId)) {
                continue;
            }
            Path dir = root.resolve(oldest.id());
            long bytes = SecureFiles.treeBytes(dir);
            SecureFiles.deleteTree(dir);
            used -= bytes;
            evicted.add(oldest.id());
        }
        return evicted;
    }

    /**
     * One entry that cannot be removed (a target still writing the dump it was asked for before the
     * daemon died, a read-only disk) is logged and left for the next start: it must not keep the
     * daemon from starting.
     */
    private void removeInterrupted() throws IOException {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path dir : dirs) {
                try {
                    removeInterrupted(dir);
                } catch (IOException e) {
                    LOG.warn("Cannot remove what an interrupted capture left in {} (retried at the next start): {}",
                            dir, e.toString());
                }
            }
        }
    }

    private static void removeInterrupted(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            if (dir.getFileName().toString().contains(PARTIAL)) {
                Files.deleteIfExists(dir);
            }
            return;
        }
        if (!Files.isRegularFile(dir.resolve(CaptureStore.RECORD_FILE), LinkOption.NOFOLLOW_LINKS)) {
            SecureFiles.deleteTree(dir);
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (p.getFileName().toString().contains(PARTIAL)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
