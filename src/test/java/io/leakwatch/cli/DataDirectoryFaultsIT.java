package io.leakwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.leakwatch.export.PrometheusText;
import io.leakwatch.history.HistoryRetention;
import io.leakwatch.history.HistoryStore;
import io.leakwatch.history.LoadedHistory;
import io.leakwatch.testing.ChildJvm;
import io.leakwatch.testing.Tmpfs;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data directory on a real small tmpfs that fills up and is remounted read-only under a running
 * {@code leakwatch run} process, and a data directory that is read-only from the start. Mounting
 * needs root; where it is not allowed the tests are skipped (they say so).
 */
class DataDirectoryFaultsIT {

    @TempDir
    Path dir;

    @Test
    void aReadOnlyDataDirectoryIsRefusedAtStartNamingThePath() throws Exception {
        Tmpfs fs = Tmpfs.mountOrNull(dir.resolve("ro"), 4);
        assumeTrue(fs != null, "mount -t tmpfs is not allowed here (needs root)");
        try (fs) {
            Path existing = fs.path().resolve("data");
            for (Path d : List.of(existing, existing.resolve("history"), existing.resolve("alerts"), existing.resolve("captures"))) {
                Files.createDirectory(d, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            fs.readOnly(true);

            Run refused = run(config(existing, 9));
            assertThat(refused.code()).as(refused.err()).isEqualTo(Main.EXIT_USAGE);
            assertThat(refused.err()).contains("data directory " + existing.resolve("history")
                    + " is not writable (Read-only file system)").contains("remount it read-write");

            Path missing = fs.path().resolve("data2");
            Run notCreated = run(config(missing, 9));
            assertThat(notCreated.code()).as(notCreated.err()).isEqualTo(Main.EXIT_USAGE);
            assertThat(notCreated.err()).contains("data directory " + missing + " cannot be created (Read-only file system)");
            fs.readOnly(false);
        }
    }

    @Test
    void aFullDiskAndAReadOnlyRemountUnderTheRunningDaemonAreReportedAndOutlived() throws Exception {
        Tmpfs fs = Tmpfs.mountOrNull(dir.resolve("data"), 8);
        assumeTrue(fs != null, "mount -t tmpfs is not allowed here (needs root)");
        int port = RunProcess.freePort();
        Map<String, String> leaky = Map.of("target", "leaky");
        try (fs; ChildJvm target = ChildJvm.start(GrowingTarget.class, "300"); WebhookRecorder hook = new WebhookRecorder()) {
            Path config = config(fs.path(), target.pid(), port, hook.url());
            Path filler = fs.path().resolve("filler");
            try (RunProcess daemon = RunProcess.start(dir, config, "daemon.log")) {
                awaitRecords(fs.path(), 3, Duration.ofSeconds(30), daemon);
                assertThat(RunProcess.scrape(port).value("leakwatch_history_write_failures_total", leaky))
                        .as("counted from 0").contains(0.0);
                long filled = fs.fill(filler);
                LoadedHistory atFull = history(fs.path());
                System.out.printf("DataDirectoryFaultsIT: filled %d bytes after %d history records%n", filled,
                        atFull.records().size());

                // the leak is confirmed and alerted while nothing can be written
                JsonNode alert = hook.await(a -> true, Duration.ofSeconds(40), daemon::isAlive, daemon::tail);
                assertThat(alert.path("summary").asText()).contains("(no heap dump: insufficient_space)");
                PrometheusText full = RunProcess.scrape(port);
                double historyFailures = full.value("leakwatch_history_write_failures_total", leaky).orElse(0.0);
                assertThat(historyFailures).as("history appends refused and counted").isPositive();
                assertThat(full.value("leakwatch_alert_write_failures_total", Map.of("store", "outbox")).orElseThrow()).isPositive();
                assertThat(full.value("leakwatch_alert_write_failures_total", Map.of("store", "dedup")).orElseThrow()).isPositive();
                // a growing type may confirm (and alert) a few samples before the heap does
                assertThat(awaitHeapConfirmed(port, Duration.ofSeconds(30)))
                        .as("detection went on in memory").contains(2.0);
                LoadedHistory duringFull = history(fs.path());
                assertThat(duringFull.problem()).as("no partial record left behind").isEmpty();
                assertThat(duringFull.records().subList(0, atFull.records().size())).isEqualTo(atFull.records());
                assertThat(daemon.log()).containsOnlyOnce("Cannot write the history of leaky");

                // space comes back: appends resume, the alert state is written by the next delivery round (every 10 s)
                Files.delete(filler);
                awaitRecords(fs.path(), duringFull.records().size() + 3, Duration.ofSeconds(20), daemon);
                awaitContent(fs.path().resolve("alerts/dedup.json"), alert.path("signature").asText(), Duration.ofSeconds(15), daemon);
                awaitContent(fs.path().resolve("alerts/leaks.json"), alert.path("signature").asText(), Duration.ofSeconds(15), daemon);
                assertThat(daemon.log()).contains("History of leaky is written again");
                double afterFull = RunProcess.scrape(port).value("leakwatch_history_write_failures_total", leaky).orElseThrow();
                Thread.sleep(2000);
                assertThat(RunProcess.scrape(port).value("leakwatch_history_write_failures_total", leaky))
                        .as("no more failures once there is space").contains(afterFull);

                // read-only remount while running: the same, then back to read-write
                fs.readOnly(true);
                Map<String, String> ok = Map.of("target", "leaky", "outcome", "ok");
                double okBefore = RunProcess.scrape(port).value("leakwatch_samples_total", ok).orElseThrow();
                Thread.sleep(4000);
                PrometheusText ro = RunProcess.scrape(port);
                assertThat(ro.value("leakwatch_history_write_failures_total", leaky).orElseThrow())
                        .as("read-only appends counted").isGreaterThan(afterFull);
                assertThat(ro.value("leakwatch_samples_total", ok).orElseThrow()).as("sampling goes on")
                        .isGreaterThan(okBefore + 2);
                int readOnlyRecords = history(fs.path()).records().size();
                fs.readOnly(false);
                awaitRecords(fs.path(), readOnlyRecords + 3, Duration.ofSeconds(20), daemon);
                assertThat(daemon.isAlive()).isTrue();
                assertThat(hook.repeatedWhileFiring()).as("each leak alerted once, delivered from memory while the outbox"
                        + " could not be written: " + hook.summary()).isEmpty();
            } finally {
                Files.deleteIfExists(filler);
            }
            LoadedHistory end = history(fs.path());
            assertThat(end.problem()).isEmpty();
            try (Stream<Path> files = Files.walk(fs.path())) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .noneMatch(n -> n.contains(".corrupt-") || n.endsWith(".tmp") || n.contains(".partial"));
            }
            System.out.printf("DataDirectoryFaultsIT: %d history records at the end%n", end.records().size());
        }
    }

    private record Run(int code, String err) {
    }

    private static Run run(Path config) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), "run", "--config", config.toString());
        return new Run(code, err.toString());
    }

    private Path config(Path data, long pid) throws IOException {
        Path file = dir.resolve("refused.yml");
        Files.writeString(file, """
                dataDir: %s
                http: {port: 0}
                targets:
                  - name: leaky
                    pid: %d
                """.formatted(data, pid));
        return file;
    }

    private Path config(Path data, long pid, int port, String webhook) throws IOException {
        Path file = dir.resolve("leakwatch.yml");
        Files.writeString(file, """
                dataDir: %s
                http: {port: %d}
                %s
                capture:
                  quota: 1GiB
                  minInterval: 1h
                  keepDumps: none
                  freeSpaceReserve: 1MiB
                alerts:
                  webhook: %s
                  repeatInterval: 1h
                  growthFactor: 1000
                targets:
                  - name: leaky
                    pid: %d
                    interval: 1s
                """.formatted(data, port, RunProcess.FAST_DETECTION, webhook, pid));
        return file;
    }

    /** The history file as a restarted daemon would load it, read from a copy (loading repairs the original). */
    private LoadedHistory history(Path data) throws IOException {
        Path copy = Files.createTempDirectory(dir, "history-copy");
        Files.createDirectory(copy.resolve("history"));
        Path file = new HistoryStore(data, HistoryRetention.defaults(), Clock.systemUTC()).fileOf("leaky");
        if (Files.exists(file)) {
            Files.copy(file, copy.resolve("history").resolve(file.getFileName()));
        }
        return new HistoryStore(copy, HistoryRetention.defaults(), Clock.systemUTC()).load("leaky");
    }

    private void awaitRecords(Path data, int count, Duration timeout, RunProcess daemon) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        while (System.nanoTime() < deadline && daemon.isAlive()) {
            seen = history(data).records().size();
            if (seen >= count) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("history of leaky reached " + seen + " records, not " + count + " within " + timeout
                + "\n" + daemon.tail());
    }

    /** The heap's leak state of target leaky once it is confirmed (2), or as it is at the timeout. */
    private static Optional<Double> awaitHeapConfirmed(int port, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<Double> state = Optional.empty();
        while (System.nanoTime() < deadline) {
            state = RunProcess.scrape(port).value("leakwatch_leak_state", Map.of("target", "leaky", "type", "heap"));
            if (state.isPresent() && state.get() == 2.0) {
                break;
            }
            Thread.sleep(500);
        }
        return state;
    }

    private static void awaitContent(Path file, String text, Duration timeout, RunProcess daemon) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.readString(file).contains(text)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(file + " does not hold " + text + " within " + timeout + "\n" + daemon.tail());
    }
}
