package io.leakwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Checks the shipped Prometheus files with the real {@code promtool}: rule syntax and templates,
 * the scrape configs, the alert unit tests under deploy/prometheus/tests/, and (with {@code amtool})
 * the compose stack's Alertmanager config.
 */
class PrometheusRulesIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final Path promtool = ExternalTool.find("promtool");
    private final Path prometheusDir = RepoFiles.root().resolve("deploy/prometheus");

    @Test
    void rulesAreValid() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(promtool.toString(), "check", "rules"));
        RepoFiles.under("deploy/prometheus/rules", ".yml").forEach(f -> cmd.add(f.toString()));
        assertThat(cmd).hasSizeGreaterThan(3);

        ExternalTool.Run run = ExternalTool.run(prometheusDir, TIMEOUT, cmd.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.output()).contains("SUCCESS");
    }

    @Test
    void hostScrapeConfigIsValidWithItsRules() throws Exception {
        ExternalTool.Run run = ExternalTool.run(prometheusDir, TIMEOUT,
                promtool.toString(), "check", "config", prometheusDir.resolve("prometheus.yml").toString());

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.output()).contains("rules found");
    }

    @Test
    void composeScrapeConfigIsValid() throws Exception {
        // its rule and alertmanager paths exist only inside the container, hence syntax only
        Path config = RepoFiles.root().resolve("deploy/docker/prometheus.yml");
        ExternalTool.Run run = ExternalTool.run(config.getParent(), TIMEOUT,
                promtool.toString(), "check", "config", "--syntax-only", config.toString());

        assertThat(run.exitCode()).as(run.describe()).isZero();
    }

    @Test
    void composeAlertmanagerConfigIsValid() throws Exception {
        Path amtool = ExternalTool.find("amtool", "prometheus-alertmanager-amtool");
        Path config = RepoFiles.root().resolve("deploy/docker/alertmanager.yml");
        ExternalTool.Run run = ExternalTool.run(config.getParent(), TIMEOUT, amtool.toString(), "check-config", config.toString());

        assertThat(run.exitCode()).as(run.describe()).isZero();
    }

    @Test
    void alertUnitTestsPass() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(promtool.toString(), "test", "rules"));
        List<Path> tests = RepoFiles.under("deploy/prometheus/tests", ".yml");
        assertThat(tests).as("promtool unit tests").isNotEmpty();
        tests.forEach(f -> cmd.add(f.toString()));

        ExternalTool.Run run = ExternalTool.run(prometheusDir.resolve("tests"), TIMEOUT, cmd.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.output()).doesNotContain("FAILED");
    }
}
