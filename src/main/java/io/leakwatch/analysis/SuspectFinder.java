package io.leakwatch.analysis;

import io.leakwatch.graph.EdgeLabel;
import io.leakwatch.graph.GcRoot;
import io.leakwatch.graph.HeapIndex;
import io.leakwatch.hprof.GcRootKind;
import io.leakwatch.hprof.ProgressListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Leak suspects from the whole heap's {@link DominatorTree}, after Eclipse MAT's FindLeaksQuery.
 *
 * <p>A node is big when it retains at least {@link #THRESHOLD} of the reachable heap. Big nodes
 * form the top of the tree; a big node is a suspect when what it retains beyond its big children
 * is itself big (so the loader that holds two leaking classes is not a suspect, each class's list
 * is, and two suspects never count the same bytes: there are at most 1/THRESHOLD of them). From
 * a suspect the search descends, as MAT does, to the biggest child while that child keeps at least
 * {@link #BIG_DROP} of its parent: where the retained size fans out into many children is the
 * accumulation point. Runs of one type (linked lists, queues) are entered at their head, so a
 * chain never walks a million {@code next} fields.
 */
public final class SuspectFinder {

    /** MAT's default threshold for a suspect: 10 % of the heap. */
    public static final double THRESHOLD = 0.10;
    /** MAT's big_drop_ratio: descend while the biggest child keeps 70 % of its parent. */
    static final double BIG_DROP = 0.7;
    private static final int RETAINED_TYPES = 5;
    private static final List<String> PLATFORM = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

    private final HeapIndex index;
    private final ShortestPaths paths;
    private final DominatorTree tree;
    private final boolean showValues;

    private SuspectFinder(HeapIndex index, ShortestPaths paths, DominatorTree tree, boolean showValues) {
        this.index = index;
        this.paths = paths;
        this.tree = tree;
        this.showValues = showValues;
    }

    /**
     * @param top          at most this many suspects are reported
     * @param jdkInternals whether suspects made only of JDK internals are reported (else counted)
     */
    public static HeapSuspects find(HeapIndex index, ShortestPaths paths, DominatorTree tree, int top,
                                    boolean showValues, boolean jdkInternals, ProgressListener progress) {
        return new SuspectFinder(index, paths, tree, showValues).run(top, jdkInternals, progress);
    }

    private HeapSuspects run(int top, boolean jdkInternals, ProgressListener progress) {
        int count = tree.nodeCount();
        long total = tree.retained(0);
        long threshold = Math.max(1, (long) Math.ceil(total * THRESHOLD));
        int[] big = bigNodes(count, threshold);
        long[] beyond = new long[big.length];
        for (int i = 0; i < big.length; i++) {
            beyond[i] = tree.retained(big[i]);
        }
        for (int b : big) {
            int p = Arrays.binarySearch(big, tree.idom(b));
            if (p >= 0) {
                beyond[p] -= tree.retained(b);
            }
        }
        List<Integer> points = new ArrayList<>();
        for (int i = 0; i < big.length; i++) {
            if (beyond[i] >= threshold) {
                int acc = descend(runHead(big[i]), threshold);
                if (!points.contains(acc)) {
                    points.add(acc);
                }
            }
        }
        progress.progress("leak suspects: accumulation points", points.size(), points.size());
        Subtrees subtrees = new Subtrees(points.stream().mapToInt(Integer::intValue).toArray());
        progress.checkCancelled();
        List<LeakSuspect> all = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            all.add(suspect(points.get(i), total, subtrees, i, jdkInternals));
            progress.checkCancelled();
        }
        all.sort(Comparator.comparingLong(LeakSuspect::retainedBytes).reversed()
                .thenComparing(LeakSuspect::culprit));
        List<LeakSuspect> shown = new ArrayList<>();
        int hidden = 0;
        for (LeakSuspect s : all) {
            if (s.jdkInternal() && !jdkInternals) {
                hidden++;
            } else if (shown.size() < top) {
                shown.add(s);
            }
        }
        return new HeapSuspects(total, count - 1L, THRESHOLD, shown, hidden);
    }

    private int[] bigNodes(int count, long threshold) {
        int n = 0;
        for (int w = 1; w < count; w++) {
            if (tree.retained(w) >= threshold) {
                n++;
            }
        }
        int[] big = new int[n];
        int at = 0;
        for (int w = 1; w < count; w++) {
            if (tree.retained(w) >= threshold) {
                big[at++] = w;
            }
        }
        return big;
    }

    /**
     * The child of node {@code a} in the dominator tree that retains the most, the first in preorder
     * among equals (0 = none). Children come after {@code a} in preorder and their retained sizes add
     * up to what {@code a} retains beyond itself, so the sweep stops once it has found them all.
     */
    private int biggestChild(int a) {
        long rest = tree.retained(a) - index.shallowSize(tree.objectOf(a));
        int best = 0;
        int count = tree.nodeCount();
        for (int w = a + 1; w < count && rest > 0; w++) {
            if (tree.idom(w) == a) {
                rest -= tree.retained(w);
                if (best == 0 || tree.retained(w) > tree.retained(best)) {
                    best = w;
                }
            }
        }
        return best;
    }

    /** Climbs to the first node of a run of same-typed dominators (a linked list's head). */
    private int runHead(int w) {
        int type = tree.type(w);
        int x = w;
        while (tree.idom(x) >= 1 && tree.type(tree.idom(x)) == type) {
            x = tree.idom(x);
        }
        return x;
    }

    /**
     * MAT's descent: into the biggest child while it keeps most of the parent, but not into a big
     * child (that is, or leads to, a suspect of its own) nor along a run of one type.
     */
    private int descend(int from, long threshold) {
        int acc = from;
        while (true) {
            int c = biggestChild(acc);
            if (c == 0 || tree.retained(c) < BIG_DROP * tree.retained(acc)
                    || tree.retained(c) >= threshold
                    || tree.type(c) == tree.type(acc)) {
                return acc;
            }
            acc = c;
        }
    }

    private LeakSuspect suspect(int acc, long total, Subtrees subtrees, int which, boolean jdkInternals) {
        int accObject = tree.objectOf(acc);
        int[] path = paths.path(accObject);
        int fanOut = subtrees.children[which];
        List<ChainHop> hops = new ArrayList<>(path.length);
        GcRoot root = paths.rootOf(path[0]);
        String[] rootText = LeakAnalyzer.describeRoot(index, root);
        String heldBy = rootText[0] + " " + rootText[1];
        boolean application = false;
        int appCulprit = -1;
        int staticCulprit = -1;
        for (int i = 0; i < path.length; i++) {
            int k = path[i];
            String holder = null;
            String ref = null;
            if (i > 0) {
                EdgeLabel l = index.edgeLabel(path[i - 1], k);
                holder = l.holderType();
                ref = l.kind() == EdgeLabel.Kind.STATIC ? "static " + l.name() : l.name();
                if (l.kind() == EdgeLabel.Kind.STATIC) {
                    heldBy = LeakAnalyzer.staticHolder(l);
                    staticCulprit = i;
                }
                if (!platform(holder)) {
                    application = true;
                    if (l.kind() != EdgeLabel.Kind.ARRAY_SLOT) {
                        appCulprit = i;
                    }
                }
            }
            hops.add(new ChainHop(holder, ref, index.objectId(k), index.describeType(k), index.shallowSize(k),
                    tree.retainedSize(k), HeapValues.of(index, k, showValues), i == path.length - 1 ? fanOut : 1));
        }
        int threadLocal = ThreadLocalOwner.mapHop(index, path);
        int culprit = threadLocal > 0 ? threadLocal : appCulprit > 0 ? appCulprit : staticCulprit;
        String owner = threadLocal > 0 ? ThreadLocalOwner.of(index, paths, path) : null;
        RetentionChain chain = new RetentionChain(rootText[0], rootText[1], heldBy, hops, path.length - 1, culprit, owner);
        int lead = culprit > 0 ? culprit : path.length - 1;
        ChainHop leadHop = hops.get(lead);
        String culpritText = culprit > 0 ? field(hops.get(culprit)) : heldBy;
        boolean jdk = !application && threadLocal < 0 && platformRoot(root, path[0]);
        int collapsed = jdkInternals ? 0 : collapsible(hops, culprit > 0 ? culprit : path.length - 1);
        long leadRetained = Math.max(0, leadHop.retainedBytes());
        return new LeakSuspect(leadHop.objectType(), culpritText, leadRetained, total == 0 ? 0 : (double) leadRetained / total,
                index.describeType(accObject), tree.retained(acc), fanOut, retainedTypes(subtrees.counts[which], subtrees.bytes[which]), chain,
                collapsed, jdk);
    }

    /**
     * What the accumulation points keep alive, from the tree and the index's object table: one
     * sweep per point over the nodes after it in preorder marks what it dominates (every such node
     * comes after it, and so does that node's immediate dominator unless it is the point itself),
     * then one sweep over the objects in index order, which reads types and sizes sequentially,
     * adds up the marked ones by type.
     */
    private final class Subtrees {
        final int[] children;
        final long[][] counts;
        final long[][] bytes;

        Subtrees(int[] points) {
            int count = tree.nodeCount();
            children = new int[points.length];
            counts = new long[points.length][index.typeCount()];
            bytes = new long[points.length][index.typeCount()];
            long[][] in = new long[points.length][];
            for (int i = 0; i < points.length; i++) {
                int p = points[i];
                long[] mine = new long[((count - p) >>> 6) + 1];
                mine[0] = 1L;
                for (int w = p + 1; w < count; w++) {
                    int rel = tree.idom(w) - p;
                    if (rel < 0 || (mine[rel >>> 6] & (1L << rel)) == 0) {
                        continue;
                    }
                    int wr = w - p;
                    mine[wr >>> 6] |= 1L << wr;
                    if (rel == 0) {
                        children[i]++;
                    }
                }
                in[i] = mine;
            }
            for (int k = 0, n = index.objectCount(); k < n; k++) {
                int w = tree.nodeOf(k);
                for (int i = 0; i < points.length; i++) {
                    int wr = w - points[i];
                    if (wr > 0 && (in[i][wr >>> 6] & (1L << wr)) != 0) {
                        int t = index.typeOf(k);
                        if (t >= 0) {
                            counts[i][t]++;
                            bytes[i][t] += index.shallowSize(k);
                        }
                    }
                }
            }
        }
    }

    private List<LeakSuspect.RetainedType> retainedTypes(long[] counts, long[] bytes) {
        List<LeakSuspect.RetainedType> out = new ArrayList<>();
        for (int t = 0; t < counts.length; t++) {
            if (counts[t] > 0) {
                out.add(new LeakSuspect.RetainedType(index.typeName(t), counts[t], bytes[t]));
            }
        }
        out.sort(Comparator.comparingLong(LeakSuspect.RetainedType::bytes).reversed()
                .thenComparing(LeakSuspect.RetainedType::type));
        return out.subList(0, Math.min(RETAINED_TYPES, out.size()));
    }

    /**
     * How many hops from the root on are JDK internals on the way to the application: references
     * all declared by the JDK, ending at least two hops before {@code end} so the hop that holds
     * the culprit's holder stays visible. 0 when fewer than two hops would fold.
     */
    private static int collapsible(List<ChainHop> hops, int end) {
        int c = 0;
        for (int i = 1; i <= end - 2; i++) {
            if (!platform(hops.get(i).holderType())) {
                break;
            }
            c = i;
        }
        return c >= 2 ? c : 0;
    }

    private boolean platformRoot(GcRoot root, int rootObject) {
        if (root.kind() != GcRootKind.STICKY_CLASS && root.kind() != GcRootKind.JNI_GLOBAL) {
            return false;
        }
        String type = index.describeType(rootObject);
        return platform(type.startsWith("class ") ? type.substring(6) : type);
    }

    private static boolean platform(String type) {
        return type != null && PLATFORM.stream().anyMatch(type::startsWith);
    }

    /** {@code Holder.field} with the holder's simple name, as alerts name culprits. */
    private static String field(ChainHop hop) {
        String ref = hop.reference();
        String type = hop.holderType();
        int dot = type.lastIndexOf('.');
        String simple = dot < 0 ? type : type.substring(dot + 1);
        if (ref.startsWith("[")) {
            return simple + ref;
        }
        return simple + "." + (ref.startsWith("static ") ? ref.substring(7) : ref);
    }
}
