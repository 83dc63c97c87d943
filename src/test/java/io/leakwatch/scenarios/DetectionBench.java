package io.leakwatch.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.leakwatch.cli.InProcessDaemon;
import io.leakwatch.config.ConfigReader;
import io.leakwatch.config.LeakwatchConfig;
import io.leakwatch.testing.ChildJvm;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a {@link Suite}: its scenarios in batches of {@code parallel}, each batch watched by one
 * daemon wired as {@code run} wires it (sampler, detection, history, capture on the HPROF engine,
 * alerts to a webhook this class serves), one target per scenario, every {@code interval}.
 */
public final class DetectionBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MARKED = Pattern.compile("via (\\S+)\\s+<-- culprit");
    /** How long a detected leak may take to be dumped, analyzed and alerted after its batch ends. */
    private static final Duration ALERT_GRACE = Duration.ofSeconds(90);

    private final Suite suite;
    private final Duration interval;
    private final Path workDir;
    private final List<String> jcmdScenarios;
    private final Map<String, List<PauseProbe.Measured>> jcmd = new LinkedHashMap<>();
    private Path seriesDir;

    /**
     * @param jcmdScenarios scenarios whose JVM also gets {@code jcmd GC.class_histogram} after its
     *                      batch, to compare that pause with the samples'
     */
    public DetectionBench(Suite suite, Duration interval, Path workDir, List<String> jcmdScenarios) {
        this.suite = suite;
        this.interval = interval;
        this.workDir = workDir;
        this.jcmdScenarios = List.copyOf(jcmdScenarios);
    }

    /** Also writes each scenario's series (sample time, then bytes per kept type) as CSV into {@code dir}. */
    public DetectionBench writingSeriesTo(Path dir) {
        this.seriesDir = dir;
        return this;
    }

    public List<ScenarioResult> run() throws Exception {
        List<ScenarioResult> results = new ArrayList<>();
        List<Scenario> all = suite.scenarios();
        for (int i = 0; i < all.size(); i += suite.parallel()) {
            results.addAll(batch(i / suite.parallel(), all.subList(i, Math.min(all.size(), i + suite.parallel()))));
        }
        return results;
    }

    /** jcmd's pauses per scenario measured so far. */
    public Map<String, List<PauseProbe.Measured>> jcmdPauses() {
        return jcmd;
    }

    private List<ScenarioResult> batch(int number, List<Scenario> scenarios) throws Exception {
        List<JsonNode> alerts = new CopyOnWriteArrayList<>();
        HttpServer webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        webhook.createContext("/hook", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                alerts.add(JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        webhook.start();
        List<ChildJvm> jvms = new ArrayList<>();
        Map<String, Instant> ready = new LinkedHashMap<>();
        try {
            for (Scenario s : scenarios) {
                jvms.add(ChildJvm.builder(s.program()).jvmOptions(s.jvmOptions().toArray(String[]::new))
                        .args(s.args().toArray(String[]::new)).start());
                ready.put(s.name(), Instant.now());
            }
            Watch watch = new Watch();
            LeakwatchConfig config = config(workDir.resolve("batch-" + number), scenarios, jvms, webhook);
            InProcessDaemon daemon = InProcessDaemon.start(config, List.of(watch));
            try {
                watch.bind(daemon.registry());
                Thread.sleep(suite.runFor().toMillis());
                awaitChains(scenarios, watch, alerts);
            } finally {
                daemon.close(Duration.ofSeconds(30));
            }
            for (int i = 0; i < scenarios.size(); i++) {
                if (jcmdScenarios.contains(scenarios.get(i).name())) {
                    jcmd.put(scenarios.get(i).name(), PauseProbe.jcmdHistogram(jvms.get(i).pid(), 3));
                }
            }
            List<ScenarioResult> results = new ArrayList<>();
            for (Scenario s : scenarios) {
                results.add(result(s, ready.get(s.name()), watch.track(s.name()), alerts));
                if (seriesDir != null) {
                    writeSeries(seriesDir.resolve(s.name() + ".csv"), watch.track(s.name()));
                }
            }
            return results;
        } finally {
            for (ChildJvm jvm : jvms) {
                jvm.close();
            }
            webhook.stop(0);
        }
    }

    /** Waits a while for the alerts of leaks already confirmed: their capture may still run. */
    private void awaitChains(List<Scenario> scenarios, Watch watch, List<JsonNode> alerts) throws InterruptedException {
        long deadline = System.nanoTime() + ALERT_GRACE.toNanos();
        while (System.nanoTime() < deadline) {
            boolean waiting = false;
            for (Scenario s : scenarios) {
                Watch.Track t = watch.track(s.name());
                boolean confirmed;
                synchronized (t) {
                    confirmed = !t.confirmations.isEmpty();
                }
                waiting |= confirmed && topChain(s.name(), alerts).isEmpty();
            }
            if (!waiting) {
                return;
            }
            Thread.sleep(500);
        }
    }

    private static ScenarioResult result(Scenario s, Instant readyAt, Watch.Track t, List<JsonNode> alerts) {
        synchronized (t) {
            Instant onset = readyAt.plusSeconds(s.onsetSecs());
            int falseAlerts = 0;
            Watch.Confirmation first = null;
            List<String> falseSeries = new ArrayList<>();
            for (Watch.Confirmation c : t.confirmations) {
                if (!s.leak() || c.takenAt().isBefore(onset)) {
                    falseAlerts++;
                    falseSeries.add(describe(c, t));
                } else if (first == null) {
                    first = c;
                }
            }
            Duration delay = null;
            int delaySamples = 0;
            if (first != null) {
                delay = Duration.between(onset, first.takenAt());
                for (int i = 0; i < first.sample(); i++) {
                    delaySamples += t.takenAt.get(i).isBefore(onset) ? 0 : 1;
                }
            }
            String chain = topChain(s.name(), alerts);
            Matcher m = MARKED.matcher(chain);
            String marked = m.find() ? m.group(1) : "";
            boolean names = s.leak() && Pattern.compile("via " + Pattern.quote(s.culprit()) + "(\\s|$)",
                    Pattern.MULTILINE).matcher(chain).find();
            return new ScenarioResult(s, t.takenAt.size(), t.failures, first != null, delay, delaySamples,
                    first == null ? "" : first.series(), falseAlerts, falseSeries, chain, marked, names, t.pauses);
        }
    }

    /** A false confirmation: the series, the sample that confirmed it, and its KiB up to that sample. */
    private static String describe(Watch.Confirmation c, Watch.Track t) {
        StringBuilder sb = new StringBuilder("`").append(c.series()).append("` confirmed at sample ").append(c.sample())
                .append("; KiB per sample:");
        for (long b : t.series(c.series(), c.sample())) {
            sb.append(' ').append(b >> 10);
        }
        return sb.toString();
    }

    private static void writeSeries(Path file, Watch.Track t) throws java.io.IOException {
        synchronized (t) {
            java.util.SortedSet<String> names = new java.util.TreeSet<>();
            t.bytes.forEach(m -> names.addAll(m.keySet()));
            StringBuilder sb = new StringBuilder("takenAtMillis");
            names.forEach(n -> sb.append(',').append(n));
            sb.append('\n');
            for (int i = 0; i < t.bytes.size(); i++) {
                sb.append(t.takenAt.get(i).toEpochMilli());
                for (String n : names) {
                    sb.append(',').append(t.bytes.get(i).getOrDefault(n, 0L));
                }
                sb.append('\n');
            }
            Files.createDirectories(file.getParent());
            Files.writeString(file, sb);
        }
    }

    private static String topChain(String target, List<JsonNode> alerts) {
        for (JsonNode a : alerts) {
            if (a.path("target").asText().equals(target) && a.path("state").asText().equals("firing")
                    && !a.path("topChains").asText().isEmpty()) {
                return a.path("topChains").asText();
            }
        }
        return "";
    }

    private LeakwatchConfig config(Path dir, List<Scenario> scenarios, List<ChildJvm> jvms, HttpServer webhook)
            throws Exception {
        StringBuilder targets = new StringBuilder();
        for (int i = 0; i < scenarios.size(); i++) {
            targets.append("""
                      - name: %s
                        pid: %d
                        interval: %dms
                    """.formatted(scenarios.get(i).name(), jvms.get(i).pid(), interval.toMillis()));
        }
        Files.createDirectories(dir);
        Path file = dir.resolve("leakwatch.yml");
        Files.writeString(file, """
                dataDir: %s
                http: {port: 0}
                %scapture:
                  quota: 4GiB
                  minInterval: 10m
                  keepDumps: none
                  freeSpaceReserve: 1MiB
                  dumpTimeout: 120s
                alerts:
                  webhook: http://127.0.0.1:%d/hook
                  repeatInterval: 1h
                targets:
                %s""".formatted(dir.resolve("data"), BenchDetection.yaml(interval),
                webhook.getAddress().getPort(), targets));
        return new ConfigReader().read(file);
    }
}
