package io.leakwatch.capture;

import io.leakwatch.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.capture.CaptureOutcome.Captured;
import io.leakwatch.capture.CaptureOutcome.Failed;
import io.leakwatch.testing.ChildJvm;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Captures real heap dumps written by a real target JVM. */
class CaptureServiceIT {

    private static ChildJvm target;
    private static JmxAttach jmx;

    @TempDir
    Path temp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));

    @BeforeAll
    static void startTarget() throws Exception {
        target = ChildJvm.builder(HeapHoldingMain.class).jvmOptions("-Xmx64m", "-XX:+UseSerialGC").args("8").start();
        jmx = JmxAttach.to(target.pid());
    }

    @AfterAll
    static void stopTarget() throws Exception {
        if (jmx != null) {
            jmx.close();
        }
        if (target != null) {
            target.close();
        }
    }

    private CaptureService service(Path root, CapturePolicy policy) throws Exception {
        return CaptureService.open(root, policy, new HeaderCheckingAnalyzer(), new TargetFilesystem(), clock);
    }

    private HeapDumper dumper() throws Exception {
        return new JmxHeapDumper(jmx.connection(), Duration.ofSeconds(30));
    }

    private CaptureRequest request() {
        return new CaptureRequest("orders", target.pid(), List.of("byte[]"), true);
    }

    @Test
    void writesAPrivateDumpAndRecordsIt() throws Exception {
        Path root = temp.resolve("captures");
        CaptureService service = service(root, CapturePolicy.defaults().withKeepDumps(KeepDumps.KEEP));

        CaptureOutcome outcome = service.capture(request(), dumper());

        assertThat(outcome).isInstanceOf(Captured.class);
        CaptureRecord record = ((Captured) outcome).record();
        Path dir = root.resolve(record.id());
        Path dump = dir.resolve("heap.hprof");
        assertThat(mode(root)).isEqualTo("rwx------");
        assertThat(mode(dir)).isEqualTo("rwx------");
        assertThat(mode(dump)).isEqualTo("rw-------");
        assertThat(mode(dir.resolve("report.txt"))).isEqualTo("rw-------");
        assertThat(mode(dir.resolve(CaptureStore.RECORD_FILE))).isEqualTo("rw-------");
        assertThat(header(Files.newInputStream(dump))).isEqualTo(HeaderCheckingAnalyzer.HEADER);
        assertThat(Files.size(dump)).isGreaterThan(8L * 1024 * 1024).isEqualTo(record.dumpBytes());
        assertThat(record.target()).isEqualTo("orders");
        assertThat(record.pid()).isEqualTo(target.pid());
        assertThat(record.triggerTypes()).containsExactly("byte[]");
        assertThat(record.outcome()).isEqualTo(CaptureRecord.CAPTURED);
        assertThat(record.files()).extracting(CaptureRecord.CapturedFile::name)
                .containsExactlyInAnyOrder("heap.hprof", "report.txt", "report.html");
        assertThat(((Captured) outcome).reportPath()).hasValue(record.id() + "/report.html");
        assertThat(new ReportFiles(root).resolve(((Captured) outcome).reportPath().orElseThrow()))
                .isInstanceOf(ReportFiles.Resolution.Found.class);
        assertThat(new ReportFiles(root).resolve(record.id() + "/heap.hprof"))
                .isInstanceOf(ReportFiles.Resolution.Rejected.class);
        assertThat(service.store().list().records()).containsExactly(record);
        assertThat(partials(root)).isEmpty();
    }

    @Test
    void deletesTheDumpAfterAnalysisByDefault() throws Exception {
        Path root = temp.resolve("captures");
        CaptureService service = service(root, CapturePolicy.defaults());

        Captured captured = (Captured) service.capture(request(), dumper());

        Path dir = root.resolve(captured.record().id());
        assertThat(dir.resolve("heap.hprof")).doesNotExist();
        assertThat(dir.resolve("report.txt")).exists();
        assertThat(captured.record().dumpBytes()).isGreaterThan(8L * 1024 * 1024);
        assertThat(captured.record().files()).extracting(CaptureRecord.CapturedFile::name)
                .containsExactly("report.html", "report.txt");
    }

    @Test
    void gzipKeepsACompressedDump() throws Exception {
        Path root = temp.resolve("captures");
        CaptureService service = service(root, CapturePolicy.defaults().withKeepDumps(KeepDumps.GZIP));

        Captured captured = (Captured) service.capture(request(), dumper());

        Path dir = root.resolve(captured.record().id());
        Path gz = dir.resolve("heap.hprof.gz");
        assertThat(dir.resolve("heap.hprof")).doesNotExist();
        assertThat(mode(gz)).isEqualTo("rw-------");
        assertThat(header(new GZIPInputStream(Files.newInputStream(gz)))).isEqualTo(HeaderCheckingAnalyzer.HEADER);
        assertThat(Files.size(gz)).isLessThan(captured.record().dumpBytes());
    }

    @Test
    void rateLimitRefusesASecondCaptureWithinThePeriod() throws Exception {
        Path root = temp.resolve("captures");
        CaptureService service = service(root, CapturePolicy.defaults().withMinInterval(Duration.ofMinutes(30)));

        assertThat(service.capture(request(), dumper())).isInstanceOf(Captured.class);
        clock.advance(Duration.ofMinutes(29));
        CaptureOutcome second = service.capture(request(), dumper());
        assertThat(second).isInstanceOfSatisfying(Failed.class,
                f -> assertThat(f.reason()).isEqualTo(CaptureFailure.RATE_LIMITED));

        CaptureService restarted = service(root, CapturePolicy.defaults().withMinInterval(Duration.ofMinutes(30)));
        assertThat(restarted.capture(request(), dumper())).isInstanceOfSatisfying(Failed.class,
                f -> assertThat(f.reason()).isEqualTo(CaptureFailure.RATE_LIMITED));

        clock.advance(Duration.ofMinutes(2));
        assertThat(restarted.capture(request(), dumper())).isInstanceOf(Captured.class);
        assertThat(restarted.store().list().records()).hasSize(2);
    }

    @Test
    void aRecheckMayComeEarlyOncePerPeriod() throws Exception {
        CaptureService service = service(temp.resolve("captures"),
                CapturePolicy.defaults().withMinInterval(Duration.ofMinutes(30)));

        assertThat(service.capture(request(), dumper())).isInstanceOf(Captured.class);
        clock.advance(Duration.ofMinutes(1));
        assertThat(service.capture(request(), dumper())).as("not a recheck").isInstanceOfSatisfying(Failed.class,
                f -> assertThat(f.reason()).isEqualTo(CaptureFailure.RATE_LIMITED));
        assertThat(service.capture(request(), dumper(), true)).isInstanceOf(Captured.class);
        clock.advance(Duration.ofMinutes(1));
        assertThat(service.capture(request(), dumper(), true)).as("a second recheck within the period")
                .isInstanceOfSatisfying(Failed.class, f -> assertThat(f.reason()).isEqualTo(CaptureFailure.RATE_LIMITED));
        assertThat(service.untilNextCapture("orders")).as("the recheck counts as a capture")
                .isEqualTo(Duration.ofMinutes(29));

        clock.advance(Duration.ofMinutes(29));
        assertThat(service.capture(request(), dumper())).isInstanceOf(Captured.class);
        assertThat(service.store().list().records()).hasSize(3);
    }

    @Test
    void quotaEvictsTheOldestCaptures() throws Exception {
        Path root = temp.resolve("captures");
        CapturePolicy keep = CapturePolicy.defaults().withKeepDumps(KeepDumps.KEEP).withMinInterval(Duration.ZERO);
        Captured first = (Captured) service(root, keep).capture(request(), dumper());
        long size = first.record().totalBytes();

        long quota = size * 5 / 2;
        // A tiny size estimate keeps the pre-dump eviction out of the way (garbage in the used heap
        // would make it vary): what is tested is the eviction once the real dump is in.
        CaptureService service = service(root, keep.withQuotaBytes(quota).withDumpSizeFactor(0.01));
        clock.advance(Duration.ofSeconds(1));
        Captured second = (Captured) service.capture(request(), dumper());
        clock.advance(Duration.ofSeconds(1));
        Captured third = (Captured) service.capture(request(), dumper());

        assertThat(service.store().list().records()).extracting(CaptureRecord::id)
                .containsExactly(second.record().id(), third.record().id());
        assertThat(root.resolve(first.record().id())).doesNotExist();
        assertThat(service.diskBytes()).isEqualTo(SecureFiles.treeBytes(root))
                .isGreaterThan(second.record().dumpBytes()).isLessThanOrEqualTo(quota);
    }

    @Test
    void refusesADumpLargerThanTheWholeQuota() throws Exception {
        Path root = temp.resolve("captures");
        CaptureService service = service(root, CapturePolicy.defaults().withQuotaBytes(1024 * 1024));

        CaptureOutcome outcome = service.capture(request(), dumper());

        assertThat(outcome).isInstanceOfSatisfying(Failed.class,
                f -> assertThat(f.reason()).isEqualTo(CaptureFailure.OVER_QUOTA));
        try (Stream<Path> files = Files.list(root)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void refusesADirectoryOtherUsersCanWrite() throws Exception {
        Path root = temp.resolve("captures");
        CaptureService service = service(root, CapturePolicy.defaults());
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxrwxrwx"));

        CaptureOutcome outcome = service.capture(request(), dumper());

        assertThat(outcome).isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.reason()).isEqualTo(CaptureFailure.UNSAFE_DIRECTORY);
            assertThat(f.detail()).contains("writable by other users");
        });
    }

    @Test
    void startUpRemovesWhatAnInterruptedCaptureLeft() throws Exception {
        Path root = temp.resolve("captures");
        Captured kept = (Captured) service(root, CapturePolicy.defaults()).capture(request(), dumper());
        Path interrupted = Files.createDirectory(root.resolve("orders-20261125T090000Z-1"));
        Files.writeString(interrupted.resolve("heap.partial.hprof"), "JAVA PROFILE");
        Path stray = Files.writeString(root.resolve(kept.record().id()).resolve("heap.hprof.gz.partial"), "x");

        service(root, CapturePolicy.defaults());

        assertThat(interrupted).doesNotExist();
        assertThat(stray).doesNotExist();
        assertThat(root.resolve(kept.record().id()).resolve("report.txt")).exists();
    }

    /**
     * The daemon killed after the dump was complete but before the reports and the record were
     * written: at the next start the capture is deleted (nothing half-done is served or counted),
     * and it does not hold back the capture that finishes the response, while a completed capture
     * still sets the rate limit across the restart.
     */
    @Test
    void aCaptureCutOffDuringTheAnalysisIsRemovedAtStartAndDoesNotCountAgainstTheRateLimit() throws Exception {
        Path root = temp.resolve("captures");
        CapturePolicy policy = CapturePolicy.defaults().withMinInterval(Duration.ofMinutes(30));
        Captured done = (Captured) service(root, policy).capture(request(), dumper());
        clock.advance(Duration.ofMinutes(31));
        Path cut = Files.createDirectory(root.resolve("orders-20261125T103100Z-" + target.pid()));
        assertThat(dumper().dump(cut.resolve("heap.hprof").toString(), Duration.ofSeconds(30)))
                .isInstanceOf(HeapDumper.DumpResult.Written.class);
        Files.writeString(cut.resolve("report.txt.partial"), "ROOT ");
        clock.advance(Duration.ofMinutes(1));

        CaptureService restarted = service(root, policy);

        assertThat(cut).doesNotExist();
        assertThat(restarted.store().list().records()).extracting(CaptureRecord::id).containsExactly(done.record().id());
        assertThat(restarted.diskBytes()).isEqualTo(SecureFiles.treeBytes(root));
        assertThat(restarted.capture(request(), dumper())).isInstanceOf(Captured.class);
        clock.advance(Duration.ofMinutes(1));
        assertThat(service(root, policy).capture(request(), dumper())).as("the finished capture rate-limits after a restart")
                .isInstanceOfSatisfying(Failed.class, f -> assertThat(f.reason()).isEqualTo(CaptureFailure.RATE_LIMITED));
    }

    @Test
    void theTargetsOwnRefusalIsAFailureValueWithItsMessage() throws Exception {
        Path existing = Files.writeString(temp.resolve("exists.hprof"), "x");

        HeapDumper.DumpResult result = dumper().dump(existing.toString(), Duration.ofSeconds(30));

        assertThat(result).isInstanceOfSatisfying(HeapDumper.DumpResult.Failed.class, f -> {
            assertThat(f.reason()).isEqualTo(CaptureFailure.DUMP_FAILED);
            assertThat(f.detail()).contains("File exists");
        });
    }

    static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    static String header(InputStream in) throws Exception {
        try (in) {
            return new String(in.readNBytes(HeaderCheckingAnalyzer.HEADER.length()), StandardCharsets.US_ASCII);
        }
    }

    static List<Path> partials(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().contains(".partial")).toList();
        }
    }
}
