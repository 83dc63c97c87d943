package io.leakwatch.history;

import io.leakwatch.files.FileStamps;
import io.leakwatch.files.PrivateFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sample history per target in append-only files under {@code <data dir>/history/}, one file per
 * target ({@code <encoded target>.lwh}; see {@link RecordCodec} for the layout).
 *
 * <p>Durability: each append writes one CRC-framed record and forces it to disk, so a crash
 * loses at most the record being written. Rewrites (retention, repair) go to a temporary file
 * that is forced, atomically moved over the original, and the directory forced.
 *
 * <p>Damage: a file whose header, a frame or a record is bad is moved aside as
 * {@code <file>.corrupt-<UTC timestamp>} and the records before the damage are written back; the
 * load (or the first append of the target) returns a {@link HistoryProblem} for the caller to
 * log. Nothing is dropped silently: if the original cannot be moved aside, the load fails.
 *
 * <p>Retention: records beyond {@link HistoryRetention} are dropped when a target is loaded and
 * when appends have outgrown the bound by a quarter.
 *
 * <p>Concurrency: one writer per target. Different targets may be appended from different
 * threads; two threads (or two daemons) writing the same target are not supported.
 */
public final class HistoryStore {

    private static final String SUFFIX = ".lwh";

    private final Path directory;
    private final HistoryRetention retention;
    private final Clock clock;
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    public HistoryStore(Path dataDirectory, HistoryRetention retention, Clock clock) {
        this.directory = Objects.requireNonNull(dataDirectory, "dataDirectory").resolve("history");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Appends one record. The first append of a target in this process loads (and if needed
     * repairs) its file first, so a record is never written behind damage; that repair's problem
     * is returned.
     */
    public Optional<HistoryProblem> append(String target, HistoryRecord record) throws IOException {
        Objects.requireNonNull(record, "record");
        Optional<HistoryProblem> problem = Optional.empty();
        if (!counts.containsKey(target)) {
            problem = load(target).problem();
        }
        Path file = fileOf(target);
        boolean created = !Files.exists(file);
        try (FileChannel ch = PrivateFiles.openForAppend(file)) {
            long before = ch.size();
            try {
                if (before == 0) {
                    writeFully(ch, ByteBuffer.wrap(RecordCodec.HEADER));
                }
                writeFully(ch, RecordCodec.frame(record));
                PrivateFiles.force(ch);
            } catch (IOException e) {
                // A partial frame (disk full) must not stay in front of the next append; if it
                // cannot be cut off, the next append reloads and sets the damage aside.
                counts.remove(target);
                truncateQuietly(ch, before, e);
                throw e;
            }
        }
        if (created) {
            PrivateFiles.forceDirectory(directory);
        }
        int count = counts.merge(target, 1, Integer::sum);
        if (count > retention.maxSamples() + Math.max(16, retention.maxSamples() / 4)) {
            Optional<HistoryProblem> compaction = load(target).problem();
            return problem.isPresent() ? problem : compaction;
        }
        return problem;
    }

    /**
     * Loads a target's records within retention, oldest first. Damage is repaired as described
     * above and returned in the result; an empty history is returned for an unknown target.
     *
     * @throws IOException when the file cannot be read or rewritten at all
     */
    public LoadedHistory load(String target) throws IOException {
        Path file = fileOf(target);
        Files.createDirectories(directory);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            counts.put(target, 0);
            return new LoadedHistory(target, List.of(), Optional.empty());
        }
        LogScan scan = LogScan.of(bytes);
        List<HistoryRecord> kept = retain(scan.records());
        Optional<HistoryProblem> problem = Optional.empty();
        if (!scan.sound()) {
            Path aside = setAside(file);
            problem = Optional.of(new HistoryProblem(file, scan.damageOffset(), scan.damage(), aside, scan.records().size()));
            rewrite(file, kept);
        } else if (kept.size() != scan.records().size()) {
            rewrite(file, kept);
        }
        counts.put(target, kept.size());
        return new LoadedHistory(target, kept, problem);
    }

    /** Every target that has a history file, for re-seeding at start-up. */
    public List<String> targets() throws IOException {
        List<String> targets = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return targets;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                TargetFileName.decode(name.substring(0, name.length() - SUFFIX.length())).ifPresent(targets::add);
            }
        }
        targets.sort(null);
        return targets;
    }

    /** The file that holds a target's history. */
    public Path fileOf(String target) {
        return directory.resolve(TargetFileName.encode(target) + SUFFIX);
    }

    private List<HistoryRecord> retain(List<HistoryRecord> records) {
        Instant oldest = clock.instant().minus(retention.maxAge());
        List<HistoryRecord> young = records.stream().filter(r -> !r.takenAt().isBefore(oldest)).toList();
        return young.size() <= retention.maxSamples() ? young : young.subList(young.size() - retention.maxSamples(), young.size());
    }

    private Path setAside(Path file) throws IOException {
        String base = file.getFileName() + ".corrupt-" + FileStamps.format(clock.instant());
        for (int n = 0; n < 100; n++) {
            Path aside = file.resolveSibling(n == 0 ? base : base + "-" + n);
            if (!Files.exists(aside)) {
                Files.move(file, aside);
                return aside;
            }
        }
        throw new IOException("cannot set aside damaged history file " + file + ": 100 files named " + base + "* exist already");
    }

    private void rewrite(Path file, List<HistoryRecord> records) throws IOException {
        PrivateFiles.replace(file, ".tmp", out -> {
            out.write(RecordCodec.HEADER);
            WritableByteChannel channel = Channels.newChannel(out);
            for (HistoryRecord r : records) {
                ByteBuffer frame = RecordCodec.frame(r);
                while (frame.hasRemaining()) {
                    channel.write(frame);
                }
            }
        });
    }

    private static void truncateQuietly(FileChannel ch, long size, IOException cause) {
        try {
            ch.truncate(size);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

}
