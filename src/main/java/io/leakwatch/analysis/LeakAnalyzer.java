package io.leakwatch.analysis;

import io.leakwatch.graph.EdgeLabel;
import io.leakwatch.graph.GcRoot;
import io.leakwatch.graph.HeapIndex;
import io.leakwatch.graph.MarkedObject;
import io.leakwatch.hprof.ProgressListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers an {@link AnalysisRequest} over a {@link HeapIndex}: shortest strong paths from the GC
 * roots, targets grouped by type or marker label, chains grouped into signatures, retained sizes
 * for what the report shows.
 */
public final class LeakAnalyzer {

    private final HeapIndex index;
    private final AnalysisRequest request;
    private final ProgressListener progress;

    private LeakAnalyzer(HeapIndex index, AnalysisRequest request, ProgressListener progress) {
        this.index = index;
        this.request = request;
        this.progress = progress;
    }

    public static LeakAnalysis analyze(HeapIndex index, AnalysisRequest request, ProgressListener progress) {
        return new LeakAnalyzer(index, request, progress).run();
    }

    private record Input(String name, TargetGroup.Kind kind, long inDump, int[] targets) {
    }

    private LeakAnalysis run() {
        int n = index.objectCount();
        // the tree first: its working arrays are garbage before the paths' arrays exist (a lower peak)
        DominatorTree tree = request.suspects() ? DominatorTree.compute(index, progress) : null;
        // suspects alone need the paths to a few accumulation points near the roots, not to every object
        boolean onlySuspects = request.suspects() && request.types().isEmpty() && !request.markers();
        int[] scratch = onlySuspects ? null : new int[n];
        ShortestPaths paths = onlySuspects ? ShortestPaths.onDemand(index, progress)
                : ShortestPaths.find(index, scratch, progress);
        HeapSuspects suspects = tree == null ? null : SuspectFinder.find(index, paths, tree, request.top(),
                request.showValues(), request.jdkInternals(), progress);
        tree = null; // what follows needs only the suspects: let the tree go
        progress.progress("grouping signatures", 0, 0);
        List<Input> inputs = selectTargets(paths);
        if (inputs.isEmpty()) {
            return new LeakAnalysis(index.header().format(), index.header().idSize(), n, index.edgeCount(),
                    index.roots().size(), List.of(), suspects, List.of());
        }
        SignatureGrouper grouper = new SignatureGrouper(index, paths, scratch);
        List<int[]> reachable = new ArrayList<>();
        List<Map<Integer, int[]>> grouped = new ArrayList<>();
        int total = 0;
        for (Input in : inputs) {
            int[] r = Arrays.stream(in.targets()).filter(paths::reachable).toArray();
            reachable.add(r);
            total += r.length;
            grouped.add(grouper.group(r));
        }
        int[] all = new int[total];
        int at = 0;
        for (int[] r : reachable) {
            System.arraycopy(r, 0, all, at, r.length);
            at += r.length;
        }
        RetainedSizes retained = RetainedSizes.compute(index, paths, all, scratch, progress);
        ChainBuilder chains = new ChainBuilder(index, paths, retained, request.showValues());
        List<TargetGroup> groups = new ArrayList<>();
        for (int g = 0; g < inputs.size(); g++) {
            Input in = inputs.get(g);
            int[] r = reachable.get(g);
            List<int[]> sigs = new ArrayList<>(grouped.get(g).values());
            long[] shallow = new long[sigs.size()];
            for (int s = 0; s < sigs.size(); s++) {
                for (int k : sigs.get(s)) {
                    shallow[s] += index.shallowSize(k);
                }
            }
            Integer[] order = new Integer[sigs.size()];
            for (int s = 0; s < order.length; s++) {
                order[s] = s;
            }
            boolean[] jdk = new boolean[sigs.size()];
            boolean anyApplication = false;
            for (int s = 0; s < jdk.length; s++) {
                jdk[s] = JdkHeld.test(index, paths, sigs.get(s)[0]);
                anyApplication |= !jdk[s];
            }
            // by the bytes each holds, as growth is judged: a few big buffers outrank many small arrays
            Arrays.sort(order, Comparator.<Integer>comparingLong(s -> -shallow[s])
                    .thenComparingInt(s -> -sigs.get(s).length).thenComparingInt(s -> sigs.get(s)[0]));
            if (anyApplication) {
                // what only the JDK's statics hold is in every JVM; the application's holders explain a leak
                order = Arrays.stream(order).filter(s -> !jdk[s]).toArray(Integer[]::new);
            }
            List<LeakSignature> top = new ArrayList<>();
            long groupShallow = 0;
            for (long s : shallow) {
                groupShallow += s;
            }
            for (int i = 0; i < Math.min(request.top(), order.length); i++) {
                int[] members = sigs.get(order[i]);
                RetentionChain chain = chains.build(members);
                top.add(new LeakSignature(grouper.key(members[0]), members.length, shallow[order[i]],
                        retained.retainedSize(members), chain));
            }
            groups.add(new TargetGroup(in.name(), in.kind(), in.inDump(), in.targets().length,
                    in.targets().length - r.length, groupShallow, retained.retainedSize(r), sigs.size(), top));
            progress.progress("signatures", g + 1, inputs.size());
            progress.checkCancelled();
        }
        return new LeakAnalysis(index.header().format(), index.header().idSize(), n, index.edgeCount(),
                index.roots().size(), groups, suspects, TypeSuggestions.unknown(index, request.types()));
    }

