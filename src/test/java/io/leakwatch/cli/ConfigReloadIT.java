package io.leakwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.export.PrometheusText;
import io.leakwatch.testing.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code leakwatch run} as a real process watching two real JVMs, its config rewritten and reloaded
 * with SIGHUP: a target added, a bad file rejected (with file, line and key in the log) while both
 * targets keep being sampled on time, then a hung target removed without the reload waiting for
 * it, and its series gone once its round in flight is over.
 */
class ConfigReloadIT {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void addsRejectsAndRemovesTargetsOnSighup(@TempDir Path dir) throws Exception {
        try (ChildJvm a = ChildJvm.start(GrowingTarget.class, "5");
             ChildJvm b = ChildJvm.start(GrowingTarget.class, "0")) {
            Path file = dir.resolve("leakwatch.yml");
            Path data = dir.resolve("data");
            Files.writeString(file, config(data, target("a", a.pid(), "")));
            Path stderr = dir.resolve("stderr.txt");
            Process run = new ProcessBuilder(ChildJvm.currentJava().toString(), "-Xmx128m", "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", "--config", file.toString())
                    .redirectError(stderr.toFile()).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8))) {
                String line = out.readLine();
                assertThat(line).as("first line of run; log:\n" + log(stderr)).startsWith("leakwatch: watching 1 target(s)");
                URI metrics = URI.create(line.substring(line.indexOf("http://")));

                PrometheusText started = await(metrics, m -> ok(m, "a") >= 2, stderr);
                assertThat(reloads(started, "applied")).isZero();
                assertThat(reloads(started, "rejected")).isZero();
                assertThat(started.value("leakwatch_config_last_reload_successful", Map.of())).contains(1.0);
                double loadedAt = started.value("leakwatch_config_last_reload_success_timestamp_seconds", Map.of()).orElseThrow();
                assertThat(loadedAt).isGreaterThan(1.7e9);

                // 1. Add b.
                Files.writeString(file, config(data, target("a", a.pid(), "") + target("b", b.pid(), "")));
                hangUp(run);
                PrometheusText added = await(metrics, m -> reloads(m, "applied") == 1 && ok(m, "b") >= 2, stderr);
                assertThat(ok(added, "a")).as("a's counter lives on across the reload").isGreaterThanOrEqualTo(ok(started, "a"));
                assertThat(added.value("leakwatch_up", Map.of("target", "b"))).contains(1.0);
                assertThat(added.value("leakwatch_config_last_reload_success_timestamp_seconds", Map.of()).orElseThrow())
                        .isGreaterThanOrEqualTo(loadedAt);

                // 2. A bad file: two values of the wrong type (b's interval and attach timeout).
                String bad = config(data, target("a", a.pid(), "") + target("b", b.pid(), "")
                        .replace("interval: 1s", "interval: soon").replace("attachTimeout: 5s", "attachTimeout: later"));
                Files.writeString(file, bad);
                int intervalLine = bad.lines().toList().indexOf("    interval: soon") + 1;
                int timeoutLine = bad.lines().toList().indexOf("    attachTimeout: later") + 1;
                assertThat(intervalLine).isEqualTo(15);
                assertThat(timeoutLine).isEqualTo(16);
                hangUp(run);
                PrometheusText rejected = await(metrics, m -> reloads(m, "rejected") == 1, stderr);
                assertThat(rejected.value("leakwatch_config_last_reload_successful", Map.of())).contains(0.0);
                assertThat(reloads(rejected, "applied")).isEqualTo(1);
                awaitLog(stderr, file + ":" + timeoutLine + ":");
                List<String> errors = Files.readAllLines(stderr).stream().filter(l -> l.contains(" ERROR ")).toList();
                assertThat(errors).as("every problem with file:line:column: key").anySatisfy(l -> assertThat(l)
                        .contains(file + ":" + intervalLine + ":5: targets[1].interval: 'soon' is not a positive duration"));
                assertThat(errors).anySatisfy(l -> assertThat(l).contains(file + ":" + timeoutLine + ":5: targets[1].attachTimeout"));
                // Both targets keep being sampled on time (1 s) with the running config.
                double aAtReject = ok(rejected, "a");
                double bAtReject = ok(rejected, "b");
                Thread.sleep(5_000);
                PrometheusText after = scrape(metrics);
                assertThat(ok(after, "a") - aAtReject).as("a's samples in 5 s after the rejected reload").isGreaterThanOrEqualTo(3);
                assertThat(ok(after, "b") - bAtReject).as("b's samples in 5 s after the rejected reload").isGreaterThanOrEqualTo(3);
                assertThat(after.value("leakwatch_up", Map.of("target", "a"))).contains(1.0);
                assertThat(after.value("leakwatch_up", Map.of("target", "b"))).contains(1.0);

                // 3. Remove b while it hangs (SIGSTOP: its round in flight waits for the 5 s call timeout)
                // and change a's detection. The reload does not wait for b's round; b's series go once
                // that round is over; a's tracker is rebuilt from its history. The capture section
                // changes too: a restart-only setting, kept with a WARN.
                b.suspend();
                Thread.sleep(1_500);
                Files.writeString(file, config(data, target("a", a.pid(), "    detection: {minSamples: 8}\n"))
                        .replace("enabled: false", "enabled: true"));
                long hupAt = System.nanoTime();
                hangUp(run);
                PrometheusText applied = await(metrics, m -> reloads(m, "applied") == 2, stderr);
                assertThat(Duration.ofNanos(System.nanoTime() - hupAt)).as("reload despite b's hung round")
                        .isLessThan(Duration.ofSeconds(4));
                assertThat(seriesOf(applied, "b")).as("b's series while its hung round is still in flight").isNotEmpty();
                PrometheusText removed = await(metrics, m -> seriesOf(m, "b").isEmpty(), stderr);
                b.resume();
                assertThat(removed.value("leakwatch_config_last_reload_successful", Map.of())).contains(1.0);
                assertThat(removed.value("leakwatch_up", Map.of("target", "a"))).contains(1.0);
                double aAtRemoval = ok(removed, "a");
                PrometheusText later = await(metrics, m -> ok(m, "a") >= aAtRemoval + 3, stderr);
                assertThat(seriesOf(later, "b")).as("series of the removed target").isEmpty();
                assertThat(later.value("leakwatch_leak_state", Map.of("target", "a", "type", "heap"))).isPresent();
                awaitLog(stderr, "changed [a (detection)]");
                assertThat(log(stderr)).contains("removed [b]").contains("Re-seeded a from ")
                        .contains(" WARN ").contains("[capture] changed, which only a restart applies");

                run.destroy();
                assertThat(run.waitFor(20, TimeUnit.SECONDS)).as("run stops on SIGTERM").isTrue();
            } finally {
                run.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    private static String config(Path data, String targets) {
        return """
                dataDir: %s
                http: {address: 127.0.0.1, port: 0}
                capture:
                  enabled: false
                targets:
                %s""".formatted(data, targets);
    }

    /** Seven lines per target (plus {@code extra}), so the bad file's line numbers are known. */
    private static String target(String name, long pid, String extra) {
        return """
                  - name: %s
                    pid: %d
                    interval: 1s
                    attachTimeout: 5s
                    callTimeout: 5s
                    markers:
                      grace: 2s
                """.formatted(name, pid) + extra;
    }

    private static void hangUp(Process run) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(run.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -HUP").isTrue();
    }

    private static double ok(PrometheusText m, String target) {
        return m.value("leakwatch_samples_total", Map.of("target", target, "outcome", "ok")).orElse(0.0);
    }

    private static double reloads(PrometheusText m, String outcome) {
        return m.value("leakwatch_config_reloads_total", Map.of("outcome", outcome)).orElse(-1.0);
    }

    private static List<PrometheusText.Series> seriesOf(PrometheusText m, String target) {
        return m.families().values().stream().flatMap(f -> f.series().stream())
                .filter(s -> target.equals(s.labels().get("target"))).toList();
    }

    private static String log(Path stderr) {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private static void awaitLog(Path stderr, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!log(stderr).contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("log has no \"" + text + "\":\n" + log(stderr));
            }
            Thread.sleep(100);
        }
    }

    private PrometheusText scrape(URI metrics) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return PrometheusText.parse(r.body());
    }

    private PrometheusText await(URI metrics, Predicate<PrometheusText> condition, Path stderr) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        PrometheusText last = scrape(metrics);
        while (!condition.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s; last scrape:\n" + last.families().keySet()
                        + "\nlog:\n" + log(stderr));
            }
            Thread.sleep(250);
            last = scrape(metrics);
        }
        return last;
    }
}
