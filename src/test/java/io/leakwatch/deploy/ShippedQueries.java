package io.leakwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every PromQL expression LeakWatch ships: Grafana panel targets, Grafana template variable
 * queries, alerting rule expressions. Read from the files under grafana/ and deploy/prometheus/.
 */
final class ShippedQueries {

    /** One expression and where it comes from (file and panel title or alert name). */
    record Query(String file, String where, String expr) {
        /** The metric names it reads ({@code leakwatch_*}, {@code up}, {@code ALERTS}). */
        Set<String> metrics() {
            Set<String> names = new TreeSet<>();
            Matcher m = METRIC.matcher(expr.replaceAll("\"[^\"]*\"", "\"\""));
            while (m.find()) {
                names.add(m.group(1));
            }
            return names;
        }

        @Override
        public String toString() {
            return file + " / " + where + ": " + expr;
        }
    }

    /** A dashboard template variable backed by {@code label_values(metric, label)}; metric may have a selector. */
    record LabelValuesVariable(String file, String name, String metric, String label) {
        /** The metric name without its selector. */
        String metricName() {
            int brace = metric.indexOf('{');
            return brace < 0 ? metric : metric.substring(0, brace);
        }
    }

    private static final Pattern METRIC = Pattern.compile("(?<![A-Za-z0-9_:$])(leakwatch_[a-z_]+|up|ALERTS)\\b(?!\\s*\\()");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([^,]+?)\\s*,\\s*([A-Za-z_]+)\\s*\\)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    private ShippedQueries() {
    }

    static List<Path> dashboardFiles() {
        return RepoFiles.under("grafana/dashboards", ".json");
    }

    static List<Path> ruleFiles() {
        return RepoFiles.under("deploy/prometheus/rules", ".yml", ".yaml");
    }

    /** Every panel target expression of every dashboard, in file order. */
    static List<Query> dashboardQueries() {
        List<Query> out = new ArrayList<>();
        for (Path file : dashboardFiles()) {
            for (JsonNode panel : panels(read(JSON, file))) {
                for (JsonNode target : panel.path("targets")) {
                    out.add(new Query(name(file), panel.path("title").asText() + " [" + target.path("refId").asText() + "]",
                            target.path("expr").asText()));
                }
            }
        }
        return out;
    }

    /**
     * Every Prometheus annotation query of every dashboard (capture markers). Like rule
     * expressions they end in a threshold that selects the moments to mark.
     */
    static List<Query> annotationQueries() {
        List<Query> out = new ArrayList<>();
        for (Path file : dashboardFiles()) {
            for (JsonNode a : read(JSON, file).path("annotations").path("list")) {
                if (a.path("target").has("expr")) {
                    out.add(new Query(name(file), "annotation " + a.path("name").asText(), a.path("target").path("expr").asText()));
                }
            }
        }
        return out;
    }

    /** Every alerting and recording rule expression. */
    static List<Query> ruleQueries() {
        List<Query> out = new ArrayList<>();
        for (Path file : ruleFiles()) {
            for (JsonNode group : read(YAML, file).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    String name = rule.has("alert") ? rule.path("alert").asText() : rule.path("record").asText();
                    out.add(new Query(name(file), name, rule.path("expr").asText().strip()));
                }
            }
        }
        return out;
    }

    /** The {@code label_values} template variables of every dashboard. */
    static List<LabelValuesVariable> labelValuesVariables() {
        List<LabelValuesVariable> out = new ArrayList<>();
        for (Path file : dashboardFiles()) {
            for (JsonNode variable : read(JSON, file).path("templating").path("list")) {
                if (!"query".equals(variable.path("type").asText())) {
                    continue;
                }
                String q = variable.path("query").isObject() ? variable.path("query").path("query").asText()
                        : variable.path("query").asText();
                Matcher m = LABEL_VALUES.matcher(q);
                if (!m.matches()) {
                    throw new AssertionError(name(file) + ": variable " + variable.path("name").asText()
                            + " is not label_values(metric, label): " + q);
                }
                out.add(new LabelValuesVariable(name(file), variable.path("name").asText(), m.group(1), m.group(2)));
            }
        }
        return out;
    }

    /** All panels, including those nested in collapsed rows. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : dashboard.path("panels")) {
            out.add(p);
            p.path("panels").forEach(out::add);
        }
        return out;
    }

    static JsonNode read(ObjectMapper mapper, Path file) {
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    private static String name(Path file) {
        return RepoFiles.root().relativize(file).toString();
    }
}
