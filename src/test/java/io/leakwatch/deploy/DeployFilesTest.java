package io.leakwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import at.favre.lib.crypto.bcrypt.BCrypt;
import io.leakwatch.config.ConfigReader;
import io.leakwatch.config.LeakwatchConfig;
import io.leakwatch.http.TestKeystores;
import io.leakwatch.model.TargetSelector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Static checks of everything under deploy/ and grafana/: every YAML document parses, Kubernetes
 * objects are well formed and carry the security context attach needs, compose names its
 * services, dashboards give every panel a data source and queries, queries and rules read only
 * contract metrics, the Dockerfile copies files that exist, and the shipped LeakWatch configs load.
 *
 * <p>No Docker engine or Kubernetes cluster runs here, so the image is not built and the
 * manifests are not applied; these checks are what can run.
 */
class DeployFilesTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyYamlDocumentParses() throws IOException {
        List<Path> files = new ArrayList<>(RepoFiles.under("deploy", ".yml", ".yaml"));
        files.addAll(RepoFiles.under("grafana", ".yml", ".yaml"));
        assertThat(files).hasSizeGreaterThan(10);

        for (Path file : files) {
            List<JsonNode> docs = documents(file);
            assertThat(docs).as(file + " documents").isNotEmpty();
            assertThat(docs).as(file + ": every document is a mapping").allMatch(JsonNode::isObject);
        }
    }

    @Test
    void kubernetesObjectsHaveApiVersionKindAndName() throws IOException {
        List<Path> files = RepoFiles.under("deploy/kubernetes", ".yml", ".yaml");
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            for (JsonNode doc : documents(file)) {
                assertThat(doc.path("apiVersion").asText()).as(file + " apiVersion").isNotBlank();
                assertThat(doc.path("kind").asText()).as(file + " kind").isNotBlank();
                assertThat(doc.path("metadata").path("name").asText()).as(file + " metadata.name of " + doc.path("kind")).isNotBlank();
            }
        }
    }

    @Test
    void sidecarSharesPidNamespaceUidAndTmpWithTheApp() throws IOException {
        JsonNode pod = podSpec(kind("deploy/kubernetes/sidecar.yaml", "Deployment"));

        assertThat(pod.path("shareProcessNamespace").asBoolean()).isTrue();
        long uid = pod.path("securityContext").path("runAsUser").asLong(-1);
        assertThat(uid).as("pod-level runAsUser").isPositive();
        JsonNode sidecar = container(pod, "leakwatch");
        String tmpVolume = volumeMountedAt(sidecar, "/tmp");
        assertThat(emptyDirVolumes(pod)).as("the sidecar's /tmp is an emptyDir").contains(tmpVolume);
        assertThat(texts(sidecar.path("securityContext").path("capabilities").path("drop"))).containsExactly("ALL");
        assertThat(pod.path("containers")).hasSizeGreaterThanOrEqualTo(2);
        for (JsonNode c : pod.path("containers")) {
            assertThat(c.path("securityContext").path("runAsUser").asLong(uid)).as(c.path("name") + " uid").isEqualTo(uid);
            assertThat(mountOf(c, tmpVolume)).as(c.path("name") + " mounts the shared emptyDir at /tmp").isEqualTo("/tmp");
            assertThat(c.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
        }
    }

    @Test
    void daemonSetSeesHostPidsAndMayAttachAcrossUsers() throws IOException {
        JsonNode pod = podSpec(kind("deploy/kubernetes/daemonset.yaml", "DaemonSet"));
        JsonNode sc = pod.path("containers").get(0).path("securityContext");

        assertThat(pod.path("hostPID").asBoolean()).isTrue();
        assertThat(sc.path("runAsUser").asLong(-1)).as("root: HotSpot accepts attach from its own uid or root").isZero();
        assertThat(texts(sc.path("capabilities").path("drop"))).containsExactly("ALL");
        assertThat(texts(sc.path("capabilities").path("add"))).contains("SYS_PTRACE").doesNotContain("SYS_ADMIN");
        assertThat(sc.path("privileged").asBoolean(true)).isFalse();
        assertThat(sc.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
    }

    @Test
    void prometheusRuleManifestHoldsExactlyTheShippedRules() throws IOException {
        JsonNode rule = kind("deploy/kubernetes/prometheusrule.yaml", "PrometheusRule");
        JsonNode shipped = documents(RepoFiles.root().resolve("deploy/prometheus/rules/leakwatch.rules.yml")).get(0);

        assertThat(rule.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(rule.path("spec").path("groups"))
                .as("prometheusrule.yaml spec.groups = deploy/prometheus/rules/leakwatch.rules.yml groups; copy them over")
                .isEqualTo(shipped.path("groups"));
    }

    @Test
    void daemonSetHasAuthTlsProbesAPodMonitorAndANetworkPolicy() throws IOException {
        JsonNode ds = kind("deploy/kubernetes/daemonset.yaml", "DaemonSet");
        JsonNode container = podSpec(ds).path("containers").get(0);
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/-/healthy");
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/-/ready");
        assertThat(container.path("readinessProbe").path("httpGet").path("scheme").asText()).isEqualTo("HTTPS");
        JsonNode config = YAML.readTree(kind("deploy/kubernetes/daemonset.yaml", "ConfigMap").path("data").path("leakwatch.yml").asText());
        assertThat(config.path("http").path("auth").path("passwordHash").asText()).startsWith("file:");
        assertThat(config.path("http").path("tls").path("keystore").asText()).isNotBlank();

        JsonNode podLabels = ds.path("spec").path("template").path("metadata").path("labels");
        JsonNode monitor = kind("deploy/kubernetes/podmonitor.yaml", "PodMonitor");
        monitor.path("spec").path("selector").path("matchLabels").fields().forEachRemaining(l ->
                assertThat(podLabels.path(l.getKey()).asText()).as("PodMonitor selects the DaemonSet's pods: " + l.getKey())
                        .isEqualTo(l.getValue().asText()));
        JsonNode endpoint = monitor.path("spec").path("podMetricsEndpoints").get(0);
        assertThat(endpoint.path("scheme").asText()).isEqualTo("https");
        assertThat(endpoint.path("basicAuth").path("password").path("name").asText()).isEqualTo("leakwatch-http");
        assertThat(endpoint.path("relabelings").toString()).contains("\"replacement\":\"leakwatch\"", "\"targetLabel\":\"job\"");

        JsonNode policy = kind("deploy/kubernetes/networkpolicy.yaml", "NetworkPolicy");
        policy.path("spec").path("podSelector").path("matchLabels").fields().forEachRemaining(l ->
                assertThat(podLabels.path(l.getKey()).asText()).as("NetworkPolicy selects the DaemonSet's pods: " + l.getKey())
                        .isEqualTo(l.getValue().asText()));
        assertThat(texts(policy.path("spec").path("policyTypes"))).containsExactlyInAnyOrder("Ingress", "Egress");
    }

    @Test
    void leakwatchObjectsCarryTheRecommendedLabels() throws IOException {
        for (String file : List.of("deploy/kubernetes/daemonset.yaml", "deploy/kubernetes/podmonitor.yaml",
                "deploy/kubernetes/networkpolicy.yaml", "deploy/kubernetes/prometheusrule.yaml")) {
            for (JsonNode doc : documents(RepoFiles.root().resolve(file))) {
                if (doc.path("kind").asText().equals("Namespace")) {
                    continue;
                }
                JsonNode labels = doc.path("metadata").path("labels");
                String what = file + " " + doc.path("kind").asText() + " " + doc.path("metadata").path("name").asText();
                for (String key : List.of("app.kubernetes.io/name", "app.kubernetes.io/instance",
                        "app.kubernetes.io/component", "app.kubernetes.io/part-of")) {
                    assertThat(labels.path(key).asText()).as(what + " " + key).isNotBlank();
                }
            }
        }
    }

    @Test
    void composeRunsTheWholeStackBesideTheDemoService() throws IOException {
        Path file = RepoFiles.root().resolve("deploy/docker/compose.yml");
        JsonNode services = documents(file).get(0).path("services");

        assertThat(listOf(services.fieldNames())).contains("demo", "leakwatch", "prometheus", "alertmanager", "grafana");
        services.fields().forEachRemaining(s -> assertThat(s.getValue().has("image") || s.getValue().has("build"))
                .as("service " + s.getKey() + " has an image or a build").isTrue());
        JsonNode daemon = services.path("leakwatch");
        assertThat(daemon.path("pid").asText()).isEqualTo("service:demo");
        assertThat(daemon.path("user").asText()).isEqualTo(services.path("demo").path("user").asText());
        for (JsonNode service : services) {
            for (JsonNode volume : service.path("volumes")) {
                String source = volume.asText().split(":")[0];
                if (source.startsWith(".")) {
                    assertThat(file.getParent().resolve(source).normalize()).as("bind mount source " + source).exists();
                }
            }
        }
        Path context = file.getParent().resolve(services.path("demo").path("build").path("context").asText()).normalize();
        assertThat(context.resolve(services.path("demo").path("build").path("dockerfile").asText())).isRegularFile();
    }

    @Test
    void dockerfileCopiesFilesThatExistAndRunsAsNonRoot() throws IOException {
        Path dockerfile = RepoFiles.root().resolve("deploy/docker/Dockerfile");
        List<String> lines = Files.readAllLines(dockerfile, StandardCharsets.UTF_8);
        Pattern copy = Pattern.compile("^COPY\\s+(?!--from)(.+)\\s+(\\S+)$");
        int copies = 0;
        for (String line : lines) {
            Matcher m = copy.matcher(line.strip());
            if (m.matches()) {
                for (String source : m.group(1).trim().split("\\s+")) {
                    assertThat(RepoFiles.root().resolve(source)).as("Dockerfile: " + line).exists();
                    copies++;
                }
            }
        }
        assertThat(copies).isGreaterThanOrEqualTo(3);
        assertThat(lines).anyMatch(l -> l.matches("FROM\\s+\\S+-jdk(\\s.*)?"))
                .as("runtime is a JDK (jdk.attach)");
        assertThat(lines).filteredOn(l -> l.startsWith("FROM ")).hasSizeGreaterThanOrEqualTo(2);
        String user = lines.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElseThrow();
        assertThat(user).doesNotContain(" root").doesNotContain(" 0");
    }

    @Test
    void systemdUnitIsHardened() throws IOException {
        Map<String, String> unit = new TreeMap<>();
        for (String line : Files.readAllLines(RepoFiles.root().resolve("deploy/systemd/leakwatch.service"))) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                unit.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }

        assertThat(unit).containsEntry("NoNewPrivileges", "yes")
                .containsEntry("ProtectSystem", "strict")
                .containsEntry("ProtectHome", "yes")
                .containsEntry("PrivateTmp", "no")
                .containsEntry("ReadWritePaths", "/var/lib/leakwatch /tmp");
        assertThat(unit.get("CapabilityBoundingSet")).contains("CAP_SYS_PTRACE").doesNotContain("CAP_SYS_ADMIN");
        assertThat(unit.get("ExecStart")).contains(" run --config ");
    }

    @Test
    void dashboardsGiveEveryPanelADataSourceAndQueries() {
        List<Path> files = ShippedQueries.dashboardFiles();
        assertThat(files).hasSizeGreaterThanOrEqualTo(2);
        Set<String> uids = new HashSet<>();
        for (Path file : files) {
            JsonNode dash = ShippedQueries.read(JSON, file);
            assertThat(uids.add(dash.path("uid").asText())).as(file + " uid unique").isTrue();
            List<String> variables = new ArrayList<>();
            dash.path("templating").path("list").forEach(v -> variables.add(v.path("name").asText()));
            assertThat(variables).as(file + " variables").contains("datasource", "target");
            List<JsonNode> panels = ShippedQueries.panels(dash);
            assertThat(panels).as(file + " panels").isNotEmpty();
            Set<Integer> ids = new HashSet<>();
            for (JsonNode panel : panels) {
                assertThat(ids.add(panel.path("id").asInt(-1))).as(file + " panel id unique: " + panel.path("title")).isTrue();
                JsonNode pos = panel.path("gridPos");
                assertThat(pos.path("x").asInt(-1) + pos.path("w").asInt(99)).as(file + " panel fits 24 columns: " + panel.path("title"))
                        .isBetween(1, 24);
                assertThat(pos.path("h").asInt(0)).isPositive();
                if ("row".equals(panel.path("type").asText())) {
                    continue;
                }
                String id = file.getFileName() + " / " + panel.path("title").asText();
                assertThat(panel.path("datasource").path("uid").asText()).as(id + " datasource").isEqualTo("${datasource}");
                assertThat(panel.path("targets")).as(id + " targets").isNotEmpty();
                panel.path("targets").forEach(t -> assertThat(t.path("expr").asText()).as(id + " expr").isNotBlank());
            }
        }
    }

    @Test
    void dashboardsAndRulesReadOnlyContractMetrics() {
        List<ShippedQueries.Query> queries = new ArrayList<>(ShippedQueries.dashboardQueries());
        queries.addAll(ShippedQueries.ruleQueries());
        queries.addAll(ShippedQueries.annotationQueries());
        assertThat(queries).hasSizeGreaterThan(30);
        for (ShippedQueries.Query q : queries) {
            assertThat(q.metrics()).as(q.toString()).isNotEmpty();
            assertThat(MetricContract.NAMES).as(q.toString()).containsAll(q.metrics());
        }
        for (ShippedQueries.LabelValuesVariable v : ShippedQueries.labelValuesVariables()) {
            assertThat(MetricContract.NAMES).as(v.toString()).contains(v.metricName());
        }
    }

    @Test
    void dashboardsSelectJobAndInstanceSoADaemonSetsNodesAreNotMerged() {
        List<ShippedQueries.LabelValuesVariable> variables = ShippedQueries.labelValuesVariables();
        for (Path file : ShippedQueries.dashboardFiles()) {
            String name = RepoFiles.root().relativize(file).toString();
            assertThat(variables.stream().filter(v -> v.file().equals(name)).map(ShippedQueries.LabelValuesVariable::name))
                    .as(name + " variables").contains("job", "instance", "target");
            assertThat(ShippedQueries.annotationQueries()).as(name + " capture annotations")
                    .anySatisfy(q -> assertThat(q.file()).isEqualTo(name));
        }
        List<ShippedQueries.Query> queries = new ArrayList<>(ShippedQueries.dashboardQueries());
        queries.addAll(ShippedQueries.annotationQueries());
        Pattern selector = Pattern.compile("(leakwatch_[a-z_]+|\\bup)\\{([^}]*)\\}");
        for (ShippedQueries.Query q : queries) {
            if (q.metrics().equals(Set.of("ALERTS"))) {
                continue;
            }
            Matcher m = selector.matcher(q.expr());
            int selectors = 0;
            while (m.find()) {
                selectors++;
                assertThat(m.group(2)).as(q.toString()).contains("job=~\"$job\"", "instance=~\"$instance\"");
            }
            assertThat(selectors).as(q + ": every metric has a selector").isEqualTo(q.metrics().size() > 0 ? countNames(q.expr()) : 0);
        }
    }

    private static int countNames(String expr) {
        Matcher m = Pattern.compile("(?<![A-Za-z0-9_:$])(leakwatch_[a-z_]+|up)\\b(?!\\s*\\()").matcher(expr.replaceAll("\"[^\"]*\"", "\"\""));
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void everyAlertHasSummaryDescriptionAndARunbookEntry() throws IOException {
        String readme = Files.readString(RepoFiles.root().resolve("README.md"));
        List<String> alerts = new ArrayList<>();
        for (Path file : ShippedQueries.ruleFiles()) {
            for (JsonNode group : documents(file).get(0).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    String alert = rule.path("alert").asText();
                    alerts.add(alert);
                    assertThat(rule.path("annotations").path("summary").asText()).as(alert + " summary").isNotBlank();
                    assertThat(rule.path("annotations").path("description").asText()).as(alert + " description").isNotBlank();
                    assertThat(rule.path("labels").path("severity").asText()).as(alert + " severity").isIn("warning", "critical");
                    assertThat(readme).as("README runbook entry for " + alert).contains("#### " + alert + "\n");
                }
            }
        }
        assertThat(alerts).contains("LeakWatchTargetDown", "LeakWatchSamplingFailing", "LeakWatchHeapGrowing",
                "LeakWatchLeakConfirmed", "LeakWatchMarkerSurvivors", "LeakWatchCaptureFailing", "LeakWatchCaptureDiskQuotaNear");
    }

    @Test
    void grafanaProvisioningPointsWhereComposeMountsTheDashboards() throws IOException {
        JsonNode datasources = documents(RepoFiles.root().resolve("grafana/provisioning/datasources/leakwatch-prometheus.yml")).get(0);
        assertThat(datasources.path("datasources").get(0).path("type").asText()).isEqualTo("prometheus");
        JsonNode provider = documents(RepoFiles.root().resolve("grafana/provisioning/dashboards/leakwatch.yml")).get(0)
                .path("providers").get(0);
        String path = provider.path("options").path("path").asText();
        String composeText = Files.readString(RepoFiles.root().resolve("deploy/docker/compose.yml"));
        assertThat(composeText).contains("../../grafana/dashboards:" + path + ":ro");
    }

    @Test
    void shippedLeakwatchConfigsLoad(@TempDir Path secrets) throws Exception {
        ConfigReader reader = new ConfigReader(name -> null);
        // what the DaemonSet mounts from the Secret leakwatch-http at /etc/leakwatch/http/
        Path pem = TestKeystores.pem(TestKeystores.pkcs12(secrets, "store-pass"), "store-pass", secrets.resolve("leakwatch.pem"));
        assertThat(pem.getFileName().toString()).isEqualTo("leakwatch.pem");
        Files.writeString(secrets.resolve("passwordHash"), BCrypt.withDefaults().hashToString(6, "pw".toCharArray()));
        for (String file : List.of("deploy/docker/leakwatch.yml", "deploy/systemd/leakwatch.yml")) {
            assertThat(reader.read(RepoFiles.root().resolve(file)).targets()).as(file).isNotEmpty();
        }
        assertThat(reader.read(RepoFiles.root().resolve("deploy/systemd/leakwatch.yml")).dataDir())
                .as("the only writable path of the systemd unit").isEqualTo(Path.of("/var/lib/leakwatch"));
        int embedded = 0;
        for (Path file : RepoFiles.under("deploy/kubernetes", ".yaml", ".yml")) {
            for (JsonNode doc : documents(file)) {
                if ("ConfigMap".equals(doc.path("kind").asText()) && doc.path("data").has("leakwatch.yml")) {
                    LeakwatchConfig config = reader.read(file + " ConfigMap " + doc.path("metadata").path("name").asText(),
                            doc.path("data").path("leakwatch.yml").asText().replace("/etc/leakwatch/http/", secrets + "/"));
                    assertThat(config.targets()).isNotEmpty();
                    embedded++;
                }
            }
        }
        assertThat(embedded).isEqualTo(2);
    }

    @Test
    void kubernetesScrapeJobIsNamedLeakwatch() throws IOException {
        // Debian's promtool is built without Kubernetes service discovery, so only the structure is checked
        JsonNode configMap = kind("deploy/kubernetes/prometheus-scrape.yaml", "ConfigMap");
        JsonNode prometheus = YAML.readTree(configMap.path("data").path("prometheus.yml").asText());
        JsonNode job = prometheus.path("scrape_configs").get(0);

        assertThat(job.path("job_name").asText()).as("the rules select job=\"leakwatch\"").isEqualTo("leakwatch");
        assertThat(job.path("kubernetes_sd_configs").get(0).path("role").asText()).isEqualTo("pod");
        assertThat(texts(prometheus.path("rule_files"))).isNotEmpty();
    }

    @Test
    void composeDaemonSelectsTheDemoJvmByItsDisplayName() throws Exception {
        JsonNode demo = documents(RepoFiles.root().resolve("deploy/docker/compose.yml")).get(0).path("services").path("demo");
        List<String> command = texts(demo.path("entrypoint"));
        int cp = command.indexOf("-cp");
        assertThat(cp).as("demo entrypoint uses -cp CLASSPATH MainClass args").isPositive();
        // what VirtualMachine.list() shows for a -cp launch: the main class and its arguments
        String displayName = String.join(" ", command.subList(cp + 2, command.size()));

        LeakwatchConfig config = new ConfigReader(name -> null).read(RepoFiles.root().resolve("deploy/docker/leakwatch.yml"));
        TargetSelector selector = config.targets().get(0).selector();

        assertThat(selector).isInstanceOf(TargetSelector.MainClass.class);
        assertThat(((TargetSelector.MainClass) selector).regex().matcher(displayName).find())
                .as("/" + selector + "/ finds '" + displayName + "'").isTrue();
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (it.hasNextValue()) {
                JsonNode doc = it.nextValue();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    private static JsonNode kind(String file, String kind) throws IOException {
        return documents(RepoFiles.root().resolve(file)).stream()
                .filter(d -> kind.equals(d.path("kind").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in " + file));
    }

    private static JsonNode podSpec(JsonNode workload) {
        return workload.path("spec").path("template").path("spec");
    }

    private static List<String> emptyDirVolumes(JsonNode pod) {
        List<String> names = new ArrayList<>();
        pod.path("volumes").forEach(v -> {
            if (v.has("emptyDir")) {
                names.add(v.path("name").asText());
            }
        });
        return names;
    }

    private static JsonNode container(JsonNode pod, String name) {
        for (JsonNode c : pod.path("containers")) {
            if (name.equals(c.path("name").asText())) {
                return c;
            }
        }
        throw new AssertionError("no container " + name);
    }

    private static String volumeMountedAt(JsonNode container, String path) {
        for (JsonNode m : container.path("volumeMounts")) {
            if (path.equals(m.path("mountPath").asText())) {
                return m.path("name").asText();
            }
        }
        throw new AssertionError(container.path("name") + " mounts nothing at " + path);
    }

    private static String mountOf(JsonNode container, String volume) {
        for (JsonNode m : container.path("volumeMounts")) {
            if (volume.equals(m.path("name").asText())) {
                return m.path("mountPath").asText();
            }
        }
        return null;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static <T> List<T> listOf(Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
