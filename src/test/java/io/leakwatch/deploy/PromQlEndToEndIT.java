package io.leakwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leakwatch.attach.targets.CommandTarget;
import io.leakwatch.testing.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped dashboards and rules against the real thing: a leaky JVM ({@link LeakyListenerApp}),
 * the real daemon sampling it every second, a real Prometheus scraping the daemon every second with
 * the shipped rules loaded, and a real Alertmanager receiving its alerts. A second target, a JVM
 * started with attach disabled, is refused for real, so the attach-failure series exist too.
 *
 * <p>Every dashboard and rule expression must evaluate without error and return data: the leaky
 * target marks its ended requests' listeners (marker series), the daemon confirms its leak and
 * captures a heap dump (capture series). Per-target panels show the leaky target, except the
 * attach-failure panel, which shows the refused one. The list is printed and written to
 * target/promql-e2e-report.txt.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PromQlEndToEndIT {

    private static final String TARGET = "leaky";
    /** The target whose JVM refuses attach: the one the attach-failure panels are looked at for. */
    private static final String REFUSED = "refused";
    private static final String ATTACH_FAILURES = "leakwatch_attach_failures_total";
    /** What Grafana's interval variables become; 30 s spans about 30 scrapes here. */
    private static final Map<String, String> GRAFANA_MACROS = Map.of(
            "$__rate_interval", "30s", "${__rate_interval}", "30s",
            "$__interval", "30s", "${__interval}", "30s",
            "$__range", "5m", "${__range}", "5m");
    /** A comparison with a constant: stripped from alert expressions to evaluate the signal itself. */
    private static final Pattern THRESHOLD = Pattern.compile(
            "\\s*(==|!=|>=|<=|>|<)\\s*-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?(\\s*[*/]\\s*\\d+(\\.\\d+)?)*(?=\\s|\\)|$)");

    private Path work;
    private ChildJvm leaky;
    private ChildJvm locked;
    private DaemonProcess daemon;
    private AlertmanagerServer alertmanager;
    private PrometheusServer prometheus;

    @BeforeAll
    void startStack(@TempDir Path workDir) throws Exception {
        work = workDir;
        // a small heap filling slowly (about 10 min to full): it outlasts the test and its dump is quick to analyze
        leaky = ChildJvm.builder(LeakyListenerApp.class).jvmOptions("-Xmx64m", "-XX:+UseSerialGC").args("100", "1024").start();
        locked = ChildJvm.builder(CommandTarget.class)
                .jvmOptions("-Xmx32m", "-XX:+UseSerialGC", "-XX:+DisableAttachMechanism").start();
        Map<String, Long> targets = new LinkedHashMap<>();
        targets.put(TARGET, leaky.pid());
        targets.put(REFUSED, locked.pid());
        daemon = DaemonProcess.start(work, targets);
        alertmanager = AlertmanagerServer.start(work);
        prometheus = PrometheusServer.start(work, prometheusConfig());
        String series = "leakwatch_live_heap_bytes{target=\"" + TARGET + "\"}";
        Waits.until("Prometheus has " + series, Duration.ofSeconds(90), prometheus.process(),
                () -> prometheus.resultOf(series).size() > 0);
        // enough points for every [30s] window: rates and deriv need several samples
        Waits.until("30 s of samples in Prometheus", Duration.ofSeconds(120), daemon.process(),
                () -> count("count_over_time(leakwatch_up{target=\"" + TARGET + "\"}[30s])") >= 15);
        // the confirmed leak's capture: dumped, analyzed, counted
        String captured = "leakwatch_captures_total{target=\"" + TARGET + "\",outcome=\"captured\"}";
        Waits.until("Prometheus has " + captured, Duration.ofSeconds(120), daemon.process(),
                () -> prometheus.resultOf(captured).size() > 0);
    }

    @AfterAll
    void stopStack() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {prometheus, alertmanager, daemon, leaky, locked}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    @Order(1)
    void everyShippedExpressionRunsAndReturnsData() throws Exception {
        Set<String> exported = daemon.exportedMetricNames();
        assertThat(exported).as("the daemon's basic series")
                .contains("leakwatch_up", "leakwatch_live_heap_bytes", "leakwatch_samples_total");
        Map<String, String> variables = resolveVariables();

        List<String> report = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<Checked> checks = new ArrayList<>();
        ShippedQueries.dashboardQueries().forEach(q -> checks.add(new Checked(q, substitute(q.expr(), variablesFor(q, variables)), false)));
        ShippedQueries.ruleQueries().forEach(q -> checks.add(new Checked(q, q.expr(), true)));
        // annotation queries end in a threshold too: the moments to mark
        ShippedQueries.annotationQueries().forEach(q -> checks.add(new Checked(q, substitute(q.expr(), variables), true)));
        for (Checked c : checks) {
            JsonNode full = prometheus.query(c.expr());
            assertThat(full.path("status").asText()).as("evaluates: " + c.query() + " -> " + full).isEqualTo("success");
            String signal = c.rule() ? THRESHOLD.matcher(c.expr()).replaceAll("") : c.expr();
            int series = prometheus.resultOf(signal).size();
            Set<String> notExported = new TreeSet<>(c.query().metrics());
            notExported.remove("up");
            notExported.remove("ALERTS");
            notExported.removeAll(exported);
            String verdict = series > 0 ? "DATA    " + series + " series"
                    : notExported.isEmpty() ? "MISSING no data although its metrics are exported"
                    : "MISSING not exported: " + notExported;
            report.add(verdict + " | " + c.query().file() + " / " + c.query().where() + " | " + signal.replaceAll("\\s+", " "));
            if (series == 0) {
                missing.add(c.query() + " (ran: " + signal + (notExported.isEmpty() ? "" : "; not exported: " + notExported) + ")");
            }
        }
        writeReport(exported, report);

        assertThat(checks).as("shipped expressions").hasSizeGreaterThanOrEqualTo(10);
        assertThat(missing).as("shipped expressions without data").isEmpty();
    }

    @Test
    @Order(2)
    void selfMetricsArePresentAndNoPerTypeFamilyExceedsTopNPlusTheAllowList() throws Exception {
        assertThat(prometheus.resultOf("process_cpu_seconds_total{job=\"leakwatch\"}")).as("process_cpu_seconds_total").isNotEmpty();
        assertThat(prometheus.resultOf("jvm_memory_used_bytes{job=\"leakwatch\"}")).as("jvm_memory_used_bytes").isNotEmpty();
        JsonNode build = prometheus.resultOf("leakwatch_build_info{job=\"leakwatch\"}");
        assertThat(build).as("leakwatch_build_info").hasSize(1);
        assertThat(build.get(0).path("metric").path("version").asText()).isNotBlank();
        assertThat(build.get(0).path("metric").path("revision").asText()).isNotBlank();

        // series of the latest scrape (a series the daemon dropped is marked stale at once); the
        // top N changes between samples, so a range would count types that left it
        int bound = DaemonProcess.TOP_N + 1;
        for (String family : List.of("leakwatch_type_bytes", "leakwatch_type_instances")) {
            assertThat(maxSeries("count by (target, pid) (" + family + ")"))
                    .as(family + " per target and pid").isBetween(1.0, (double) bound);
        }
        assertThat(maxSeries("count by (target) (leakwatch_type_growth_bytes_per_second)"))
                .as("leakwatch_type_growth_bytes_per_second per target").isBetween(1.0, (double) bound);
        // plus the whole-heap series, type="heap"
        assertThat(maxSeries("count by (target) (leakwatch_leak_state)"))
                .as("leakwatch_leak_state per target").isBetween(2.0, (double) bound + 1);
        assertThat(prometheus.resultOf("leakwatch_type_bytes{type=\"" + DaemonProcess.ALLOWED + "\"}"))
                .as("the allowed type, named in Java form").isNotEmpty();
        assertThat(prometheus.resultOf("leakwatch_type_bytes{type=~\"\\\\[.*\"}")).as("no JVM-form array names").isEmpty();
    }

    @Test
    @Order(3)
    void confirmedLeakAlertFiresInPrometheusAndReachesAlertmanager() throws Exception {
        Waits.Condition exported = () -> daemon.exportedMetricNames().contains("leakwatch_leak_state");
        boolean detection;
        try {
            Waits.until("leakwatch_leak_state exported", Duration.ofSeconds(30), daemon.process(), exported);
            detection = true;
        } catch (AssertionError notYet) {
            detection = false;
        }
        Assumptions.assumeTrue(detection, "PENDING: the daemon does not export leakwatch_leak_state (detection not wired "
                + "into `run` yet); this test then waits for LeakWatchLeakConfirmed in Prometheus and Alertmanager");

        Waits.until("LeakWatchLeakConfirmed firing in Prometheus for " + TARGET, Duration.ofMinutes(5), daemon.process(),
                () -> hasAlert(prometheus.alerts(), "firing"));
        Waits.until("LeakWatchLeakConfirmed in Alertmanager", Duration.ofSeconds(60), prometheus.process(),
                () -> hasAlert(alertmanager.alerts(), null));

        JsonNode alert = find(alertmanager.alerts());
        assertThat(alert.path("labels").path("severity").asText()).isEqualTo("critical");
        assertThat(alert.path("annotations").path("summary").asText()).contains(TARGET);
        // with an alert firing, the dashboard panels over ALERTS have data too
        List<ShippedQueries.Query> overAlerts = ShippedQueries.dashboardQueries().stream()
                .filter(q -> q.metrics().contains("ALERTS")).toList();
        assertThat(overAlerts).isNotEmpty();
        for (ShippedQueries.Query q : overAlerts) {
            assertThat(prometheus.resultOf(substitute(q.expr(), resolveVariables()))).as(q.toString()).isNotEmpty();
        }
    }

    private record Checked(ShippedQueries.Query query, String expr, boolean rule) {
    }

    private String prometheusConfig() {
        Path rules = RepoFiles.root().resolve("deploy/prometheus/rules");
        return """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files:
                  - %s/*.yml
                alerting:
                  alertmanagers:
                    - static_configs:
                        - targets: ["%s"]
                scrape_configs:
                  - job_name: leakwatch
                    static_configs:
                      - targets: ["%s"]
                """.formatted(rules, alertmanager.hostPort(), daemon.hostPort());
    }

    /** The attach-failure panels look at the refused target, as an operator would; the rest at the leaky one. */
    private static Map<String, String> variablesFor(ShippedQueries.Query q, Map<String, String> variables) {
        if (!q.metrics().contains(ATTACH_FAILURES)) {
            return variables;
        }
        Map<String, String> refused = new HashMap<>(variables);
        refused.replace("target", REFUSED);
        return refused;
    }

    /**
     * Each label_values variable gets a real value from Prometheus; target must be ours. Variables
     * come in dashboard order, so one may select by those before it (instance by job).
     */
    private Map<String, String> resolveVariables() throws IOException, InterruptedException {
        Map<String, String> values = new HashMap<>();
        for (ShippedQueries.LabelValuesVariable v : ShippedQueries.labelValuesVariables()) {
            List<String> found = new ArrayList<>();
            prometheus.resultOf("group by (" + v.label() + ") (" + substitute(v.metric(), values) + ")")
                    .forEach(r -> found.add(r.path("metric").path(v.label()).asText()));
            assertThat(found).as("values of variable " + v).isNotEmpty();
            values.put(v.name(), v.name().equals("target") ? TARGET : found.get(0));
            if (v.name().equals("target")) {
                assertThat(found).contains(TARGET, REFUSED);
            }
        }
        return values;
    }

    private static String substitute(String expr, Map<String, String> variables) {
        String out = expr;
        for (Map.Entry<String, String> m : GRAFANA_MACROS.entrySet()) {
            out = out.replace(m.getKey(), m.getValue());
        }
        for (Map.Entry<String, String> v : variables.entrySet()) {
            out = out.replace("${" + v.getKey() + "}", v.getValue()).replace("$" + v.getKey(), v.getValue());
        }
        assertThat(out).as("all variables substituted in " + expr).doesNotContain("$");
        return out;
    }

    private double maxSeries(String promql) throws IOException, InterruptedException {
        double max = 0;
        for (JsonNode r : prometheus.resultOf(promql)) {
            max = Math.max(max, r.path("value").get(1).asDouble());
        }
        return max;
    }

    private double count(String promql) throws IOException, InterruptedException {
        JsonNode r = prometheus.resultOf(promql);
        return r.isEmpty() ? 0 : r.get(0).path("value").get(1).asDouble();
    }

    private static boolean hasAlert(JsonNode alerts, String state) {
        JsonNode a = find(alerts);
        return a != null && (state == null || state.equals(a.path("state").asText()));
    }

    private static JsonNode find(JsonNode alerts) {
        for (JsonNode a : alerts) {
            if ("LeakWatchLeakConfirmed".equals(a.path("labels").path("alertname").asText())
                    && TARGET.equals(a.path("labels").path("target").asText())) {
                return a;
            }
        }
        return null;
    }

    private static void writeReport(Set<String> exported, List<String> lines) throws IOException {
        String text = "Daemon exports: " + exported + "\n" + String.join("\n", lines) + "\n";
        System.out.println("PromQL end-to-end report\n" + text);
        Path target = RepoFiles.root().resolve("target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("promql-e2e-report.txt"), text);
    }
}
