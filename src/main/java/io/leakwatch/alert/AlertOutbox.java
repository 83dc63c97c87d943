package io.leakwatch.alert;

import io.leakwatch.files.Json;
import io.leakwatch.files.PrivateFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 *
 * <p>A full or read-only file system loses nothing while the daemon runs: an entry that cannot be
 * written stays queued in memory behind the files (and is written out, in order, once the disk
 * takes it again), a delivered entry that cannot be deleted is not sent again, and a back-off that
 * cannot be written is kept in memory. Each failed write is reported to the
 * {@link StoreFailureListener} and logged (WARN once, then DEBUG until a write succeeds). Only what
 * was in memory is lost if the daemon dies meanwhile.
 */
public final class AlertOutbox {

    private static final Logger LOG = LoggerFactory.getLogger(AlertOutbox.class);
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
    /** Per sink, entries not yet written to disk, in order after the sink's files. Guarded by itself. */
    private final Map<String, Deque<Entry>> unsaved = new HashMap<>();
    /** Delivered or dropped entry files that could not be deleted yet: never sent again. */
    private final Set<Path> done = ConcurrentHashMap.newKeySet();
    /** Back-offs that could not be written into their entry files. */
    private final Map<Path, Entry> rescheduled = new ConcurrentHashMap<>();
    private final WriteFailures writeFailures;

    private AlertOutbox(Path dir, List<AlertSink> sinks, RetryPolicy retry, Clock clock, long sequence,
                        StoreFailureListener failures) {
        this.dir = dir;
        sinks.forEach(s -> this.sinks.put(s.name(), s));
        sinks.forEach(s -> unsaved.put(s.name(), new ArrayDeque<>()));
        this.retry = retry;
        this.clock = clock;
        this.sequence = new AtomicLong(sequence);
        this.writeFailures = new WriteFailures("outbox", dir, failures);
    }

    /**
     * Opens (creating, mode 0700) the outbox in {@code dir}: entries left by a previous run are
     * kept, half-written ones (a crash while enqueuing) removed.
     */
    public static AlertOutbox open(Path dir, List<AlertSink> sinks, RetryPolicy retry, Clock clock) throws IOException {
        return open(dir, sinks, retry, clock, StoreFailureListener.NONE);
    }

    /** As {@link #open(Path, List, RetryPolicy, Clock)}, reporting failed writes to {@code failures}. */
    public static AlertOutbox open(Path dir, List<AlertSink> sinks, RetryPolicy retry, Clock clock,
                                   StoreFailureListener failures) throws IOException {
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(failures, "failures");
        Objects.requireNonNull(clock, "clock");
        long max = 0;
        PrivateFiles.createPrivateDirectory(dir);
        for (AlertSink sink : sinks) {
            Path sinkDir = dir.resolve(sink.name());
            PrivateFiles.createPrivateDirectory(sinkDir);
            try (DirectoryStream<Path> partials = Files.newDirectoryStream(sinkDir, "*" + PrivateFiles.PARTIAL)) {
                for (Path partial : partials) {
                    Files.delete(partial);
                }
            }
            for (Path file : entries(sinkDir)) {
                max = Math.max(max, sequenceOf(file));
            }
        }
        PrivateFiles.createPrivateDirectory(dir.resolve(DEAD));
        return new AlertOutbox(dir, sinks, retry, clock, max, failures);
    }

    /**
     * Queues {@code alert} for every sink. Never waits for a delivery in progress: entries are
     * written under new names (partial file, then renamed), which delivery does not touch. An entry
     * that cannot be written is queued in memory instead (see above).
     */
    public void enqueue(Alert alert) {
        Instant now = clock.instant();
        for (String sink : sinks.keySet()) {
            Entry entry = new Entry(alert, 0, now, now, "");
            Deque<Entry> memory = unsaved.get(sink);
            synchronized (memory) {
                if (!memory.isEmpty() || !save(sink, entry)) {
                    memory.addLast(entry);
                }
            }
        }
    }

    /** Alerts waiting for delivery, over all sinks, on disk and in memory. */
    public int pending() throws IOException {
        int n = 0;
        for (String sink : sinks.keySet()) {
            n += entries(dir.resolve(sink)).size();
            Deque<Entry> memory = unsaved.get(sink);
            synchronized (memory) {
                n += memory.size();
            }
        }
        return n;
    }

    /** Writes {@code entry} as the sink's next file; false (reported) when the disk refuses. */
    private boolean save(String sink, Entry entry) {
        Path file = dir.resolve(sink).resolve(String.format("%020d", sequence.incrementAndGet()) + SUFFIX);
        try {
            write(file, entry);
            writeFailures.succeeded();
            return true;
        } catch (IOException e) {
            writeFailures.failed("queue an alert for " + sink, e);
            return false;
        }
    }

    /**
     * Sends every entry that is due, each sink's in order (files first, then what is only in
     * memory); returns what happened to each. Entries held in memory are written out first when
     * the disk takes them again.
     */
    public List<Attempt> deliverDue() throws IOException {
        synchronized (delivering) {
            retryDeletes();
            List<Attempt> attempts = new ArrayList<>();
            for (AlertSink sink : sinks.values()) {
                Deque<Entry> memory = unsaved.get(sink.name());
                synchronized (memory) {
                    while (!memory.isEmpty() && save(sink.name(), memory.peekFirst())) {
                        memory.removeFirst();
                    }
                }
                boolean blocked = false;
                for (Path file : entries(dir.resolve(sink.name()))) {
                    if (done.contains(file)) {
                        continue;
                    }
                    Attempt attempt = deliver(sink, file);
                    if (attempt == null || attempt.outcome() == Outcome.RETRY) {
                        blocked = true;
                    }
                    if (attempt != null) {
                        attempts.add(attempt);
                    }
                    if (blocked) {
                        break;
                    }
                }
                if (!blocked) {
                    deliverFromMemory(sink, memory, attempts);
                }
            }
            return attempts;
        }
    }

