package io.leakwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leakwatch.alert.RealAlertmanager;
import io.leakwatch.attach.AttachTargetSamplerFactory;
import io.leakwatch.attach.SessionProgram;
import io.leakwatch.capture.CaptureRecord;
import io.leakwatch.capture.CaptureStore;
import io.leakwatch.config.ConfigReader;
import io.leakwatch.config.LeakwatchConfig;
import io.leakwatch.demo.LeakyService;
import io.leakwatch.export.PrometheusText;
import io.leakwatch.testing.ChildJvm;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise end to end, every part real: a leaking JVM (the demo's LeakyService: listeners never
 * removed, closed sessions marked) and a JVM whose cache warms up to a bound are sampled by the
 * daemon as {@code run} wires it, from a real config file, at a one-second interval with detection
 * shrunk to seconds. The leak is confirmed, dumped through the attach connection, analyzed by our
 * HPROF engine, and alerted to a real Alertmanager and a webhook with the chain that names the
 * field holding the listeners; the cache never alerts. The capture guards hold on the way, and
 * marker methods in the config make the daemon load the marker agent into an unchanged application.
 */
class LeakToAlertIT {

    private static final String CULPRIT = "via LeakyService$PriceFeed.listeners   <-- culprit";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private RealAlertmanager alertmanager;
    private WebhookRecorder hook;

    @BeforeEach
    void receivers() throws Exception {
        alertmanager = RealAlertmanager.start(Files.createDirectories(dir.resolve("alertmanager")));
        hook = new WebhookRecorder();
    }

    @AfterEach
    void stopReceivers() {
        hook.close();
        alertmanager.close();
    }

    @Test
    void leakIsConfirmedCapturedExplainedAndAlertedTheCacheIsNot() throws Exception {
        try (ChildJvm leaky = ChildJvm.start(LeakyService.class, "200", "512");
             ChildJvm steady = ChildJvm.start(WarmingCache.class, "3000")) {
            // closed sessions count as leaked only after 30 s: the growth is confirmed first
            LeakwatchConfig config = config("10m", "1MiB", "30s", leaky.pid(), steady.pid());
            long start = System.nanoTime();
            try (Running daemon = Running.start(config)) {
                JsonNode explained = hook.await(a -> a.path("target").asText().equals("leaky")
                        && a.path("topChains").asText().contains(CULPRIT), Duration.ofSeconds(90));
                long toAlert = (System.nanoTime() - start) / 1_000_000;
                System.out.printf("LeakToAlertIT: first alert with the chain after %d ms: %s%n", toAlert,
                        explained.path("summary").asText());
                assertThat(explained.path("state").asText()).isEqualTo("firing");
                assertThat(explained.at("/labels/kind").asText()).as("triggered by growth").endsWith("_growth");
                assertThat(explained.path("summary").asText()).contains("held by LeakyService$PriceFeed.listeners")
                        .contains(" grows ");
                assertThat(explained.path("topChains").asText())
                        .contains("-> io.leakwatch.demo.LeakyService$PriceFeed  via LeakyService.FEED");
                assertThat(explained.path("reportUrl").asText()).startsWith("http://127.0.0.1:").endsWith("/report.html");

                // the same chain reached the real Alertmanager, which now holds the alert
                JsonNode inAlertmanager = awaitAlertmanager(a -> a.at("/labels/target").asText().equals("leaky")
                        && a.at("/annotations/description").asText().contains(CULPRIT), Duration.ofSeconds(20));
                assertThat(inAlertmanager.at("/labels/alertname").asText()).isEqualTo("LeakWatchLeak");
                assertThat(inAlertmanager.at("/labels/signature").asText())
                        .isEqualTo(explained.path("signature").asText());

                // the marked sessions confirmed later sit under the alerted holder (the first capture
                // analysed the marked objects alive then): filed under that leak, no second alert, and
                // no second dump within the 10-minute rate limit
                JsonNode marker = LeakStateFile.awaitFiled(dir.resolve("data"), "leaky", "marker:quote-session",
                        Duration.ofSeconds(60), () -> true, () -> hook.summary().toString());
                System.out.printf("LeakToAlertIT: marker leak filed under the alerted leak after %d ms%n",
                        (System.nanoTime() - start) / 1_000_000);
                assertThat(marker.findValuesAsText("signature")).as(marker.toString())
                        .containsOnly(explained.path("signature").asText());
                assertThat(hook.received()).as(hook.summary().toString())
                        .allMatch(a -> a.path("signature").asText().equals(explained.path("signature").asText()));
                PrometheusText m = daemon.scrape();
                assertThat(m.value("leakwatch_captures_total", Map.of("target", "leaky", "outcome", "captured")))
                        .contains(1.0);
                List<CaptureRecord> records = new CaptureStore(config.capture().directory()).list().records();
                assertThat(records).hasSize(1);
                assertThat(records.get(0).outcome()).isEqualTo(CaptureRecord.CAPTURED);
                assertThat(records.get(0).files()).extracting(CaptureRecord.CapturedFile::name)
                        .containsExactlyInAnyOrder("report.html", "report.json", "report.txt");
                double disk = m.value("leakwatch_capture_disk_bytes", Map.of()).orElseThrow();
                assertThat(disk).as("reports on disk, the dump deleted (keepDumps: none)").isPositive()
                        .isLessThan(m.value("leakwatch_capture_quota_bytes", Map.of()).orElseThrow());
                assertThat(m.value("leakwatch_alerts_total", Map.of("sink", "alertmanager", "outcome", "delivered"))
                        .orElse(0.0)).isGreaterThanOrEqualTo(1.0);
                assertThat(m.value("leakwatch_alerts_total", Map.of("sink", "webhook", "outcome", "delivered"))
                        .orElse(0.0)).isGreaterThanOrEqualTo(1.0);
                assertThat(m.value("leakwatch_leak_state", Map.of("target", "leaky", "type", "heap"))).contains(2.0);

                // the cache that warmed up was watched as long, and judged, without an alert
                double steadyOk = m.value("leakwatch_samples_total", Map.of("target", "steady", "outcome", "ok")).orElse(0.0);
                assertThat(steadyOk).as("steady samples").isGreaterThanOrEqualTo(12);
                assertThat(m.all("leakwatch_leak_state", Map.of("target", "steady")))
                        .as("steady series judged").isNotEmpty()
                        .allSatisfy(s -> assertThat(s.value()).as(s.labels().toString()).isLessThan(2));
                assertThat(hook.received()).noneMatch(a -> a.path("target").asText().equals("steady"));
                assertThat(alertmanagerAlerts()).noneMatch(a -> a.at("/labels/target").asText().equals("steady"));
            }
        }
    }

