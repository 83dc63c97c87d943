package io.leakwatch.heap;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.capture.CaptureAnalyzer.Request;
import io.leakwatch.capture.CaptureAnalyzer.AnalysisResult;
import io.leakwatch.heap.testapp.SessionLeakApp;
import io.leakwatch.testing.ChildJvm;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analysis in a child JVM, on dumps written by real JVMs: same findings as in process, and a
 * truncated dump, a child short of heap, a timeout and a daemon shutdown all end as a Failed value
 * with no analysis JVM left behind.
 */
class ChildJvmCaptureAnalyzerIT {

    private static final String SESSION = SessionLeakApp.Session.class.getName();
    private static final long MIB = 1024L * 1024;

    @TempDir
    static Path dumps;
    static Path small;
    static Path large;

    @TempDir
    Path dir;

    @BeforeAll
    static void dumpRealJvms() throws Exception {
        small = RealDumps.dump(ChildJvm.currentJava(), SessionLeakApp.class, dumps.resolve("small.hprof"), false, false);
        // 300 000 sessions of ~350 bytes: a ~110 MB dump, whose index needs far more than 8 MB of heap
        large = RealDumps.dump(ChildJvm.currentJava(), SessionLeakApp.class, dumps.resolve("large.hprof"), false, false,
                "300000");
    }

    @AfterEach
    void noAnalysisJvmLeft() throws InterruptedException {
        assertThat(analysisChildren()).as("analysis JVMs still running").isEmpty();
    }

