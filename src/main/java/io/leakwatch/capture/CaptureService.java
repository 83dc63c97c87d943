package io.leakwatch.capture;

import io.leakwatch.capture.CaptureRecord.CapturedFile;
import io.leakwatch.capture.CaptureAnalyzer.Request;
import io.leakwatch.capture.CaptureAnalyzer.AnalysisResult;
import io.leakwatch.capture.HeapDumper.DumpResult;
import io.leakwatch.capture.HeapDumper.HeapFacts;
import io.leakwatch.capture.TargetFilesystem.TargetView;
import io.leakwatch.files.FileStamps;
import io.leakwatch.model.CaptureContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captures a heap dump of a target confirmed as leaking: guards (rate limit, private directory,
 * quota, free space), dump, analysis and reports, then the capture record. Captures run one at a
 * time for the whole host: two concurrent dumps would double the pause and the disk peak.
 */
public final class CaptureService {

    private static final Logger LOG = LoggerFactory.getLogger(CaptureService.class);

    private final CaptureDirectory directory;
    private final CapturePolicy policy;
    private final CaptureAnalyzer analyzer;
    private final TargetFilesystem filesystems;
    private final Clock clock;
    private final Map<String, Instant> lastAttempt = new HashMap<>();
    /** Per target, when the rate limit last let a recheck through early. Memory only. */
    private final Map<String, Instant> lastRecheck = new HashMap<>();
    private volatile long diskBytes;

    private CaptureService(CaptureDirectory directory, CapturePolicy policy, CaptureAnalyzer analyzer,
            TargetFilesystem filesystems, Clock clock, Map<String, Instant> lastAttempt) {
        this.directory = directory;
        this.policy = policy;
        this.analyzer = analyzer;
        this.filesystems = filesystems;
        this.clock = clock;
        this.lastAttempt.putAll(lastAttempt);
    }

    /**
     * Opens the capture root (created 0700 when missing), removes what an interrupted capture left
     * (partial files, directories without a record) and restores the rate limit from the records.
     */
    public static CaptureService open(Path captureRoot, CapturePolicy policy, CaptureAnalyzer analyzer,
            TargetFilesystem filesystems, Clock clock) throws IOException {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(analyzer, "analyzer");
        Objects.requireNonNull(filesystems, "filesystems");
        Objects.requireNonNull(clock, "clock");
        CaptureDirectory directory = CaptureDirectory.open(captureRoot);
        Map<String, Instant> last = new HashMap<>();
        for (CaptureRecord record : directory.store().list().records()) {
            last.merge(record.target(), record.time(), (a, b) -> a.isAfter(b) ? a : b);
        }
        CaptureService service = new CaptureService(directory, policy, analyzer, filesystems, clock, last);
        service.refreshDiskBytes();
        return service;
    }

    /** The records of the captures under the root. */
    public CaptureStore store() {
        return directory.store();
    }

    public CapturePolicy policy() {
        return policy;
    }

    /**
     * Bytes the captures used on disk after the last capture (or at open), without touching the
     * disk: safe for a gauge callback ({@code leakwatch_capture_disk_bytes}).
     */
    public long diskBytes() {
        return diskBytes;
    }

    /** How long until the rate limit allows the next capture of {@code target} (zero when it does now). */
    public synchronized Duration untilNextCapture(String target) {
        Instant last = lastAttempt.get(target);
        if (last == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), last.plus(policy.minInterval()));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Captures, analyses and records a dump of {@code request}'s target through {@code dumper}. */
    public CaptureOutcome capture(CaptureRequest request, HeapDumper dumper) {
        return capture(request, dumper, false);
    }

    /**
     * As {@link #capture(CaptureRequest, HeapDumper)}; with {@code recheck}, a capture that checks
     * again what the last one could not explain may come before {@code minInterval} has passed, once
     * per {@code minInterval} per target (so at most two dumps per period). Every other guard holds.
     */
    public synchronized CaptureOutcome capture(CaptureRequest request, HeapDumper dumper, boolean recheck) {
        try {
            return guardAndCapture(request, dumper, recheck);
        } finally {
            refreshDiskBytes();
        }
    }

    private void refreshDiskBytes() {
        try {
            diskBytes = directory.usedBytes();
        } catch (IOException e) {
            LOG.debug("Could not measure the capture directory {}: {}", directory.root(), e.toString());
        }
    }

