package io.leakwatch.alert;

import io.leakwatch.files.FileStamps;
import io.leakwatch.files.Json;
import io.leakwatch.files.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
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
            return Optional.of(Objects.requireNonNull(Json.MAPPER.readValue(bytes, type), "empty state"));
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
        try {
            byte[] json = Json.MAPPER.writeValueAsBytes(state);
            PrivateFiles.replace(file, ".tmp", out -> out.write(json));
        } catch (IOException e) {
            failures.failed("replace it", e);
            return false;
        }
        failures.succeeded();
        return true;
    }

    private void setAside(Exception cause) {
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + FileStamps.format(clock.instant()));
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            LOG.warn("The {} state {} is damaged ({}); set aside as {}, starting empty", store, file, cause.getMessage(), aside);
        } catch (IOException e) {
            LOG.warn("The {} state {} is damaged ({}) and cannot be set aside ({}); starting empty, it is replaced"
                    + " at the next write", store, file, cause.getMessage(), e.toString());
        }
    }

}
