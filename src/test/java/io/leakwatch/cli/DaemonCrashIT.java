package io.leakwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leakwatch.capture.CaptureRecord;
import io.leakwatch.capture.CaptureStore;
import io.leakwatch.export.PrometheusText;
import io.leakwatch.history.HistoryRecord;
import io.leakwatch.history.HistoryRetention;
import io.leakwatch.history.HistoryStore;
import io.leakwatch.history.LoadedHistory;
import io.leakwatch.testing.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon itself killed with SIGKILL in the middle of a heap-dump capture and started again on
 * the same config and data directory. Everything is real: the {@code leakwatch run} process, the
 * leaking JVM (the demo's LeakyService: listeners never removed, closed sessions marked), the dump,
 * the analysis, and a webhook receiver on a local HTTP server.
 *
 * <p>The growth leak is confirmed, captured and alerted first; then the test starts a second leak in
 * the same JVM (another type in another holder, which the first capture cannot explain), whose
 * confirmation starts a second capture, during which the daemon is killed while the target writes
 * the dump. (Earlier this waited for whatever confirmed next: the watcher's own Flight Recorder
 * step or the reflection accessors its polling makes the JVM generate, both gone or levelled now.)
 * The restarted daemon resumes that response with a capture of its own and is killed while it
 * analyses the complete dump. After the second restart the history holds every record written
 * before the kills, both interrupted captures are cleaned up, the response is finished by a new
 * capture, and no signature alerts a second time although the restarted daemons find the alerted
 * leak again and it keeps growing. (One sequence covers both phases: the leaks and their
 * confirmations take a minute to set up.)
 */
class DaemonCrashIT {

    @TempDir
    Path dir;

    /** When the daemon is killed: while the target writes the dump, or while the daemon analyses it. */
    enum Phase {
        /** A capture directory without its record. */
        DUMP,
        /** A capture directory with the complete dump ({@code heap.hprof}, renamed) but no record yet. */
        ANALYSIS
    }

    @Test
    void killedMidDumpThenMidAnalysisTheRestartedDaemonKeepsHistoryCleansUpAndDoesNotAlertAgain() throws Exception {
        Path secondLeak = dir.resolve("start-second-leak");
        try (ChildJvm leaky = ChildJvm.start(LeakyServiceWithSecondLeak.class, "400", "512", secondLeak.toString());
             WebhookRecorder hook = new WebhookRecorder()) {
            int port = RunProcess.freePort();
            Path config = writeConfig(leaky.pid(), port, hook.url());
            Path data = dir.resolve("data");
            Path captures = data.resolve("captures");
            long start = System.nanoTime();

            String killedInDump;
            JsonNode growth;
            try (RunProcess first = RunProcess.start(dir, config, "daemon-1.log")) {
                growth = hook.await(a -> a.path("state").asText().equals("firing")
                        && a.at("/labels/kind").asText().endsWith("_growth")
                        && !a.path("topChains").asText().isEmpty(), Duration.ofSeconds(60), first::isAlive, first::tail);
                System.out.printf("DaemonCrashIT: growth alert after %d ms: %s%n", millisSince(start),
                        growth.path("signature").asText());
                Files.createFile(secondLeak);
                killedInDump = killMidCapture(first, captures, Phase.DUMP, "", start);
            }
            LoadedHistory atFirstKill = historyCopy(data, dir.resolve("history-at-kill-1"));
            assertThat(atFirstKill.problem()).isEmpty();
            assertThat(atFirstKill.records()).as("samples recorded before the kill").hasSizeGreaterThan(10);
            String grownSummary = hook.received().stream().filter(a -> a.at("/labels/kind").asText().endsWith("_growth"))
                    .findFirst().orElseThrow().path("summary").asText();
            Matcher holder = Pattern.compile("held by (\\S+)").matcher(grownSummary);
            assertThat(holder.find()).as(grownSummary).isTrue();

            // the restarted daemon resumes the response the kill cut off, and is killed again while it
            // analyses that capture's complete dump
            String killedInAnalysis;
            try (RunProcess second = RunProcess.start(dir, config, "daemon-2.log")) {
                killedInAnalysis = killMidCapture(second, captures, Phase.ANALYSIS, killedInDump, start);
            }
            LoadedHistory atSecondKill = historyCopy(data, dir.resolve("history-at-kill-2"));
            assertThat(atSecondKill.problem()).isEmpty();
            assertThat(atSecondKill.records().subList(0, atFirstKill.records().size()))
                    .as("every record written before the first kill survives the second").isEqualTo(atFirstKill.records());

            try (RunProcess third = RunProcess.start(dir, config, "daemon-3.log")) {
                // the response both kills interrupted is finished, and the marked sessions that outlive their
                // grace are filed under the alerted leak (same holder, same signature), not alerted apart
                awaitCapturedAfter(captures, killedInAnalysis, Duration.ofSeconds(30), third);
                JsonNode markerNotices = LeakStateFile.awaitFiled(data, "leaky", "marker:quote-session", Duration.ofSeconds(40),
                        third::isAlive, third::tail);
                assertThat(markerNotices.findValuesAsText("signature")).as(markerNotices.toString())
                        .containsOnly(growth.path("signature").asText());
                System.out.printf("DaemonCrashIT: marked survivors filed under the alerted leak and a capture finished "
                        + "after the restarts, %d ms; %s%n", millisSince(start), third.log().lines()
                                .filter(l -> l.contains("Resuming the response")).findFirst().orElse("nothing resumed"));
                PrometheusText m1 = RunProcess.scrape(port);
                Thread.sleep(6000);
                PrometheusText m2 = RunProcess.scrape(port);
                Map<String, String> ok = Map.of("target", "leaky", "outcome", "ok");
                assertThat(m2.value("leakwatch_samples_total", ok).orElse(0.0)).as("sampling continues after the restart")
                        .isGreaterThan(m1.value("leakwatch_samples_total", ok).orElse(0.0));
                assertThat(m2.value("leakwatch_leak_state", Map.of("target", "leaky", "type", "heap")))
                        .as("the growth leak is still known as confirmed (re-seeded from the history)").contains(2.0);
                assertThat(m2.value("leakwatch_history_write_failures_total", Map.of("target", "leaky"))).contains(0.0);

                List<CaptureRecord> records = new CaptureStore(captures).list().records();
                System.out.printf("DaemonCrashIT: captures %s%n", records.stream().map(r -> r.id() + "=" + r.outcome()).toList());
                for (String killed : List.of(killedInDump, killedInAnalysis)) {
                    assertThat(records).extracting(CaptureRecord::id).doesNotContain(killed);
                    assertThat(captures.resolve(killed)).as("the interrupted capture was cleaned up").doesNotExist();
                }
                assertThat(leftovers(data)).as("no partial files and no capture without its record").isEmpty();

                // every signature fired once: the restarted daemons found the alerted leak again and kept quiet
                assertThat(hook.repeatedWhileFiring()).as("alerts received: " + hook.summary()).isEmpty();
                assertThat(hook.received()).as("nothing resolved: the leaks are still there")
                        .noneMatch(a -> a.path("state").asText().equals("resolved"));
                // nothing fired twice (above), and the capture after the restarts found the alerted holder again;
                // among its findings, not necessarily first: a dump taken while the listener list copies its
                // array finds the newest listeners through that copy on the requests thread's stack
                List<CaptureRecord> all = new CaptureStore(captures).list().records();
                String alertedHolder = holder.group(1).replaceAll(",$", "");
                assertThat(Files.readString(captures.resolve(all.get(all.size() - 1).id()).resolve("report.txt")))
                        .as("the capture after the restarts found the alerted leak again").contains(alertedHolder);
            }

            LoadedHistory after = new HistoryStore(data, HistoryRetention.defaults(), Clock.systemUTC()).load("leaky");
            assertThat(after.problem()).as("history sound after the restart").isEmpty();
            List<HistoryRecord> kept = after.records().subList(0, atSecondKill.records().size());
            assertThat(kept).as("every record written before the kills is still there").isEqualTo(atSecondKill.records());
            assertThat(after.records().size()).as("and the restarted daemon appended").isGreaterThan(atSecondKill.records().size() + 5);
            try (Stream<Path> files = Files.list(data.resolve("history"))) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .as("no damage set aside: the kill cut no record").noneMatch(n -> n.contains(".corrupt-"));
            }
            System.out.printf("DaemonCrashIT: %d history records at the second kill, %d at the end; %d webhook calls; %d ms%n",
                    atSecondKill.records().size(), after.records().size(), hook.received().size(), millisSince(start));
        }
    }

    private Path writeConfig(long pid, int port, String webhook) throws IOException {
        Path file = dir.resolve("leakwatch.yml");
        Files.writeString(file, """
                dataDir: %s
                http: {port: %d}
                %s
                capture:
                  quota: 1GiB
                  minInterval: 2s
                  keepDumps: none
                  freeSpaceReserve: 1MiB
                  dumpTimeout: 60s
                alerts:
                  webhook: %s
                  repeatInterval: 1h
                  growthFactor: 1000
                targets:
                  - name: leaky
                    pid: %d
                    interval: 1s
                    markers: {grace: 25s}
                """.formatted(dir.resolve("data"), port, RunProcess.FAST_DETECTION, webhook, pid));
        return file;
    }

    /** Kills {@code daemon} with SIGKILL in {@code phase} of a capture other than {@code earlier}; its id. */
    private static String killMidCapture(RunProcess daemon, Path captures, Phase phase, String earlier, long start)
            throws Exception {
        String killedIn = awaitCaptureInProgress(captures, phase, earlier, Duration.ofSeconds(60), daemon);
        assertThat(daemon.kill()).as("killed by SIGKILL").isEqualTo(128 + 9);
        try (Stream<Path> files = Files.list(captures.resolve(killedIn))) {
            System.out.printf("DaemonCrashIT: SIGKILL in the %s phase of capture %s after %d ms; it held %s%n",
                    phase, killedIn, millisSince(start), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertThat(captures.resolve(killedIn).resolve(CaptureStore.RECORD_FILE)).as("the capture really was cut off")
                .doesNotExist();
        return killedIn;
    }

    /**
     * Polls the capture root for a capture directory without its record (one in progress) in
     * {@code phase}, other than {@code earlier} (what an earlier kill left, until the daemon cleans it up).
     */
    private static String awaitCaptureInProgress(Path captures, Phase phase, String earlier, Duration timeout,
                                                 RunProcess daemon) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && daemon.isAlive()) {
            try (Stream<Path> dirs = Files.list(captures)) {
                Optional<Path> busy = dirs.filter(Files::isDirectory)
                        .filter(d -> !d.getFileName().toString().equals(earlier))
                        .filter(d -> !Files.exists(d.resolve(CaptureStore.RECORD_FILE)))
                        .filter(d -> phase == Phase.DUMP || Files.exists(d.resolve("heap.hprof"))).findFirst();
                if (busy.isPresent()) {
                    return busy.get().getFileName().toString();
                }
            } catch (IOException e) {
                // a directory vanished while listed: look again
            }
            Thread.sleep(2);
        }
        throw new AssertionError("no capture in the " + phase + " phase within " + timeout + "\n" + daemon.tail());
    }

    /** Waits for a completed capture newer than the one that was killed. */
    private static void awaitCapturedAfter(Path captures, String killed, Duration timeout, RunProcess daemon) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && daemon.isAlive()) {
            if (new CaptureStore(captures).list().records().stream()
                    .anyMatch(r -> r.outcome().equals(CaptureRecord.CAPTURED) && r.id().compareTo(killed) > 0)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no capture finished after the restart within " + timeout + "\n" + daemon.tail());
    }

    /** Partial files, and capture directories without their record. */
    private static List<Path> leftovers(Path data) throws IOException {
        List<Path> bad = new ArrayList<>();
        try (Stream<Path> all = Files.walk(data)) {
            all.filter(p -> p.getFileName().toString().contains(".partial")).forEach(bad::add);
        }
        try (Stream<Path> dirs = Files.list(data.resolve("captures"))) {
            dirs.filter(d -> !Files.exists(d.resolve(CaptureStore.RECORD_FILE))).forEach(bad::add);
        }
        return bad;
    }

    /** The history as it was at the kill, loaded from a copy (loading the original could repair it). */
    private static LoadedHistory historyCopy(Path data, Path to) throws IOException {
        Files.createDirectories(to.resolve("history"));
        try (Stream<Path> files = Files.list(data.resolve("history"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, to.resolve("history").resolve(f.getFileName()));
            }
        }
        return new HistoryStore(to, HistoryRetention.defaults(), Clock.systemUTC()).load("leaky");
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