    @Test
    void childFindsWhatTheInProcessAnalyzerFinds() throws Exception {
        Path inProcessDir = Files.createDirectory(dir.resolve("in"));
        Path childDir = Files.createDirectory(dir.resolve("child"));
        AnalysisResult inProcess = new HprofCaptureAnalyzer(3, 50_000).analyze(request(small, inProcessDir));
        AnalysisResult child = analyzer(256 * MIB, Duration.ofMinutes(2)).analyze(request(small, childDir));

        assertThat(inProcess).isInstanceOf(AnalysisResult.Analyzed.class);
        assertThat(child).isInstanceOf(AnalysisResult.Analyzed.class);
        AnalysisResult.Analyzed a = (AnalysisResult.Analyzed) inProcess;
        AnalysisResult.Analyzed c = (AnalysisResult.Analyzed) child;
        assertThat(c.findings()).isNotEmpty().isEqualTo(a.findings());
        assertThat(c.findings().get(0).instances()).isEqualTo(2000);
        assertThat(c.findings().get(0).chains()).contains("SESSIONS");
        assertThat(c.summary()).isEqualTo(a.summary());
        assertThat(c.reports()).extracting(p -> p.getFileName().toString())
                .containsExactly("report.txt", "report.json", "report.html");
        for (Path report : c.reports()) {
            assertThat(report.getParent()).isEqualTo(childDir.toAbsolutePath());
            assertThat(Files.size(report)).isPositive();
            assertThat(Files.readString(report))
                    .isEqualTo(Files.readString(inProcessDir.resolve(report.getFileName())));
        }
        try (var files = Files.list(childDir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("the result file is gone, only the reports stay")
                    .containsExactlyInAnyOrder("report.txt", "report.json", "report.html");
        }
    }

    @Test
    void truncatedDumpFailsWithTheOffset() throws Exception {
        Path cut = dir.resolve("cut.hprof");
        Files.copy(small, cut);
        try (FileChannel ch = FileChannel.open(cut, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() / 2);
        }
        AnalysisResult r = analyzer(256 * MIB, Duration.ofMinutes(2)).analyze(request(cut, dir));
        assertThat(r).isInstanceOf(AnalysisResult.Failed.class);
        assertThat(((AnalysisResult.Failed) r).reason()).contains("cannot analyse " + cut).contains("at byte offset");
    }

    @Test
    void childShortOfHeapFailsNamingTheOutOfMemoryAndTheDaemonCarriesOn() throws Exception {
        AnalysisResult r = analyzer(8 * MIB, Duration.ofMinutes(2)).analyze(request(large, dir));
        assertThat(r).isInstanceOf(AnalysisResult.Failed.class);
        assertThat(((AnalysisResult.Failed) r).reason())
                .contains("ran out of memory with -Xmx8m")
                .contains("exit code 3")
                .contains("capture.analysisHeap")
                .contains("OutOfMemoryError");
        Path again = Files.createDirectory(dir.resolve("again"));
        assertThat(analyzer(256 * MIB, Duration.ofMinutes(2)).analyze(request(small, again)))
                .as("the next analysis, with enough heap, works")
                .isInstanceOf(AnalysisResult.Analyzed.class);
    }

    @Test
    void timeoutKillsAHungChildQuickly() throws Exception {
        ChildJvmCaptureAnalyzer analyzer = analyzer(512 * MIB, Duration.ofSeconds(1));
        long start = System.nanoTime();
        CompletableFuture<AnalysisResult> running = CompletableFuture.supplyAsync(() -> analyzer.analyze(request(large, dir)));
        hang(running);
        AnalysisResult r = running.get(30, TimeUnit.SECONDS);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(r).isInstanceOf(AnalysisResult.Failed.class);
        assertThat(((AnalysisResult.Failed) r).reason()).contains("timed out after PT1S").contains("was killed")
                .contains("capture.analysisTimeout");
        assertThat(tookMs).as("returned soon after the timeout").isLessThan(10_000);
        assertThat(analysisChildren()).isEmpty();
        assertThat(dir.resolve(ChildJvmCaptureAnalyzer.RESULT_FILE)).doesNotExist();
    }

    @Test
    void closeKillsARunningChild() throws Exception {
        ChildJvmCaptureAnalyzer analyzer = analyzer(512 * MIB, Duration.ofMinutes(5));
        CompletableFuture<AnalysisResult> running = CompletableFuture.supplyAsync(() -> analyzer.analyze(request(large, dir)));
        hang(running);
        analyzer.close();
        AnalysisResult r = running.get(15, TimeUnit.SECONDS);
        assertThat(r).isInstanceOf(AnalysisResult.Failed.class);
        assertThat(((AnalysisResult.Failed) r).reason()).contains("the daemon is stopping");
        AnalysisResult after = analyzer.analyze(request(small, dir));
        assertThat(after).as("no child starts after close").isInstanceOf(AnalysisResult.Failed.class);
        assertThat(((AnalysisResult.Failed) after).reason()).contains("no analysis started");
    }

    @Test
    void childExitsWhenTheDaemonDies() throws Exception {
        // a stand-in daemon: a shell that starts the analysis JVM as the analyzer would, then waits
        Path result = dir.resolve("result.json");
        Process daemon = new ProcessBuilder("sh", "-c", "\"$0\" -Xmx256m -XX:+UseSerialGC -cp \"$1\" "
                + AnalysisChildMain.class.getName() + " $$ \"$2\" \"$3\" \"$4\" 3 0 false " + SESSION + " & read line",
                ChildJvm.currentJava().toString(), System.getProperty("java.class.path"), result.toString(),
                large.toString(), dir.toString()).redirectErrorStream(true).start();
        try {
            ProcessHandle child = stopAnalysisChild(() -> !daemon.isAlive());
            daemon.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            signal("CONT", child);
            child.onExit().get(30, TimeUnit.SECONDS);
            assertThat(child.isAlive()).isFalse();
            assertThat(result).as("exited before finishing the analysis for nobody").doesNotExist();
        } finally {
            daemon.destroyForcibly();
        }
    }

    /**
     * Stops (SIGSTOP) the analysis JVM as soon as it appears, as a JVM wedged in a long GC or on a
     * hung mount would stop: the engine indexes even the 110 MB dump here within about a second, so
     * no dump small enough for a test outlasts a timeout on its own. The child needs a JVM start
     * and that index before it could finish; the poll below stops it within tens of milliseconds.
     */
    private static void hang(CompletableFuture<AnalysisResult> running) throws Exception {
        stopAnalysisChild(running::isDone);
        assertThat(running).as("still analysing when stopped").isNotDone();
    }

    private static ProcessHandle stopAnalysisChild(BooleanSupplier gaveUp) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<ProcessHandle> children = List.of();
        while (children.isEmpty() && !gaveUp.getAsBoolean() && System.nanoTime() < deadline) {
            children = ProcessHandle.current().descendants().filter(ChildJvmCaptureAnalyzerIT::runsAnalysis).toList();
        }
        assertThat(children).as("an analysis JVM started and still runs").hasSize(1);
        signal("STOP", children.get(0));
        return children.get(0);
    }

    private static void signal(String name, ProcessHandle p) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -" + name).isTrue();
    }

    private static ChildJvmCaptureAnalyzer analyzer(long heap, Duration timeout) {
        return new ChildJvmCaptureAnalyzer(3, 50_000, heap, timeout);
    }

    private static Request request(Path dump, Path reports) {
        return new Request(dump, List.of(SESSION), false, reports);
    }

    /** Live descendants of this JVM that run the analysis main class. */
    private static List<ProcessHandle> analysisChildren() throws InterruptedException {
        Thread.sleep(50);
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(ChildJvmCaptureAnalyzerIT::runsAnalysis)
                .toList();
    }

    /** From /proc: ProcessHandle.Info leaves out a command line as long as the test class path. */
    private static boolean runsAnalysis(ProcessHandle p) {
        try {
            List<String> argv = List.of(new String(Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline")))
                    .split("\0"));
            // a JVM running the main class, not a shell whose script names it
            return argv.get(0).endsWith("java") && argv.contains(AnalysisChildMain.class.getName());
        } catch (IOException e) {
            return false;
        }
    }
}