    @Test
    void captureWithTooLittleFreeSpaceFailsCleanlyAndStillAlerts() throws Exception {
        try (ChildJvm leaky = ChildJvm.start(LeakyService.class, "200", "512")) {
            // a reserve no disk has: the real free-space check on the capture directory's file system refuses
            LeakwatchConfig config = config("10m", "1000000TB", "3s", leaky.pid(), 0);
            try (Running daemon = Running.start(config)) {
                JsonNode alert = hook.await(a -> a.path("target").asText().equals("leaky"), Duration.ofSeconds(60));
                assertThat(alert.path("summary").asText()).contains("(no heap dump: insufficient_space)");
                assertThat(alert.path("topChains").asText()).isEmpty();
                PrometheusText m = daemon.scrape();
                assertThat(m.value("leakwatch_captures_total", Map.of("target", "leaky", "outcome", "insufficient_space")))
                        .contains(1.0);
                // every outcome is exported from the first scrape, at 0 until it happens
                assertThat(m.value("leakwatch_captures_total", Map.of("target", "leaky", "outcome", "captured"))).contains(0.0);
                try (Stream<Path> left = Files.walk(config.capture().directory())) {
                    assertThat(left.filter(p -> !p.equals(config.capture().directory())).toList())
                            .as("nothing left in the capture directory").isEmpty();
                }
                assertThat(m.value("leakwatch_capture_disk_bytes", Map.of())).contains(0.0);
            }
        }
    }

