package io.leakwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.attach.AttachTargetSamplerFactory;
import io.leakwatch.attach.targets.CommandTarget;
import io.leakwatch.config.ConfigReader;
import io.leakwatch.config.LeakwatchConfig;
import io.leakwatch.export.PrometheusText;
import io.leakwatch.schedule.SampleLogListener;
import io.leakwatch.testing.ChildJvm;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon as {@code run} wires it (real config file, Quartz, attach sampler, HTTP server on an
 * ephemeral port) watching two real JVMs; everything checked by scraping /metrics over HTTP.
 */
class DaemonIT {

    private static final String GROWN = GrowingTarget.Grown.class.getName();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void watchesTwoJvmsReportsGrowthAHangAndADeath(@TempDir Path dir) throws Exception {
        try (ChildJvm grower = ChildJvm.start(GrowingTarget.class, "200");
             ChildJvm steady = ChildJvm.start(CommandTarget.class, "0", "markers")) {
            Path file = dir.resolve("leakwatch.yml");
            Files.writeString(file, """
                    dataDir: %s
                    http: {address: 127.0.0.1, port: 0}
                    export:
                      topN: 5
                      allow: ['%s']
                    sampling: {pauseBudget: 0.5}   # time is compressed in this test like detection
                    targets:
                      - name: grower
                        pid: %d
                        interval: 1s
                      - name: steady
                        pid: %d
                        interval: 1s
                        attachTimeout: 2s
                        callTimeout: 3s
                    """.formatted(dir.resolve("data"), GROWN, grower.pid(), steady.pid()));
            LeakwatchConfig config = new ConfigReader().read(file);
            Clock clock = Clock.systemUTC();
            try (Daemon daemon = Daemon.start(config, new AttachTargetSamplerFactory(clock), clock,
                    Daemon.newRegistry(), List.of(new SampleLogListener()))) {
                URI metrics = URI.create(daemon.metricsUrl());
                assertThat(daemon.metricsUrl()).startsWith("http://127.0.0.1:");

                PrometheusText first = await(metrics, m -> ok(m, "grower") >= 2 && ok(m, "steady") >= 2, Duration.ofSeconds(60));
                assertDocumentedSeries(first, grower.pid());
                // steady speaks the marker MBean contract with fixed figures: 3 "session" survivors, oldest 1.5 s
                assertThat(first.value("leakwatch_marker_survivors", Map.of("target", "steady", "label", "session"))).contains(3.0);
                assertThat(first.value("leakwatch_marker_oldest_age_seconds", Map.of("target", "steady", "label", "session")))
                        .contains(1.5);
                assertThat(first.all("leakwatch_marker_survivors", Map.of("target", "grower"))).as("no marker MBean").isEmpty();
                double grownBefore = grown(first, grower.pid());
                PrometheusText later = await(metrics, m -> ok(m, "grower") >= ok(first, "grower") + 3, Duration.ofSeconds(30));
                assertThat(grown(later, grower.pid())).as("instances of the growing type").isGreaterThan(grownBefore);

                // A hung target (SIGSTOP) times out and misses fires; the other stays on schedule.
                steady.suspend();
                double growerOkAtHang = ok(scrape(metrics), "grower");
                Thread.sleep(6_000);
                PrometheusText hung = await(metrics, m -> failures(m, "steady") >= 1, Duration.ofSeconds(20));
                assertThat(ok(hung, "grower") - growerOkAtHang).as("grower samples while steady hung (1 s interval)")
                        .isGreaterThanOrEqualTo(4);
                assertThat(hung.value("leakwatch_up", Map.of("target", "steady"))).contains(0.0);
                assertThat(hung.value("leakwatch_samples_total", Map.of("target", "steady", "outcome", "timeout"))).isPresent();
                assertThat(hung.value("leakwatch_sample_misfires_total", Map.of("target", "steady")).orElseThrow())
                        .as("fires skipped while a hung sample ran").isGreaterThanOrEqualTo(1);

                // A dead target is reported; its per-JVM series go; the other keeps being sampled.
                steady.kill();
                PrometheusText dead = await(metrics, m -> notFound(m, "steady") >= 1, Duration.ofSeconds(20));
                double growerOkAtDeath = ok(dead, "grower");
                assertThat(dead.value("leakwatch_up", Map.of("target", "steady"))).contains(0.0);
                assertThat(dead.value("leakwatch_up", Map.of("target", "grower"))).contains(1.0);
                assertThat(dead.all("leakwatch_live_heap_bytes", Map.of("target", "steady"))).isEmpty();
                assertThat(dead.all("leakwatch_type_instances", Map.of("target", "steady"))).isEmpty();
                assertThat(dead.all("leakwatch_marker_survivors", Map.of("target", "steady"))).isEmpty();
                Thread.sleep(4_000);
                PrometheusText after = scrape(metrics);
                assertThat(ok(after, "grower") - growerOkAtDeath).as("grower samples after steady died")
                        .isGreaterThanOrEqualTo(3);
                assertThat(notFound(after, "steady")).isGreaterThan(1);
            }
        }
    }