    private CaptureOutcome guardAndCapture(CaptureRequest request, HeapDumper dumper, boolean recheck) {
        Instant now = clock.instant();
        Instant last = lastAttempt.get(request.target());
        Instant lastEarly = lastRecheck.get(request.target());
        boolean early = recheck && (lastEarly == null || !now.isBefore(lastEarly.plus(policy.minInterval())));
        if (last != null && now.isBefore(last.plus(policy.minInterval())) && !early) {
            return refuse(request, CaptureFailure.RATE_LIMITED, "last capture of " + request.target() + " at " + last
                    + "; the next is allowed from " + last.plus(policy.minInterval()));
        }
        try {
            Optional<String> unsafe = directory.unsafeReason();
            if (unsafe.isPresent()) {
                return refuse(request, CaptureFailure.UNSAFE_DIRECTORY, unsafe.get());
            }
            HeapFacts facts;
            TargetView view;
            try {
                facts = dumper.facts();
                view = filesystems.view(request.pid());
            } catch (NoSuchFileException e) {
                return refuse(request, CaptureFailure.TARGET_GONE, "process " + request.pid() + " does not exist");
            } catch (IOException e) {
                return refuse(request, CaptureFailure.TARGET_GONE, "the target did not answer: " + e.getMessage());
            }
            long expected = policy.expectedDumpBytes(facts.usedHeapBytes());
            if (expected > policy.quotaBytes()) {
                return refuse(request, CaptureFailure.OVER_QUOTA, "expected dump of " + expected
                        + " bytes exceeds the whole capture quota of " + policy.quotaBytes() + " bytes");
            }
            List<String> evicted = directory.evictFor(expected, policy.quotaBytes(), null);
            if (!evicted.isEmpty()) {
                LOG.info("Deleted captures {} to keep within the quota of {} bytes", evicted, policy.quotaBytes());
            }
            Optional<String> noSpace = freeSpaceProblem(directory.root(), expected);
            if (noSpace.isEmpty() && !view.writesDirectly()) {
                noSpace = freeSpaceProblem(view.daemonPath(facts.tempDirectory()), expected);
            }
            if (noSpace.isPresent()) {
                return refuse(request, CaptureFailure.INSUFFICIENT_SPACE, noSpace.get());
            }
            if (last != null && now.isBefore(last.plus(policy.minInterval()))) {
                lastRecheck.put(request.target(), now);
            }
            lastAttempt.put(request.target(), now);
            String id = newId(request, now);
            Path dir = directory.create(id);
            try {
                return dumpAndAnalyze(request, dumper, view, facts, id, dir, now);
            } catch (IOException e) {
                // Leave nothing half-done behind: no record, no dump, no partial report.
                SecureFiles.deleteTree(dir);
                throw e;
            }
        } catch (IOException e) {
            return refuse(request, CaptureFailure.IO_ERROR, e.toString());
        }
    }

