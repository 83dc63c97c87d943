package io.leakwatch.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.leakwatch.analysis.ChainHop;
import io.leakwatch.analysis.LeakAnalysis;
import io.leakwatch.analysis.LeakSignature;
import io.leakwatch.analysis.LeakSuspect;
import io.leakwatch.analysis.RetentionChain;
import io.leakwatch.analysis.TargetGroup;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a heap diff needs of an analysis, small enough to keep in report.json after the dump is
 * deleted: the shortest-path tree folded by shape. A node is a chain prefix (root, then holder and
 * field per hop, array slots folded to {@code [*]}); it counts the objects the chains below it lead
 * to and the bytes they retain, summed over every signature (and every suspect) that passes through it.
 *
 * @param nodes tree nodes, parents before children
 */
public record PathTree(List<Node> nodes) {

    /** One node: its key (the prefix, one step per line), a short label, objects and bytes below it. */
    public record Node(String key, String label, long instances, long bytes) {
    }

    public PathTree {
        nodes = List.copyOf(nodes);
    }

    /** The tree of an analysis: its suspects' chains, then each target group's signatures. */
    public static PathTree of(LeakAnalysis a) {
        Map<String, long[]> sums = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        if (a.suspects() != null) {
            for (LeakSuspect s : a.suspects().suspects()) {
                add("suspects", s.chain(), s.fanOut(), s.accumulationBytes(), sums, labels);
            }
        }
        for (TargetGroup g : a.groups()) {
            for (LeakSignature s : g.signatures()) {
                add((g.kind() == TargetGroup.Kind.MARKER ? "marker " : "type ") + g.name(), s.example(),
                        s.instances(), Math.max(s.retainedBytes(), s.shallowBytes()), sums, labels);
            }
        }
        List<Node> nodes = new ArrayList<>();
        sums.forEach((k, v) -> nodes.add(new Node(k, labels.get(k), v[0], v[1])));
        return new PathTree(nodes);
    }

    private static void add(String tree, RetentionChain c, long instances, long bytes, Map<String, long[]> sums,
                            Map<String, String> labels) {
        StringBuilder key = new StringBuilder(tree).append('\n').append(c.rootKind()).append(' ')
                .append(c.hops().get(0).objectType());
        StringBuilder label = new StringBuilder(c.hops().get(0).objectType());
        for (int i = 0; i <= c.hops().size() - 1; i++) {
            if (i > 0) {
                ChainHop h = c.hops().get(i);
                String step = simple(h.holderType()) + (h.reference().startsWith("[") ? "[*]"
                        : "." + (h.reference().startsWith("static ") ? h.reference().substring(7) : h.reference()));
                key.append('\n').append(h.holderType()).append(' ').append(step);
                label.append(" -> ").append(step);
            }
            String k = key.toString();
            long[] sum = sums.computeIfAbsent(k, x -> new long[2]);
            sum[0] += instances;
            sum[1] += bytes;
            labels.put(k, tree + ": " + label);
        }
    }

    private static String simple(String type) {
        int dot = type.lastIndexOf('.');
        return dot < 0 ? type : type.substring(dot + 1);
    }

    /** Writes the {@code pathTree} field of the JSON report. */
    void write(JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("pathTree");
        for (Node n : nodes) {
            g.writeStartObject();
            g.writeStringField("key", n.key());
            g.writeStringField("label", n.label());
            g.writeNumberField("instances", n.instances());
            g.writeNumberField("bytes", n.bytes());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /**
     * The tree stored in a report.json, or null when the report has none (written before schema
     * {@code leakwatch.analysis/1} carried it).
     */
    public static PathTree fromJson(JsonNode report) {
        JsonNode arr = report.get("pathTree");
        if (arr == null || !arr.isArray()) {
            return null;
        }
        List<Node> nodes = new ArrayList<>();
        for (JsonNode n : arr) {
            nodes.add(new Node(n.path("key").asText(), n.path("label").asText(), n.path("instances").asLong(),
                    n.path("bytes").asLong()));
        }
        return new PathTree(nodes);
    }
}
