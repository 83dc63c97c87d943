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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A leak is one incident: the synthetic class-loader leak (every reload keeps a class loader, its
 * class and the class's static table) makes several types grow at once, all kept by one holder.
 * Watched by the daemon as {@code run} wires it, with a capture rate limit longer than the test,
 * the webhook hears exactly one signature, with its chain naming the holder, and no type-only alert.
 */
class IncidentAlertIT {

    @TempDir
    Path dir;

    @Test
    void classLoaderLeakRaisesOneSignatureWithItsChain() throws Exception {
        try (WebhookRecorder hook = new WebhookRecorder();
             ChildJvm leaky = ChildJvm.start(ClassLoaderLeak.class, "20")) {
            LeakwatchConfig config = config(hook, leaky.pid());
            long start = System.nanoTime();
            try (Running daemon = Running.start(config)) {
                JsonNode explained = hook.await(a -> a.path("topChains").asText().contains("ClassLoaderLeak.LOADERS"),
                        Duration.ofSeconds(60));
                System.out.printf("IncidentAlertIT: class-loader leak alerted after %d ms: %s%n",
                        (System.nanoTime() - start) / 1_000_000, explained.path("summary").asText());
                // more types start growing after the first capture: they must fold into this alert
                Thread.sleep(20_000);
            }
            List<JsonNode> all = hook.received();
            System.out.println("IncidentAlertIT: received " + hook.summary());
            all.forEach(a -> System.out.println("  " + a.path("state").asText() + " " + a.path("summary").asText()
                    + "\n" + a.path("topChains").asText()));
            Set<String> signatures = new TreeSet<>();
            all.forEach(a -> signatures.add(a.path("signature").asText()));
            assertThat(signatures).as("one leak, one signature: %s", hook.summary()).hasSize(1);
            assertThat(all).as("no type-only alert").allSatisfy(a -> assertThat(a.path("topChains").asText()).isNotEmpty());
            assertThat(all).as("no flapping").noneMatch(a -> a.path("state").asText().equals("resolved"));
        }
    }

    private LeakwatchConfig config(WebhookRecorder hook, long pid) throws Exception {
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
                  - name: plugins
                    pid: %d
                    interval: 1s
                """.formatted(dir.resolve("data"), RunProcess.FAST_DETECTION, hook.url(), pid));
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
