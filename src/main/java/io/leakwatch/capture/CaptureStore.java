package io.leakwatch.capture;

import io.leakwatch.files.Json;
import io.leakwatch.files.PrivateFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The capture records: one {@code capture.json} in each capture directory under the capture root.
 * A record is written last, atomically, so a directory without one is an interrupted capture.
 */
public final class CaptureStore {

    /** File name of a capture record inside its capture directory. */
    public static final String RECORD_FILE = "capture.json";

    private final Path root;

    /** Sub-directory of the daemon's data directory that holds the captures. */
    public static final String DATA_SUBDIRECTORY = "captures";

    /** The store of the captures in the daemon's data directory {@code dataDir}. */
    public static CaptureStore inDataDirectory(Path dataDir) {
        return new CaptureStore(dataDir.resolve(DATA_SUBDIRECTORY));
    }

    /** Records under {@code root}, the capture root directory. */
    public CaptureStore(Path root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    public Path root() {
        return root;
    }

    /** All readable records, oldest first, and one message per unreadable record (file and cause). */
    public Listing list() throws IOException {
        List<CaptureRecord> records = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return new Listing(records, problems);
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path dir : dirs) {
                Path file = dir.resolve(RECORD_FILE);
                if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                try {
                    records.add(Json.MAPPER.readValue(file.toFile(), CaptureRecord.class));
                } catch (IOException | IllegalArgumentException e) {
                    problems.add(file + ": " + e.getMessage());
                }
            }
        }
        records.sort(Comparator.comparing(CaptureRecord::time).thenComparing(CaptureRecord::id));
        return new Listing(records, problems);
    }

    /** Writes {@code record} into its directory under the root, replacing it durably ({@link PrivateFiles}). */
    public void write(CaptureRecord record) throws IOException {
        PrivateFiles.replace(root.resolve(record.id()).resolve(RECORD_FILE), out -> Json.PRETTY.writeValue(out, record));
    }

    /** The record of capture {@code id}. */
    public CaptureRecord read(String id) throws IOException {
        Path file = root.resolve(id).resolve(RECORD_FILE);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(file.toString(), null, "no capture record");
        }
        return Json.MAPPER.readValue(file.toFile(), CaptureRecord.class);
    }

    /** Records and the records that could not be read. */
    public record Listing(List<CaptureRecord> records, List<String> problems) {
        public Listing {
            records = List.copyOf(records);
            problems = List.copyOf(problems);
        }
    }
}
