package io.leakwatch.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The real LeakWatch daemon as a child process ({@code io.leakwatch.cli.Main run --config FILE}
 * on the test classpath), watching target JVMs by pid every second, capturing and analyzing a heap
 * dump when it confirms a leak, serving /metrics on a free loopback port.
 */
final class DaemonProcess implements AutoCloseable {

    private final LocalProcess process;
    private final int port;

    private DaemonProcess(LocalProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The config's {@code export.topN}: small, so that the bound on per-type families is seen at work. */
    static final int TOP_N = 8;
    /** The config's one {@code export.allow} entry, in Java form. */
    static final String ALLOWED = "java.lang.Thread";

    /** @param targets target name to pid, in config order */
    static DaemonProcess start(Path workDir, Map<String, Long> targets) throws IOException, InterruptedException {
        int port = LocalProcess.freePort();
        Path config = workDir.resolve("leakwatch.yml");
        StringBuilder targetLines = new StringBuilder();
        targets.forEach((name, pid) -> targetLines.append("""
                  - name: %s
                    pid: %d
                    interval: 1s
                    attachTimeout: 10s
                    callTimeout: 10s
                    markers:
                      grace: 2s
                """.formatted(name, pid)));
        Files.writeString(config, """
                dataDir: %s
                http:
                  address: 127.0.0.1
                  port: %d
                export:
                  topN: %d
                  include: []
                  exclude: []
                  allow: ["%s"]
                # detection shrunk from hours to seconds so a leak is confirmed within the test
                detection:
                  warmUp: 5s
                  minSamples: 6
                  minSpan: 10s
                  sawtoothPeriod: 3s
                  maxSamples: 120
                  maxAge: 5m
                  confirmAfter: 3
                # one dump per target for the whole test, analysed and deleted; the targets' heaps
                # are small so the analysis fits in this daemon's heap
                capture:
                  enabled: true
                  directory: captures
                  quota: 1GiB
                  minInterval: 1h
                  keepDumps: none
                  freeSpaceReserve: 64MiB
                  dumpTimeout: 2m
                sampling: {pauseBudget: 0.5}   # time is compressed in this test like detection
                targets:
                %s""".formatted(Files.createDirectories(workDir.resolve("leakwatch-data")), port, TOP_N, ALLOWED,
                targetLines));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        LocalProcess p = LocalProcess.start("leakwatch", workDir, List.of(java, "-Xmx512m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), "io.leakwatch.cli.Main", "run", "--config", config.toString()));
        DaemonProcess daemon = new DaemonProcess(p, port);
        Waits.until("daemon serves /metrics with leakwatch_up", Duration.ofSeconds(90), p,
                () -> daemon.scrape().contains("leakwatch_up{"));
        return daemon;
    }

    String hostPort() {
        return "127.0.0.1:" + port;
    }

    /** The /metrics text, or "" when it does not answer 200. */
    String scrape() throws InterruptedException {
        HttpJson.Response r = HttpJson.get("http://" + hostPort() + "/metrics");
        return r.status() == 200 ? r.body() : "";
    }

    /** Names of the series families the daemon exports now (as Prometheus stores them). */
    Set<String> exportedMetricNames() throws InterruptedException {
        Set<String> names = new TreeSet<>();
        for (String line : scrape().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            names.add(line.substring(0, end));
        }
        return names;
    }

    LocalProcess process() {
        return process;
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
