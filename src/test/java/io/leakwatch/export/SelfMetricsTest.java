package io.leakwatch.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The daemon's own series, as Prometheus reads them from this JVM. */
class SelfMetricsTest {

    @Test
    void exportsTheUsualJvmAndProcessSeriesAndBuildInfo() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (SelfMetrics self = new SelfMetrics(new SelfMetrics.BuildInfo("1.2.3", "abc123"))) {
            self.bindTo(registry);
            String text = registry.scrape();
            PrometheusText m = PrometheusText.parse(text);

            assertThat(m.family("process_cpu_seconds_total").orElseThrow().type()).isEqualTo("counter");
            assertThat(m.value("process_cpu_seconds_total", Map.of()).orElseThrow()).isPositive();
            assertThat(m.families()).containsKeys("jvm_memory_used_bytes", "jvm_threads_live_threads",
                    "jvm_classes_loaded_classes", "process_uptime_seconds", "process_files_open_files");
            assertThat(m.value("leakwatch_build_info", Map.of("version", "1.2.3", "revision", "abc123"))).contains(1.0);
        }
    }

    @Test
    void buildInfoComesFromTheFilteredPropertiesFile() {
        SelfMetrics.BuildInfo build = SelfMetrics.BuildInfo.load();
        // the build filters it: the project version and the git commit (or "unknown" outside git)
        assertThat(build.version()).doesNotContain("${").isNotEqualTo("unknown");
        assertThat(build.revision()).matches("[0-9a-f]{40}|unknown");
    }
}
