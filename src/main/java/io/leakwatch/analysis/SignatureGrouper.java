package io.leakwatch.analysis;

import io.leakwatch.graph.EdgeLabel;
import io.leakwatch.graph.HeapIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups targets whose shortest chains look alike: the same root kind and root type, then the
 * same holder type and field (array indexes folded to {@code [*]}) at every hop, ending at the
 * same target type. Chains share prefixes, so signatures are interned in a trie and each object
 * on a path is labelled once.
 *
 * <p>What differs between runs of one program stays out of the key ({@link SignatureNames}: lambda,
 * hidden-class and proxy ids, generated accessor numbers). All instances of a signature have paths
 * of one length, which the fan-out of its chain relies on; the alerts group signatures further, by
 * {@link AccumulationPoint}.
 */
final class SignatureGrouper {

    private final HeapIndex index;
    private final ShortestPaths paths;
    private final int[] memo;
    private final Map<String, Integer> labelIds = new HashMap<>();
    private final List<String> labels = new ArrayList<>();
    private final Map<Long, Integer> trie = new HashMap<>();
    private final List<int[]> trieNodes = new ArrayList<>();
    private final Map<Long, Integer> shapeLabels = new HashMap<>();
    private final Map<Integer, Integer> targetLabels = new HashMap<>();

    /** @param scratch an int array of the object count, overwritten */
    SignatureGrouper(HeapIndex index, ShortestPaths paths, int[] scratch) {
        this.index = index;
        this.paths = paths;
        this.memo = scratch;
        Arrays.fill(memo, -1);
    }

    /** Reachable targets grouped by signature; each group's members ascending. */
    Map<Integer, int[]> group(int[] targets) {
        Map<Integer, List<Integer>> bySig = new LinkedHashMap<>();
        for (int t : targets) {
            int type = index.isClassObject(t) ? -1 - index.describedClass(t) : index.typeOf(t);
            Integer targetLabel = targetLabels.get(type);
            if (targetLabel == null) {
                targetLabel = labelId("-> " + SignatureNames.type(index.describeType(t)));
                targetLabels.put(type, targetLabel);
            }
            int sig = intern(signatureOf(t), targetLabel);
            bySig.computeIfAbsent(sig, s -> new ArrayList<>()).add(t);
        }
        Map<Integer, int[]> out = new LinkedHashMap<>();
        for (Map.Entry<Integer, List<Integer>> e : bySig.entrySet()) {
            out.put(e.getKey(), e.getValue().stream().mapToInt(Integer::intValue).sorted().toArray());
        }
        targetSig.putAll(invert(out));
        return out;
    }

    private final Map<Integer, Integer> targetSig = new HashMap<>();

    private static Map<Integer, Integer> invert(Map<Integer, int[]> groups) {
        Map<Integer, Integer> m = new HashMap<>();
        for (Map.Entry<Integer, int[]> e : groups.entrySet()) {
            m.put(e.getValue()[0], e.getKey());
        }
        return m;
    }

    /** The signature text of a group, given its first member. */
    String key(int firstMember) {
        int node = targetSig.get(firstMember);
        List<String> parts = new ArrayList<>();
        for (int x = node; x >= 0; x = trieNodes.get(x)[0]) {
            parts.add(labels.get(trieNodes.get(x)[1]));
        }
        java.util.Collections.reverse(parts);
        return String.join("\n", parts);
    }

    private int signatureOf(int target) {
        int[] stack = new int[16];
        int sp = 0;
        int x = target;
        while (memo[x] < 0) {
            if (sp == stack.length) {
                stack = Arrays.copyOf(stack, sp * 2);
            }
            stack[sp++] = x;
            if (paths.isRoot(x)) {
                break;
            }
            x = paths.parent(x);
        }
        while (sp > 0) {
            int y = stack[--sp];
            if (paths.isRoot(y)) {
                memo[y] = intern(-1, labelId(rootLabel(y)));
            } else {
                int p = paths.parent(y);
                long shape = index.edgeShape(p, y);
                Integer label = shape < 0 ? null : shapeLabels.get(shape);
                if (label == null) {
                    label = labelId(hopLabel(p, y));
                    if (shape >= 0) {
                        shapeLabels.put(shape, label);
                    }
                }
                memo[y] = intern(memo[p], label);
            }
        }
        return memo[target];
    }

    /** A root by kind and type (not by thread: the thread's name is in the chain's root description). */
    private String rootLabel(int root) {
        return paths.rootOf(root).kind().label() + " " + SignatureNames.type(index.describeType(root));
    }

    private String hopLabel(int from, int to) {
        if (index.isObjectArray(from)) {
            return SignatureNames.type(index.describeType(from)) + "[*]";
        }
        EdgeLabel l = index.edgeLabel(from, to);
        return switch (l.kind()) {
            case STATIC -> "static " + SignatureNames.type(l.holderType()) + "." + l.name();
            default -> SignatureNames.hop(l.holderType() + "." + l.name());
        };
    }

    private int labelId(String label) {
        Integer id = labelIds.get(label);
        if (id == null) {
            id = labels.size();
            labels.add(label);
            labelIds.put(label, id);
        }
        return id;
    }

    private int intern(int parent, int label) {
        long key = ((long) parent << 32) | (label & 0xFFFFFFFFL);
        Integer id = trie.get(key);
        if (id == null) {
            id = trieNodes.size();
            trieNodes.add(new int[] {parent, label});
            trie.put(key, id);
        }
        return id;
    }
}
