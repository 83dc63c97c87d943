package io.leakwatch.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;

/**
 * Which nodes of the shortest-path tree grew between two analyses of one target, by how many
 * objects and bytes: most bytes gained first. A node only one side has counts as zero on the other;
 * nodes of a type or marker label that only one analysis looked at are left out.
 *
 * @param rows every node of either tree whose counts changed
 */
public record HeapDiff(List<Growth> rows) {

    /** One node's counts before and after. */
    public record Growth(String key, String label, long oldInstances, long newInstances, long oldBytes, long newBytes) {
        public long instanceDelta() {
            return newInstances - oldInstances;
        }

        public long byteDelta() {
            return newBytes - oldBytes;
        }
    }

    public HeapDiff {
        rows = List.copyOf(rows);
    }

    public static HeapDiff between(PathTree old, PathTree now) {
        Map<String, PathTree.Node> before = new HashMap<>();
        old.nodes().forEach(n -> before.put(n.key(), n));
        List<Growth> rows = new ArrayList<>();
        Map<String, Boolean> seen = new HashMap<>();
        for (PathTree.Node n : now.nodes()) {
            PathTree.Node o = before.get(n.key());
            seen.put(n.key(), true);
            rows.add(new Growth(n.key(), n.label(), o == null ? 0 : o.instances(), n.instances(),
                    o == null ? 0 : o.bytes(), n.bytes()));
        }
        for (PathTree.Node o : old.nodes()) {
            if (!seen.containsKey(o.key())) {
                rows.add(new Growth(o.key(), o.label(), o.instances(), 0, o.bytes(), 0));
            }
        }
        rows.removeIf(g -> g.instanceDelta() == 0 && g.byteDelta() == 0);
        // a type or label only one analysis looked at did not grow from nothing: it was not compared
        Set<String> both = new HashSet<>(trees(old));
        both.retainAll(trees(now));
        rows.removeIf(g -> !both.contains(tree(g.key())));
        // most bytes gained first; among equal gains the deepest node (the accumulation point) first
        rows.sort(Comparator.comparingLong(Growth::byteDelta).reversed()
                .thenComparing(Comparator.comparingLong(Growth::instanceDelta).reversed())
                .thenComparing(Comparator.comparingInt((Growth g) -> g.key().length()).reversed()));
        return new HeapDiff(rows);
    }

    private static Set<String> trees(PathTree t) {
        Set<String> names = new HashSet<>();
        t.nodes().forEach(n -> names.add(tree(n.key())));
        return names;
    }

    /** The first line of a node's key: what was analysed ({@code type X}, {@code marker L}, {@code suspects}). */
    private static String tree(String key) {
        int nl = key.indexOf('\n');
        return nl < 0 ? key : key.substring(0, nl);
    }

    /** The node that grew the most, or null when nothing grew. */
    public Growth top() {
        return rows.isEmpty() || rows.get(0).byteDelta() <= 0 && rows.get(0).instanceDelta() <= 0 ? null : rows.get(0);
    }
}