    private CaptureOutcome dumpAndAnalyze(CaptureRequest request, HeapDumper dumper, TargetView view,
            HeapFacts facts, String id, Path dir, Instant now) throws IOException {
        DumpPlacement placement = DumpPlacement.of(view, facts.tempDirectory(), id, dir);
        LOG.info("Capturing a heap dump of {} (pid {}) to {}", request.target(), request.pid(), placement.targetPath());
        DumpResult result = dumper.dump(placement.targetPath(), policy.dumpTimeout());
        if (result instanceof DumpResult.Failed failed) {
            CaptureFailure reason = failed.reason() == CaptureFailure.DUMP_FAILED && nearlyFull(placement.written())
                    ? CaptureFailure.DISK_FULL : failed.reason();
            placement.discard();
            if (reason == CaptureFailure.TIMEOUT) {
                // The target may still start or finish writing after we gave up: without its
                // directory that late write fails instead of leaving a file nobody owns.
                SecureFiles.deleteTree(dir);
                return refuse(request, reason, failed.detail());
            }
            return fail(request, id, now, reason, failed.detail(), 0);
        }
        Path dump = placement.dump();
        try {
            placement.moveIntoPlace();
        } catch (IOException e) {
            placement.discard();
            CaptureFailure reason = String.valueOf(e.getMessage()).contains("No space left")
                    ? CaptureFailure.DISK_FULL : CaptureFailure.IO_ERROR;
            return fail(request, id, now, reason, "moving the dump failed: " + e, 0);
        }
        long dumpBytes = Files.size(dump);
        if (dumpBytes > policy.quotaBytes()) {
            Files.delete(dump);
            return fail(request, id, now, CaptureFailure.OVER_QUOTA, "the dump of " + dumpBytes
                    + " bytes exceeds the whole capture quota of " + policy.quotaBytes() + " bytes", dumpBytes);
        }
        directory.evictFor(0, policy.quotaBytes(), id);
        AnalysisResult analysis = analyze(new Request(dump, request.growingTypes(), request.includeMarkers(), dir,
                new CaptureContext(request.target(), now, request.trend())));
        SecureFiles.restrictTree(dir);
        try {
            DumpRetention.apply(policy.keepDumps(), dump);
        } catch (IOException e) {
            return fail(request, id, now, CaptureFailure.IO_ERROR, "applying keepDumps=" + policy.keepDumps()
                    + " failed, the dump is kept as written: " + e, dumpBytes);
        }
        if (analysis instanceof AnalysisResult.Analyzed analyzed) {
            CaptureRecord record = record(request, id, now, CaptureRecord.CAPTURED, analyzed.summary(), dumpBytes, dir);
            directory.store().write(record);
            LOG.info("Captured {}: {}", id, analyzed.summary());
            return new CaptureOutcome.Captured(record, analyzed);
        }
        String reason = ((AnalysisResult.Failed) analysis).reason();
        return fail(request, id, now, CaptureFailure.ANALYSIS_FAILED, reason, dumpBytes);
    }

    private AnalysisResult analyze(Request request) {
        try {
            return analyzer.analyze(request);
        } catch (RuntimeException e) {
            // The port promises failures as values; a bug in an analyzer must still not lose the capture.
            LOG.error("The analyser threw on {}", request.dump(), e);
            return new AnalysisResult.Failed("the analyser failed: " + e);
        }
    }

    private CaptureOutcome fail(CaptureRequest request, String id, Instant now, CaptureFailure reason,
            String detail, long dumpBytes) throws IOException {
        Path dir = directory.root().resolve(id);
        directory.store().write(record(request, id, now, reason.label(), detail, dumpBytes, dir));
        LOG.warn("Capture {} of {} failed ({}): {}", id, request.target(), reason.label(), detail);
        return new CaptureOutcome.Failed(request.target(), reason, detail);
    }

    private static CaptureOutcome refuse(CaptureRequest request, CaptureFailure reason, String detail) {
        LOG.warn("No capture of {} ({}): {}", request.target(), reason.label(), detail);
        return new CaptureOutcome.Failed(request.target(), reason, detail);
    }

    private static CaptureRecord record(CaptureRequest request, String id, Instant now, String outcome,
            String detail, long dumpBytes, Path dir) throws IOException {
        List<CapturedFile> files = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted()::iterator) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                        && !p.getFileName().toString().startsWith(CaptureStore.RECORD_FILE)) {
                    files.add(new CapturedFile(dir.relativize(p).toString(), Files.size(p)));
                }
            }
        }
        return new CaptureRecord(id, request.target(), request.pid(), now, request.growingTypes(), outcome, detail,
                dumpBytes, files);
    }

    private Optional<String> freeSpaceProblem(Path where, long expected) throws IOException {
        long usable = Files.getFileStore(where).getUsableSpace();
        long needed = expected + policy.freeSpaceReserveBytes();
        if (usable < needed) {
            return Optional.of("expected dump of " + expected + " bytes plus the reserve of "
                    + policy.freeSpaceReserveBytes() + " bytes needs " + needed + " bytes free in " + where
                    + ", only " + usable + " are");
        }
        return Optional.empty();
    }

    /** The target's message for a failed write is not always specific; a full file system is. */
    private static boolean nearlyFull(Path written) {
        try {
            return Files.getFileStore(written.getParent()).getUsableSpace() < 1024 * 1024;
        } catch (IOException e) {
            return false;
        }
    }

    private String newId(CaptureRequest request, Instant now) {
        String base = request.target().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + FileStamps.format(now) + "-"
                + request.pid();
        String id = base;
        for (int n = 2; Files.exists(directory.root().resolve(id), LinkOption.NOFOLLOW_LINKS); n++) {
            id = base + "-" + n;
        }
        return id;
    }
}
