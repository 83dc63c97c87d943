package io.leakwatch.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A persisted outbox between the alert producers and the sinks: {@link #enqueue} writes one file
 * per sink and alert, {@link #deliverDue} (called on a schedule) sends what is due, deletes what was
 * delivered and reschedules failures with back-off. Nothing is lost across a daemon restart; a
 * crash between a delivery and its deletion sends that alert again (at least once).
 *
 * <p>Each sink's alerts are delivered in order, so a resolve never overtakes its firing alert;
 * a sink that is down holds back only its own queue. Alerts a receiver rejects for good (4xx) or
 * that stay undeliverable past {@link RetryPolicy#giveUpAfter()} move to {@code dead/}.
 */
public final class AlertOutbox {

    private static final Logger LOG = LoggerFactory.getLogger(AlertOutbox.class);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final String DEAD = "dead";
    private static final String SUFFIX = ".json";

    /** One queued delivery, as stored. */
    record Entry(Alert alert, int attempts, Instant enqueuedAt, Instant nextAttemptAt, String lastError) {
    }

    /**
     * What {@link #deliverDue} did with one entry (for {@code leakwatch_alerts_total{sink,outcome}});
     * {@code alert} is null only for an unreadable entry.
     */
    public record Attempt(String sink, Alert alert, Outcome outcome, String detail) {
    }

    /** The outcome of an attempt. */
    public enum Outcome {
        DELIVERED, RETRY, DROPPED;

        /** The metric label form: {@code delivered}, {@code retry}, {@code dropped}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Path dir;
    private final Map<String, AlertSink> sinks = new LinkedHashMap<>();
    private final RetryPolicy retry;
    private final Clock clock;
    private final AtomicLong sequence;
    private final Object delivering = new Object();

    private AlertOutbox(Path dir, List<AlertSink> sinks, RetryPolicy retry, Clock clock, long sequence) {
        this.dir = dir;
        sinks.forEach(s -> this.sinks.put(s.name(), s));
        this.retry = retry;
        this.clock = clock;
        this.sequence = new AtomicLong(sequence);
    }

    /**
     * Opens (creating, mode 0700) the outbox in {@code dir}: entries left by a previous run are
     * kept, half-written ones (a crash while enqueuing) removed.
     */
    public static AlertOutbox open(Path dir, List<AlertSink> sinks, RetryPolicy retry, Clock clock) throws IOException {
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(clock, "clock");
        long max = 0;
        createPrivateDirectory(dir);
        for (AlertSink sink : sinks) {
            Path sinkDir = dir.resolve(sink.name());
            createPrivateDirectory(sinkDir);
            try (DirectoryStream<Path> partials = Files.newDirectoryStream(sinkDir, "*.partial")) {
                for (Path partial : partials) {
                    Files.delete(partial);
                }
            }
            for (Path file : entries(sinkDir)) {
                max = Math.max(max, sequenceOf(file));
            }
        }
        createPrivateDirectory(dir.resolve(DEAD));
        return new AlertOutbox(dir, sinks, retry, clock, max);
    }

    /**
     * Queues {@code alert} for every sink. Never waits for a delivery in progress: entries are
     * written under new names (partial file, then renamed), which delivery does not touch.
     */
    public void enqueue(Alert alert) throws IOException {
        Instant now = clock.instant();
        for (String sink : sinks.keySet()) {
            write(dir.resolve(sink).resolve(String.format("%020d", sequence.incrementAndGet()) + SUFFIX),
                    new Entry(alert, 0, now, now, ""));
        }
    }

    /** Alerts waiting for delivery, over all sinks. */
    public int pending() throws IOException {
        int n = 0;
        for (String sink : sinks.keySet()) {
            n += entries(dir.resolve(sink)).size();
        }
        return n;
    }

    /** Sends every entry that is due, each sink's in order; returns what happened to each. */
    public List<Attempt> deliverDue() throws IOException {
        synchronized (delivering) {
            List<Attempt> attempts = new ArrayList<>();
            for (AlertSink sink : sinks.values()) {
                for (Path file : entries(dir.resolve(sink.name()))) {
                    Attempt attempt = deliver(sink, file);
                    if (attempt == null) {
                        break;
                    }
                    attempts.add(attempt);
                    if (attempt.outcome() == Outcome.RETRY) {
                        break;
                    }
                }
            }
            return attempts;
        }
    }

    private Attempt deliver(AlertSink sink, Path file) throws IOException {
        Entry entry;
        try {
            entry = JSON.readValue(file.toFile(), Entry.class);
        } catch (IOException e) {
            // A damaged entry must not hold back the queue behind it; keep it for inspection.
            Files.move(file, dir.resolve(DEAD).resolve(sink.name() + "-" + file.getFileName() + ".unreadable"),
                    StandardCopyOption.REPLACE_EXISTING);
            LOG.warn("Moved unreadable outbox entry {} to {}: {}", file, DEAD, e.getMessage());
            return new Attempt(sink.name(), null, Outcome.DROPPED, "unreadable entry " + file + ": " + e.getMessage());
        }
        Instant now = clock.instant();
        if (entry.nextAttemptAt().isAfter(now)) {
            return null;
        }
        Delivery delivery = sink.send(entry.alert());
        if (delivery instanceof Delivery.Delivered) {
            Files.delete(file);
            return new Attempt(sink.name(), entry.alert(), Outcome.DELIVERED, "");
        }
        Delivery.Failed failed = (Delivery.Failed) delivery;
        boolean tooOld = !now.isBefore(entry.enqueuedAt().plus(retry.giveUpAfter()));
        if (!failed.retryable() || tooOld) {
            Files.move(file, dir.resolve(DEAD).resolve(sink.name() + "-" + file.getFileName()),
                    StandardCopyOption.REPLACE_EXISTING);
            LOG.warn("Dropped alert {} for {} to {} after {} attempts: {}", entry.alert().signature(),
                    entry.alert().target(), sink.name(), entry.attempts() + 1, failed.detail());
            return new Attempt(sink.name(), entry.alert(), Outcome.DROPPED, failed.detail());
        }
        int attempts = entry.attempts() + 1;
        Instant next = now.plus(retry.backoff(attempts));
        write(file, new Entry(entry.alert(), attempts, entry.enqueuedAt(), next, failed.detail()));
        if (attempts == 1) {
            LOG.warn("Alert delivery to {} failed, retrying with back-off: {}", sink.name(), failed.detail());
        } else {
            LOG.debug("Alert delivery to {} failed again (attempt {}), next at {}: {}", sink.name(), attempts, next,
                    failed.detail());
        }
        return new Attempt(sink.name(), entry.alert(), Outcome.RETRY, failed.detail());
    }

    private static void write(Path file, Entry entry) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        JSON.writeValue(partial.toFile(), entry);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static List<Path> entries(Path sinkDir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(sinkDir, "*" + SUFFIX)) {
            stream.forEach(files::add);
        }
        files.sort(null);
        return files;
    }

    private static long sequenceOf(Path file) {
        String name = file.getFileName().toString();
        try {
            return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        Files.createDirectories(dir.toAbsolutePath().getParent());
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
    }
}
