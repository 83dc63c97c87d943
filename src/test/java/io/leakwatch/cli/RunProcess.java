package io.leakwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.export.PrometheusText;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test helper: the real daemon as a child process ({@code io.leakwatch.cli.Main run --config FILE}
 * on the test class path), its output in a log file. {@link #kill()} is SIGKILL, {@link #close()}
 * SIGTERM (then SIGKILL).
 */
final class RunProcess implements AutoCloseable {

    /**
     * The {@code detection} section the daemon tests share: shrunk to seconds, so that a target
     * sampled every second and growing steadily is confirmed while the test waits.
     */
    static final String FAST_DETECTION = """
            detection:
              warmUp: 4s
              minSamples: 6
              minSpan: 8s
              sawtoothPeriod: 2s
              maxSamples: 60
              maxAge: 2m
              confirmAfter: 3
              minTypeBytesPerHour: 64MiB
            # time runs compressed here (hours of detection in seconds): a histogram every round, as before budgets.
            # A type's byte rate is compressed too (256 KiB/h at 900 times is 225 MiB/h; 64 MiB/h, 18 KiB/s, stays
            # below every leak here): unscaled, the reflection accessors the JVM generates for our own polling
            # (about 20 KiB once) and Flight Recorder's share in a type confirmed as leaks on a steady target.
            sampling:
              pauseBudget: 1""";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path log;

    private RunProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code leakwatch run --config config} in {@code workDir}, logging to {@code workDir/logName}. */
    static RunProcess start(Path workDir, Path config, String logName) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = workDir.resolve(logName);
        Process p = new ProcessBuilder(java, "-Xmx384m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", "--config", config.toString())
                .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new RunProcess(p, log);
    }

    /** A free port on the loopback interface for {@code http.port}. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The daemon's /metrics on {@code port}. */
    static PrometheusText scrape(int port) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return PrometheusText.parse(r.body());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, and waits; returns the exit code (137). */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the daemon survived SIGKILL for 10 s");
        }
        return process.exitValue();
    }

    /** The whole output so far. */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return log + ": " + e.getMessage();
        }
    }

    /** The last 40 lines of output, for failure messages. */
    String tail() {
        List<String> lines = log().lines().toList();
        return log.getFileName() + " (alive=" + process.isAlive() + "):\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
