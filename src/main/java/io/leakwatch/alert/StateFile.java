package io.leakwatch.alert;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One small JSON state file that is replaced as a whole: written to a 0600 temporary file beside it,
 * forced to disk, atomically moved over the original, and the directory forced. A crash at any point
 * leaves either the old or the new content, never a mix.
 *
 * <p>A file that cannot be read back is moved aside as {@code <name>.corrupt-<UTC timestamp>}
 * (logged) and the state starts empty: damaged state never stops the daemon. A write that fails
 * (disk full, read-only file system) leaves the previous file in place and is reported (WARN once,
 * DEBUG until a write succeeds again, and the {@link StoreFailureListener}); the caller keeps its
 * state in memory and saves again later.
 *
 * @param <T> the state, a Jackson-serialisable record
 */
public final class StateFile<T> {

    private static final Logger LOG = LoggerFactory.getLogger(StateFile.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;
    private final Class<T> type;
    private final String store;
    private final WriteFailures failures;
    private final Clock clock;

    /**
     * @param file     the state file
     * @param type     the state's type
     * @param store    short name for logs and the failure counter ({@code dedup}, ...)
     * @param failures hears failed writes
     * @param clock    for the timestamp of a set-aside file
     */
    public StateFile(Path file, Class<T> type, String store, StoreFailureListener failures, Clock clock) {
        this.file = Objects.requireNonNull(file, "file");
        this.type = Objects.requireNonNull(type, "type");
        this.store = Objects.requireNonNull(store, "store");
        this.failures = new WriteFailures(store, file, Objects.requireNonNull(failures, "failures"));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The stored state; empty when there is none or it was damaged (then set aside and logged).
     * Never throws for what is on disk.
     */
    public synchronized Optional<T> load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.warn("Cannot read the {} state {}; starting empty: {}", store, file, e.toString());
            return Optional.empty();
        }
        try {
            return Optional.of(Objects.requireNonNull(JSON.readValue(bytes, type), "empty state"));
        } catch (IOException | RuntimeException e) {
            setAside(e);
            return Optional.empty();
        }
    }

    /**
     * Replaces the stored state with {@code state}. Returns false when the write failed (reported as
     * described above); the previous file is then still in place.
     */
    public synchronized boolean save(T state) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
                ByteBuffer buf = ByteBuffer.wrap(JSON.writeValueAsBytes(state));
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory();
        } catch (IOException e) {
            deleteQuietly(tmp);
            failures.failed("replace it", e);
            return false;
        }
        failures.succeeded();
        return true;
    }

    private void setAside(Exception cause) {
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + STAMP.format(clock.instant()));
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            LOG.warn("The {} state {} is damaged ({}); set aside as {}, starting empty", store, file, cause.getMessage(), aside);
        } catch (IOException e) {
            LOG.warn("The {} state {} is damaged ({}) and cannot be set aside ({}); starting empty, it is replaced"
                    + " at the next write", store, file, cause.getMessage(), e.toString());
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // read-only: nothing was written there either
        }
    }

    private void forceDirectory() {
        try (FileChannel dir = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // not every platform opens directories; the rename is then as durable as the platform makes it
        }
    }
}