    private void deliverFromMemory(AlertSink sink, Deque<Entry> memory, List<Attempt> attempts) {
        while (true) {
            Entry entry;
            synchronized (memory) {
                entry = memory.peekFirst();
            }
            Instant now = clock.instant();
            if (entry == null || entry.nextAttemptAt().isAfter(now)) {
                return;
            }
            Delivery delivery = sink.send(entry.alert());
            Outcome outcome = outcomeOf(entry, delivery, now);
            synchronized (memory) {
                memory.removeFirst();
                if (outcome == Outcome.RETRY) {
                    memory.addFirst(retried(entry, (Delivery.Failed) delivery, now));
                }
            }
            String detail = delivery instanceof Delivery.Failed f ? f.detail() : "";
            attempts.add(new Attempt(sink.name(), entry.alert(), outcome, detail));
            if (outcome == Outcome.DROPPED) {
                LOG.warn("Dropped alert {} for {} to {} (held in memory, the outbox could not be written): {}",
                        entry.alert().signature(), entry.alert().target(), sink.name(), detail);
            }
            if (outcome == Outcome.RETRY) {
                return;
            }
        }
    }

    private Outcome outcomeOf(Entry entry, Delivery delivery, Instant now) {
        if (delivery instanceof Delivery.Delivered) {
            return Outcome.DELIVERED;
        }
        boolean tooOld = !now.isBefore(entry.enqueuedAt().plus(retry.giveUpAfter()));
        return !((Delivery.Failed) delivery).retryable() || tooOld ? Outcome.DROPPED : Outcome.RETRY;
    }

    private Entry retried(Entry entry, Delivery.Failed failed, Instant now) {
        int attempts = entry.attempts() + 1;
        return new Entry(entry.alert(), attempts, entry.enqueuedAt(), now.plus(retry.backOff().delayAfter(attempts)), failed.detail());
    }

    private void retryDeletes() {
        for (Path file : List.copyOf(done)) {
            try {
                Files.deleteIfExists(file);
                done.remove(file);
            } catch (IOException e) {
                LOG.debug("Still cannot delete the delivered outbox entry {}: {}", file, e.toString());
            }
        }
    }

    /** Deletes a delivered entry's file; when the disk refuses, remembers it as done. */
    private void finish(Path file) {
        try {
            Files.delete(file);
            rescheduled.remove(file);
        } catch (IOException e) {
            done.add(file);
            rescheduled.remove(file);
            writeFailures.failed("delete the delivered entry " + file.getFileName(), e);
        }
    }

    private Attempt deliver(AlertSink sink, Path file) {
        Entry entry = rescheduled.get(file);
        try {
            if (entry == null) {
                entry = Json.MAPPER.readValue(file.toFile(), Entry.class);
            }
        } catch (IOException e) {
            // A damaged entry must not hold back the queue behind it; keep it for inspection.
            try {
                Files.move(file, dir.resolve(DEAD).resolve(sink.name() + "-" + file.getFileName() + ".unreadable"),
                        StandardCopyOption.REPLACE_EXISTING);
                LOG.warn("Moved unreadable outbox entry {} to {}: {}", file, DEAD, e.getMessage());
            } catch (IOException moveFailed) {
                done.add(file);
                writeFailures.failed("set aside the unreadable entry " + file.getFileName(), moveFailed);
                LOG.warn("Skipping unreadable outbox entry {} (it is set aside once the disk allows): {}", file,
                        e.getMessage());
            }
            return new Attempt(sink.name(), null, Outcome.DROPPED, "unreadable entry " + file + ": " + e.getMessage());
        }
        Instant now = clock.instant();
        if (entry.nextAttemptAt().isAfter(now)) {
            return null;
        }
        Delivery delivery = sink.send(entry.alert());
        Outcome outcome = outcomeOf(entry, delivery, now);
        if (outcome == Outcome.DELIVERED) {
            finish(file);
            return new Attempt(sink.name(), entry.alert(), Outcome.DELIVERED, "");
        }
        Delivery.Failed failed = (Delivery.Failed) delivery;
        if (outcome == Outcome.DROPPED) {
            try {
                Files.move(file, dir.resolve(DEAD).resolve(sink.name() + "-" + file.getFileName()),
                        StandardCopyOption.REPLACE_EXISTING);
                rescheduled.remove(file);
            } catch (IOException e) {
                finish(file);
            }
            LOG.warn("Dropped alert {} for {} to {} after {} attempts: {}", entry.alert().signature(),
                    entry.alert().target(), sink.name(), entry.attempts() + 1, failed.detail());
            return new Attempt(sink.name(), entry.alert(), Outcome.DROPPED, failed.detail());
        }
        Entry again = retried(entry, failed, now);
        int attempts = again.attempts();
        Instant next = again.nextAttemptAt();
        try {
            write(file, again);
            rescheduled.remove(file);
        } catch (IOException e) {
            rescheduled.put(file, again);
            writeFailures.failed("reschedule " + file.getFileName(), e);
        }
        if (attempts == 1) {
            LOG.warn("Alert delivery to {} failed, retrying with back-off: {}", sink.name(), failed.detail());
        } else {
            LOG.debug("Alert delivery to {} failed again (attempt {}), next at {}: {}", sink.name(), attempts, next,
                    failed.detail());
        }
        return new Attempt(sink.name(), entry.alert(), Outcome.RETRY, failed.detail());
    }

    private static void write(Path file, Entry entry) throws IOException {
        PrivateFiles.replace(file, out -> Json.MAPPER.writeValue(out, entry));
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

}