    @Test
    void configuredMarkerMethodsLoadTheAgentAndExplainTheSurvivors() throws Exception {
        // an application that knows nothing of LeakWatch: only its own classes on the class path
        try (ChildJvm app = ChildJvm.builder(SessionProgram.class)
                .classpath(Path.of("target", "test-classes").toAbsolutePath().toString()).start()) {
            Path file = dir.resolve("markers.yml");
            Files.writeString(file, """
                    dataDir: %s
                    http: {port: 0}
                    capture: {keepDumps: none, freeSpaceReserve: 1MiB}
                    alerts:
                      webhook: %s
                    targets:
                      - name: sessions
                        pid: %d
                        interval: 1s
                        markers:
                          grace: 2s
                          methods:
                            - {method: '%s#close', label: session}
                    """.formatted(dir.resolve("data"), hook.url(), app.pid(),
                    SessionProgram.Session.class.getName()));
            LeakwatchConfig config = new ConfigReader().read(file);
            long start = System.nanoTime();
            try (Running daemon = Running.start(config)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                JsonNode alert = null;
                while (alert == null && System.nanoTime() < deadline) {
                    send(app, "cycle 20 5");
                    alert = hook.received().stream().filter(a -> a.path("topChains").asText().contains("<-- culprit"))
                            .findFirst().orElse(null);
                    Thread.sleep(500);
                }
                assertThat(alert).as("marker alert with a chain; received " + hook.received()).isNotNull();
                System.out.printf("LeakToAlertIT: marker alert after %d ms: %s%n", (System.nanoTime() - start) / 1_000_000,
                        alert.path("summary").asText());
                assertThat(alert.path("summary").asText())
                        .contains("marked \"session\" (" + SessionProgram.Session.class.getName() + ") held by SessionProgram.LEAKED");
                assertThat(alert.path("topChains").asText()).contains("via SessionProgram.LEAKED   <-- culprit");
                assertThat(alert.at("/labels/kind").asText()).isEqualTo("marker");
            }
        }
    }

    private static void send(ChildJvm target, String command) throws Exception {
        var in = target.process().getOutputStream();
        in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        target.awaitLine("ok " + command.split(" ")[0], Duration.ofSeconds(10));
    }

    private LeakwatchConfig config(String minInterval, String reserve, String grace, long leakyPid, long steadyPid)
            throws Exception {
        String steady = steadyPid == 0 ? "" : """
                  - name: steady
                    pid: %d
                    interval: 1s
                """.formatted(steadyPid);
        Path file = dir.resolve("leakwatch.yml");
        Files.writeString(file, """
                dataDir: %s
                http: {port: 0}
                %s
                capture:
                  quota: 1GiB
                  minInterval: %s
                  keepDumps: none
                  freeSpaceReserve: %s
                  dumpTimeout: 60s
                alerts:
                  alertmanager: %s
                  webhook: %s
                  repeatInterval: 1h
                targets:
                  - name: leaky
                    pid: %d
                    interval: 1s
                    markers: {grace: %s}
                %s""".formatted(dir.resolve("data"), RunProcess.FAST_DETECTION, minInterval, reserve, alertmanager.baseUrl(),
                hook.url(), leakyPid, grace, steady));
        return new ConfigReader().read(file);
    }

    /** The daemon and its pipeline as {@code run} builds them. */
    private record Running(PrometheusMeterRegistry registry, LeakPipeline pipeline, Daemon daemon) implements AutoCloseable {
        static Running start(LeakwatchConfig config) throws Exception {
            Clock clock = Clock.systemUTC();
            PrometheusMeterRegistry registry = Daemon.newRegistry();
            AttachTargetSamplerFactory attach = new AttachTargetSamplerFactory(clock);
            LeakPipeline pipeline = LeakPipeline.open(config, attach, registry, clock, List.of(), Duration.ofSeconds(1));
            Daemon daemon = Daemon.start(config, attach, clock, registry, SampleConsumers.forRun(pipeline));
            pipeline.reportLinks(daemon.reportsUrl());
            return new Running(registry, pipeline, daemon);
        }

        PrometheusText scrape() {
            return PrometheusText.parse(registry.scrape());
        }

        @Override
        public void close() {
            daemon.close();
            pipeline.close();
        }
    }

    private JsonNode awaitAlertmanager(Predicate<JsonNode> wanted, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<JsonNode> last = List.of();
        while (System.nanoTime() < deadline) {
            last = alertmanagerAlerts();
            for (JsonNode a : last) {
                if (wanted.test(a)) {
                    return a;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no such alert in Alertmanager within " + timeout + "; it holds: " + last);
    }

    private List<JsonNode> alertmanagerAlerts() throws Exception {
        var response = alertmanager.get("/api/v2/alerts");
        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> alerts = new ArrayList<>();
        JSON.readTree(response.body()).forEach(alerts::add);
        return alerts;
    }
}