    private List<Input> selectTargets(ShortestPaths paths) {
        List<Input> inputs = new ArrayList<>();
        List<String> types = new ArrayList<>(request.types());
        if (request.picksTopTypes()) {
            Map<String, Long> bytesByName = new HashMap<>();
            for (int t = 0; t < index.typeCount(); t++) {
                bytesByName.merge(index.typeName(t), index.shallowBytes(t), Long::sum);
            }
            bytesByName.entrySet().stream().filter(e -> e.getValue() > 0)
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(request.top()).forEach(e -> types.add(e.getKey()));
        }
        for (String name : types) {
            int[] targets = index.collected(name) ? index.instancesOf(name) : index.scanInstances(name, request.limit());
            inputs.add(new Input(name, TargetGroup.Kind.TYPE, index.instanceCount(name), targets));
        }
        if (request.markers()) {
            Map<String, List<Integer>> byLabel = new LinkedHashMap<>();
            Map<String, Integer> marked = new HashMap<>();
            for (MarkedObject m : index.markers()) {
                int labelObj = index.followId(m.markRef(), m.labelId());
                String label = labelObj < 0 ? "(no label)" : String.valueOf(index.stringValue(labelObj));
                marked.merge(label, 1, Integer::sum);
                if (paths.reachable(m.markRef())) {
                    byLabel.computeIfAbsent(label, l -> new ArrayList<>()).add(m.referent());
                }
            }
            for (Map.Entry<String, Integer> e : marked.entrySet()) {
                int[] ks = byLabel.getOrDefault(e.getKey(), List.of()).stream().mapToInt(Integer::intValue)
                        .distinct().sorted().toArray();
                if (request.limit() > 0 && ks.length > request.limit()) {
                    ks = Arrays.copyOf(ks, request.limit());
                }
                inputs.add(new Input(e.getKey(), TargetGroup.Kind.MARKER, e.getValue(), ks));
            }
        }
        return inputs;
    }

    /** Describes the root that starts a path. */
    static String[] describeRoot(HeapIndex index, GcRoot root) {
        String kind = root.kind().label();
        String thread = root.threadSerial() == 0 ? null : index.threadName(root.threadSerial());
        String threadText = thread == null ? "thread #" + root.threadSerial() : "thread \"" + thread + "\"";
        String details = switch (root.kind()) {
            case THREAD_OBJECT -> thread == null ? "#" + root.threadSerial() : "\"" + thread + "\"";
            case JAVA_FRAME, JNI_LOCAL -> {
                String frame = index.frame(root.threadSerial(), root.frameNumber());
                yield threadText + (frame == null ? ", frame " + root.frameNumber() : " in " + frame);
            }
            case NATIVE_STACK, THREAD_BLOCK -> threadText;
            default -> index.describeType(root.object());
        };
        return new String[] {kind, details};
    }

    static String staticHolder(EdgeLabel label) {
        return "static field " + label.holderType() + "." + label.name();
    }
}
