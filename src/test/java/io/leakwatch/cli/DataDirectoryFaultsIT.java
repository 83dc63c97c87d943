package io.leakwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.leakwatch.export.PrometheusText;
import io.leakwatch.history.HistoryRetention;
import io.leakwatch.history.HistoryStore;
import io.leakwatch.history.LoadedHistory;
import io.leakwatch.testing.ChildJvm;
import io.leakwatch.testing.Tmpfs;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data directory on a real small tmpfs that fills up and is remounted read-only under a running
 * {@code leakwatch run} process, and a data directory that is read-only from the start. Mounting
 * needs root; where it is not allowed the tests are skipped (they say so).
 */
class DataDirectoryFaultsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    private HttpServer webhook;
    private final List<JsonNode> hooked = new CopyOnWriteArrayList<>();

    @BeforeEach
    void receiver() throws IOException {
        webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        webhook.createContext("/hook", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                hooked.add(JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        webhook.start();
    }

    @AfterEach
    void stopReceiver() {
        webhook.stop(0);
    }

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
        int port = freePort();
        try (fs; ChildJvm leaky = ChildJvm.start(GrowingTarget.class, "300")) {
            Path config = config(fs.path(), leaky.pid(), port);
            Path filler = dir.resolve("data").resolve("filler");
            Process daemon = startDaemon(config);
            try {
                awaitRecords(fs.path(), 3, Duration.ofSeconds(30), daemon);
                long filled = fs.fill(filler);
                LoadedHistory atFull = history(fs.path());
                System.out.printf("DataDirectoryFaultsIT: filled %d bytes after %d history records%n", filled,
                        atFull.records().size());

                // the leak is confirmed and alerted while nothing can be written
                JsonNode alert = awaitHook(Duration.ofSeconds(40), daemon);
                assertThat(alert.path("summary").asText()).contains("(no heap dump: insufficient_space)");
                PrometheusText full = scrape(port);
                double historyFailures = full.value("leakwatch_history_write_failures_total", Map.of("target", "leaky"))
                        .orElse(0.0);
                assertThat(historyFailures).as("history appends refused and counted").isPositive();
                assertThat(full.value("leakwatch_alert_write_failures_total", Map.of("store", "outbox"))).isPresent();
                assertThat(full.value("leakwatch_alert_write_failures_total", Map.of("store", "dedup"))).isPresent();
                assertThat(full.value("leakwatch_leak_state", Map.of("target", "leaky", "type", "heap")))
                        .as("detection went on in memory").contains(2.0);
                LoadedHistory duringFull = history(fs.path());
                assertThat(duringFull.problem()).as("no partial record left behind").isEmpty();
                assertThat(duringFull.records()).startsWith(atFull.records().toArray(new io.leakwatch.history.HistoryRecord[0]));
                assertThat(log()).containsOnlyOnce("Cannot write the history of leaky");

                // space comes back: appends resume, the alert state is written
                Files.delete(filler);
                int before = duringFull.records().size();
                awaitRecords(fs.path(), before + 3, Duration.ofSeconds(20), daemon);
                // the alert state is saved again by the next delivery round (every 10 s)
                awaitContent(fs.path().resolve("alerts/dedup.json"), alert.path("signature").asText(), Duration.ofSeconds(15));
                awaitContent(fs.path().resolve("alerts/leaks.json"), alert.path("signature").asText(), Duration.ofSeconds(15));
                assertThat(log()).contains("History of leaky is written again");
                PrometheusText back = scrape(port);
                assertThat(back.value("leakwatch_history_write_failures_total", Map.of("target", "leaky")))
                        .as("no more failures once there is space").contains(
                                scrape(port).value("leakwatch_history_write_failures_total", Map.of("target", "leaky")).orElseThrow());

                // read-only remount while running: the same, then back to read-write
                fs.readOnly(true);
                double okBefore = back.value("leakwatch_samples_total", Map.of("target", "leaky", "outcome", "ok")).orElseThrow();
                Thread.sleep(4000);
                PrometheusText ro = scrape(port);
                assertThat(ro.value("leakwatch_history_write_failures_total", Map.of("target", "leaky")).orElseThrow())
                        .as("read-only appends counted").isGreaterThan(historyFailures);
                assertThat(ro.value("leakwatch_samples_total", Map.of("target", "leaky", "outcome", "ok")).orElseThrow())
                        .as("sampling goes on").isGreaterThan(okBefore + 2);
                int readOnlyRecords = history(fs.path()).records().size();
                fs.readOnly(false);
                awaitRecords(fs.path(), readOnlyRecords + 3, Duration.ofSeconds(20), daemon);
                assertThat(daemon.isAlive()).isTrue();
                assertThat(repeatedWhileFiring()).as("each leak alerted once, delivered from memory while the outbox"
                        + " could not be written").isEmpty();
            } finally {
                daemon.destroy();
                if (!daemon.waitFor(20, TimeUnit.SECONDS)) {
                    daemon.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
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

    private Path config(Path data, long pid, int port) throws IOException {
        Path file = dir.resolve("leakwatch.yml");
        Files.writeString(file, """
                dataDir: %s
                http: {port: %d}
                detection:
                  warmUp: 4s
                  minSamples: 6
                  minSpan: 8s
                  sawtoothPeriod: 2s
                  maxSamples: 60
                  maxAge: 2m
                  confirmAfter: 3
                capture:
                  quota: 1GiB
                  minInterval: 1h
                  keepDumps: none
                  freeSpaceReserve: 1MiB
                alerts:
                  webhook: http://127.0.0.1:%d/hook
                  repeatInterval: 1h
                  growthFactor: 1000
                targets:
                  - name: leaky
                    pid: %d
                    interval: 1s
                """.formatted(data, port, webhook.getAddress().getPort(), pid));
        return file;
    }

    private Process startDaemon(Path config) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", "--config", config.toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("daemon.log").toFile()).start();
    }

    private static LoadedHistory history(Path data) throws IOException {
        Path copy = Files.createTempDirectory("history-copy");
        Files.createDirectory(copy.resolve("history"));
        Path file = new HistoryStore(data, HistoryRetention.defaults(), Clock.systemUTC()).fileOf("leaky");
        if (Files.exists(file)) {
            Files.copy(file, copy.resolve("history").resolve(file.getFileName()));
        }
        return new HistoryStore(copy, HistoryRetention.defaults(), Clock.systemUTC()).load("leaky");
    }

    private void awaitRecords(Path data, int count, Duration timeout, Process daemon) throws Exception {
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
                + "\n" + log());
    }

    /** Firing alerts for a signature that was firing already (not resolved in between). */
    private List<String> repeatedWhileFiring() {
        java.util.Set<String> firing = new java.util.HashSet<>();
        List<String> repeated = new java.util.ArrayList<>();
        for (JsonNode a : hooked) {
            String signature = a.path("signature").asText();
            if (a.path("state").asText().equals("resolved")) {
                firing.remove(signature);
            } else if (!firing.add(signature)) {
                repeated.add(signature + " at " + a.path("time").asText());
            }
        }
        return repeated;
    }

    private void awaitContent(Path file, String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.readString(file).contains(text)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(file + " does not hold " + text + " within " + timeout + "\n" + log());
    }

    private JsonNode awaitHook(Duration timeout, Process daemon) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && daemon.isAlive()) {
            if (!hooked.isEmpty()) {
                return hooked.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no webhook alert within " + timeout + "\n" + log());
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("daemon.log"));
        } catch (IOException e) {
            return "daemon.log: " + e.getMessage();
        }
    }

    private static PrometheusText scrape(int port) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return PrometheusText.parse(r.body());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
