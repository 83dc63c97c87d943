package io.leakwatch.files;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The one file-safety policy: private modes set at creation (directories 0700, files 0600), and
 * durable writes. A file that is replaced as a whole is written to a temporary file beside it,
 * forced to disk, renamed over the old one and the directory forced; a file that is appended to is
 * forced after each append, and its directory after the file was created.
 */
public final class PrivateFiles {

    /** Mode of every directory LeakWatch creates for its data: 0700. */
    public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    /** Mode of every file LeakWatch writes: 0600. */
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    /** Suffix of the temporary file of {@link #replace(Path, Content)}; never read as a result. */
    public static final String PARTIAL = ".partial";

    private static final FileAttribute<Set<PosixFilePermission>> FILE_MODE = PosixFilePermissions.asFileAttribute(FILE);

    /** What goes into a file, written to the stream handed in (not closed by the writer). */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private PrivateFiles() {
    }

    /** Creates {@code dir} with mode 0700 (parents with default modes) unless it exists. */
    public static void createPrivateDirectory(Path dir) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw e;
            }
        }
    }

    /** Creates an empty file with mode 0600; fails when it exists. */
    public static Path createPrivateFile(Path file) throws IOException {
        return Files.createFile(file, FILE_MODE);
    }

    /** Writes a new file of mode 0600 (failing when it exists) and forces it to disk. */
    public static void writeNew(Path file, Content content) throws IOException {
        try (FileChannel ch = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                FILE_MODE)) {
            write(ch, content);
        }
    }

    /** {@link #replace(Path, String, Content)} with the temporary file {@code <file>.partial}. */
    public static void replace(Path file, Content content) throws IOException {
        replace(file, PARTIAL, content);
    }

    /**
     * Replaces {@code file} as a whole with {@code content}: written to {@code <file><tempSuffix>}
     * (mode 0600, a stale one deleted first), forced, renamed over {@code file}, directory forced.
     * On failure the temporary file is deleted (on a full disk it would hold the space the next
     * write needs) and the old file is still in place.
     */
    public static void replace(Path file, String tempSuffix, Content content) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + tempSuffix);
        try {
            Files.deleteIfExists(temp);
            writeNew(temp, content);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
        forceDirectory(file.toAbsolutePath().getParent());
    }

    /**
     * Opens {@code file} for appending, creating it with mode 0600 when missing; the caller writes
     * and then calls {@link #force(FileChannel)}, and {@link #forceDirectory} when it was created.
     */
    public static FileChannel openForAppend(Path file) throws IOException {
        return FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
                FILE_MODE);
    }

    /** Forces {@code file}, which another process wrote (a heap dump), to disk. */
    public static void forceFile(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            force(ch);
        }
    }

    /** Forces what was written through {@code ch} (data and metadata) to disk. */
    public static void force(FileChannel ch) throws IOException {
        ch.force(true);
    }

    /** Makes a created or renamed entry of {@code dir} durable; not every platform can open a directory. */
    public static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Windows cannot open directories; the rename is then as durable as the platform makes it.
        }
    }

    private static void write(FileChannel ch, Content content) throws IOException {
        // Writers may close the stream (Jackson does); the channel must stay open to be forced.
        BufferedOutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16) {
            @Override
            public void close() throws IOException {
                flush();
            }
        };
        content.writeTo(out);
        out.flush();
        force(ch);
    }
}
