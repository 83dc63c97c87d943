package io.leakwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leakwatch.attach.AttachTargetSamplerFactory;
import io.leakwatch.config.ConfigReader;
import io.leakwatch.config.LeakwatchConfig;
import io.leakwatch.scenarios.ClassLoaderLeak;
import io.leakwatch.testing.ChildJvm;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A leak is one incident, one alert: types that grow because of one holder raise exactly one alert
 * signature, with the chain naming the holder, no type-only alert while a capture of the target
 * exists, and no flapping. Watched by the daemon as {@code run} wires it (detection at demo speed,
 * a capture rate limit longer than the test, a real webhook receiver):
 * <ul>
 *   <li>a real Tomcat 10 whose web application leaks its class loader on every redeploy (a thread
 *       it starts and never stops, which Tomcat's leak prevention only logs);</li>
 *   <li>the synthetic class-loader leak of the detection benchmark (a static registry of plugin
 *       loaders), which once raised four signatures, one "held by JNI global AppClassLoader /
 *       java.lang.Object[]": the same holder reached on another path to another type.</li>
 * </ul>
 */
class IncidentAlertIT {

    @TempDir
    Path dir;

    @Test
    void tomcatRedeployLeakRaisesOneSignatureWithTheHolder() throws Exception {
        try (WebhookRecorder hook = new WebhookRecorder();
             TomcatServer tomcat = TomcatServer.start(dir.resolve("tomcat"), Duration.ofSeconds(60))) {
            LeakwatchConfig config = config(hook, "tomcat", tomcat.pid());
            long start = System.nanoTime();
            int deployments = 1;
            try (Running daemon = Running.start(config)) {
                Predicate<JsonNode> explained = a -> a.path("topChains").asText().contains("leaky.Refresher");
                long deadline = System.nanoTime() + Duration.ofSeconds(75).toNanos();
                while (hook.received().stream().noneMatch(explained) && System.nanoTime() < deadline) {
                    deployments = redeploy(tomcat, deployments);
                }
                JsonNode first = hook.await(explained, Duration.ofSeconds(1));
                System.out.printf("IncidentAlertIT: Tomcat redeploy leak alerted after %d ms and %d deployments: %s%n",
                        (System.nanoTime() - start) / 1_000_000, deployments, first.path("summary").asText());
                // the leak goes on: more types confirm, each kept by the same threads
                for (int i = 0; i < 4; i++) {
                    deployments = redeploy(tomcat, deployments);
                }
            }
            assertOneIncident(hook, "leaky.Refresher");
            assertThat(tomcat.log()).as("Tomcat saw the leak and did not clear it")
                    .contains("appears to have started a thread named [pricefeed-refresher-1] but has failed to stop it");
        }
    }

    private static int redeploy(TomcatServer tomcat, int deployments) throws Exception {
        tomcat.redeploy();
        tomcat.awaitLog("started pricefeed-refresher-" + (deployments + 1) + ",", 1, Duration.ofSeconds(30));
        Thread.sleep(600);
        return deployments + 1;
    }

    @Test
    void classLoaderLeakRaisesOneSignatureWithItsChain() throws Exception {
        try (WebhookRecorder hook = new WebhookRecorder();
             ChildJvm leaky = ChildJvm.start(ClassLoaderLeak.class, "20")) {
            LeakwatchConfig config = config(hook, "plugins", leaky.pid());
            long start = System.nanoTime();
            try (Running daemon = Running.start(config)) {
                JsonNode explained = hook.await(a -> a.path("topChains").asText().contains("ClassLoaderLeak.LOADERS"),
                        Duration.ofSeconds(60));
                System.out.printf("IncidentAlertIT: class-loader leak alerted after %d ms: %s%n",
                        (System.nanoTime() - start) / 1_000_000, explained.path("summary").asText());
                // more types start growing after the first capture: they must fold into this alert
                Thread.sleep(8_000);
            }
            assertOneIncident(hook, "via ClassLoaderLeak.LOADERS   <-- culprit");
        }
    }

    private static void assertOneIncident(WebhookRecorder hook, String holder) {
        List<JsonNode> all = hook.received();
        System.out.println("IncidentAlertIT: received " + hook.summary());
        all.forEach(a -> System.out.println("  " + a.path("state").asText() + " " + a.path("summary").asText()
                + "\n" + a.path("topChains").asText()));
        Set<String> signatures = new TreeSet<>();
        all.forEach(a -> signatures.add(a.path("signature").asText()));
        assertThat(signatures).as("one leak, one signature: %s", hook.summary()).hasSize(1);
        assertThat(all).as("no type-only alert").allSatisfy(a -> assertThat(a.path("topChains").asText()).contains(holder));
        assertThat(all).as("no flapping").noneMatch(a -> a.path("state").asText().equals("resolved"));
        assertThat(all.stream().skip(1)).as("repeats only as growth re-alerts")
                .allSatisfy(a -> assertThat(a.path("summary").asText()).contains("since first alerted)"));
    }

    private LeakwatchConfig config(WebhookRecorder hook, String target, long pid) throws Exception {
        Path file = dir.resolve("leakwatch.yml");
        Files.writeString(file, """
                dataDir: %s
                http: {port: 0}
                %s
                capture:
                  quota: 1GiB
                  minInterval: 10m
                  keepDumps: none
                  freeSpaceReserve: 1MiB
                  dumpTimeout: 60s
                alerts:
                  webhook: %s
                  repeatInterval: 1h
                targets:
                  - name: %s
                    pid: %d
                    interval: 1s
                """.formatted(dir.resolve("data"), RunProcess.FAST_DETECTION, hook.url(), target, pid));
        return new ConfigReader().read(file);
    }
    /** The daemon and its pipeline as {@code run} builds them. */
    private record Running(LeakPipeline pipeline, Daemon daemon) implements AutoCloseable {
        static Running start(LeakwatchConfig config) throws Exception {
            Clock clock = Clock.systemUTC();
            PrometheusMeterRegistry registry = Daemon.newRegistry();
            AttachTargetSamplerFactory attach = new AttachTargetSamplerFactory(clock);
            LeakPipeline pipeline = LeakPipeline.open(config, attach, registry, clock, List.of(), Duration.ofSeconds(1));
            Daemon daemon = Daemon.start(config, attach, clock, registry, SampleConsumers.forRun(pipeline));
            pipeline.reportLinks(daemon.reportsUrl());
            return new Running(pipeline, daemon);
        }

        @Override
        public void close() {
            daemon.close();
            pipeline.close();
        }
    }
}
