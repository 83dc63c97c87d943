package io.leakwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped dashboards against @grafana/schema's Dashboard type (TypeScript compiler) and the
 * Kubernetes manifests against the JSON schemas of kubernetes-models and
 * @kubernetes-models/prometheus-operator, with the node scripts under src/test/node (npm packages
 * installed by src/test/sh/install-test-deps.sh). kubeconform is not in Debian, npm or Maven
 * Central, hence these. Each check also runs on a broken copy, which it must refuse.
 */
class SchemaChecksIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final Path node = ExternalTool.find("node", "nodejs");
    private final Path scripts = RepoFiles.root().resolve("src/test/node");

    @TempDir
    Path dir;

    private ExternalTool.Run check(String script, List<Path> files) throws IOException, InterruptedException {
        assertThat(scripts.resolve("node_modules/@grafana/schema")).as("npm packages of src/test/node; run "
                + "src/test/sh/install-test-deps.sh").isDirectory();
        List<String> cmd = new ArrayList<>(List.of(node.toString(), script));
        files.forEach(f -> cmd.add(f.toString()));
        return ExternalTool.run(scripts, TIMEOUT, cmd.toArray(String[]::new));
    }

    @Test
    void dashboardsMatchGrafanasSchema() throws Exception {
        List<Path> dashboards = ShippedQueries.dashboardFiles();
        assertThat(dashboards).hasSizeGreaterThanOrEqualTo(2);

        ExternalTool.Run run = check("check-dashboards.mjs", dashboards);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.output()).contains(dashboards.size() + " dashboard(s) match");
    }

    @Test
    void aDashboardWithAWrongTypeIsRefusedNamingFileAndLine() throws Exception {
        Path bad = dir.resolve("bad.json");
        String json = Files.readString(ShippedQueries.dashboardFiles().get(0));
        Files.writeString(bad, json.replaceFirst("\"refresh\": \"[^\"]*\"", "\"refresh\": 30"));

        ExternalTool.Run run = check("check-dashboards.mjs", List.of(bad));

        assertThat(run.exitCode()).as(run.describe()).isNotZero();
        assertThat(run.output()).contains(bad + ":");
    }

    @Test
    void kubernetesManifestsMatchTheirSchemas() throws Exception {
        List<Path> manifests = RepoFiles.under("deploy/kubernetes", ".yaml", ".yml");

        ExternalTool.Run run = check("check-k8s.mjs", manifests);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.output()).containsPattern("\\d+ Kubernetes object\\(s\\) match");
    }

    @Test
    void brokenManifestsAreRefused() throws Exception {
        Path daemonSet = dir.resolve("daemonset.yaml");
        Files.writeString(daemonSet, Files.readString(RepoFiles.root().resolve("deploy/kubernetes/daemonset.yaml"))
                .replace("containerPort: 9464", "containerPort: metrics-port"));
        Path rule = dir.resolve("prometheusrule.yaml");
        Files.writeString(rule, Files.readString(RepoFiles.root().resolve("deploy/kubernetes/prometheusrule.yaml"))
                .replaceFirst("for: 5m", "for: five minutes"));
        Path unknown = dir.resolve("unknown.yaml");
        Files.writeString(unknown, "apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g}\n");

        ExternalTool.Run run = check("check-k8s.mjs", List.of(daemonSet, rule, unknown));

        assertThat(run.exitCode()).as(run.describe()).isNotZero();
        assertThat(run.output()).contains("DaemonSet leakwatch", "containerPort", "PrometheusRule leakwatch", "for",
                "no schema for apiVersion example.com/v1, kind Gadget");
    }
}