    @Test
    void runRefusesABadConfigWithLineAndKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yml");
        Files.writeString(file, """
                targets:
                  - name: api
                    pid: 4242
                    interval: 60 seconds
                """);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), "run", "--config", file.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains(file + ":4:5: targets[0].interval: '60 seconds' is not a positive duration");
        assertThat(out.toString()).doesNotContain("watching");
    }

    @Test
    void runCommandServesUntilTerminated(@TempDir Path dir) throws Exception {
        try (ChildJvm target = ChildJvm.start(GrowingTarget.class, "10")) {
            Path file = dir.resolve("leakwatch.yml");
            Files.writeString(file, """
                    dataDir: %s
                    http: {port: 0}
                    targets:
                      - {name: app, pid: %d, interval: 1s}
                    """.formatted(dir.resolve("data"), target.pid()));
            Files.copy(Path.of("config/logback.xml"), dir.resolve("logback.xml"));
            Process run = new ProcessBuilder(ChildJvm.currentJava().toString(), "-Xmx128m",
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", "--config", file.toString())
                    .redirectError(dir.resolve("stderr.txt").toFile()).start();
            try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(run.getInputStream()))) {
                String line = out.readLine();
                assertThat(line).as("first line of run").startsWith("leakwatch: watching 1 target(s) from " + file);
                URI metrics = URI.create(line.substring(line.indexOf("http://")));
                await(metrics, m -> ok(m, "app") >= 2, Duration.ofSeconds(30));
                run.destroy();
                assertThat(run.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).as("run stops on SIGTERM").isTrue();
            } finally {
                run.destroyForcibly();
            }
            List<String> log = Files.readAllLines(dir.resolve("stderr.txt"));
            assertThat(log).as("one INFO line per sample from config/logback.xml")
                    .anySatisfy(l -> assertThat(l).contains(" INFO ").contains("target=app pid=" + target.pid() + " liveHeap="));
        }
    }

    private void assertDocumentedSeries(PrometheusText m, long growerPid) {
        for (String family : List.of("leakwatch_up", "leakwatch_samples_total", "leakwatch_sample_misfires_total",
                "leakwatch_live_heap_bytes", "leakwatch_type_instances", "leakwatch_type_bytes",
                "leakwatch_sample_duration_seconds", "leakwatch_target_pause_seconds")) {
            assertThat(m.family(family)).as(family).hasValueSatisfying(f -> {
                assertThat(f.help()).as("HELP of " + family).isNotBlank();
                assertThat(f.series()).as("series of " + family).isNotEmpty();
            });
        }
        Map<String, String> grower = Map.of("target", "grower", "pid", Long.toString(growerPid));
        assertThat(m.value("leakwatch_up", Map.of("target", "grower"))).contains(1.0);
        assertThat(m.value("leakwatch_live_heap_bytes", grower).orElseThrow()).isGreaterThan(100_000);
        assertThat(m.all("leakwatch_type_instances", grower)).as("top 5 plus the allow list").hasSizeBetween(2, 6);
        assertThat(m.value("leakwatch_sample_duration_seconds_count", Map.of("target", "grower")).orElseThrow())
                .isGreaterThanOrEqualTo(2);
    }

    private static double grown(PrometheusText m, long pid) {
        return m.value("leakwatch_type_instances", Map.of("pid", Long.toString(pid), "type", GROWN)).orElseThrow();
    }

    private static double ok(PrometheusText m, String target) {
        return m.value("leakwatch_samples_total", Map.of("target", target, "outcome", "ok")).orElse(0.0);
    }

    private static double notFound(PrometheusText m, String target) {
        return m.value("leakwatch_samples_total", Map.of("target", target, "outcome", "not_found")).orElse(0.0);
    }

    private static double failures(PrometheusText m, String target) {
        return m.all("leakwatch_samples_total", Map.of("target", target)).stream()
                .filter(s -> !"ok".equals(s.labels().get("outcome"))).mapToDouble(PrometheusText.Series::value).sum();
    }

    private PrometheusText scrape(URI metrics) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        return PrometheusText.parse(r.body());
    }

    private PrometheusText await(URI metrics, Predicate<PrometheusText> condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        PrometheusText last = scrape(metrics);
        while (!condition.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout + "; last scrape families: "
                        + last.families().values());
            }
            Thread.sleep(250);
            last = scrape(metrics);
        }
        return last;
    }
}
