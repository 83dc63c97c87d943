package io.leakwatch.analysis;

import io.leakwatch.graph.EdgeLabel;
import io.leakwatch.graph.GcRoot;
import io.leakwatch.graph.HeapIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Turns the shortest path of a signature's first instance into a {@link RetentionChain}. */
final class ChainBuilder {

    private final HeapIndex index;
    private final ShortestPaths paths;
    private final boolean showValues;
    private final RetainedSizes retained;

    ChainBuilder(HeapIndex index, ShortestPaths paths, RetainedSizes retained, boolean showValues) {
        this.index = index;
        this.paths = paths;
        this.retained = retained;
        this.showValues = showValues;
    }

    /** @param members the signature's instances, ascending; all share one chain shape */
    RetentionChain build(int[] members) {
        int[] path = paths.path(members[0]);
        int len = path.length;
        int[] fanOut = fanOut(members, len);
        GcRoot root = paths.rootOf(path[0]);
        String[] rootText = LeakAnalyzer.describeRoot(index, root);
        List<ChainHop> hops = new ArrayList<>(len);
        String heldBy = rootText[0] + " " + rootText[1];
        int accumulation = -1;
        for (int i = 0; i < len; i++) {
            int k = path[i];
            String holder = null;
            String ref = null;
            if (i > 0) {
                EdgeLabel l = index.edgeLabel(path[i - 1], k);
                holder = l.holderType();
                ref = l.kind() == EdgeLabel.Kind.STATIC ? "static " + l.name() : l.name();
                if (l.kind() == EdgeLabel.Kind.STATIC) {
                    heldBy = LeakAnalyzer.staticHolder(l);
                }
            }
            if (accumulation < 0 && fanOut[i] > 1) {
                accumulation = i;
            }
            hops.add(new ChainHop(holder, ref, index.objectId(k), index.describeType(k), index.shallowSize(k),
                    retained.retainedSize(k), HeapValues.of(index, k, showValues), fanOut[i]));
        }
        int culprit = ThreadLocalOwner.mapHop(index, path);
        String owner = culprit < 0 ? null : ThreadLocalOwner.of(index, paths, path);
        return new RetentionChain(rootText[0], rootText[1], heldBy, hops, accumulation, culprit, owner);
    }

    /** For each position, how many distinct objects the members' chains hold one hop further. */
    private int[] fanOut(int[] members, int len) {
        int[][] atDepth = new int[len][members.length];
        for (int m = 0; m < members.length; m++) {
            int x = members[m];
            for (int d = len - 1; d >= 0; d--) {
                atDepth[d][m] = x;
                if (d > 0) {
                    x = paths.isRoot(x) ? x : paths.parent(x);
                }
            }
        }
        int[] out = new int[len];
        for (int d = 0; d + 1 < len; d++) {
            int[] next = atDepth[d + 1];
            Arrays.sort(next);
            int distinct = 0;
            for (int i = 0; i < next.length; i++) {
                if (i == 0 || next[i] != next[i - 1]) {
                    distinct++;
                }
            }
            out[d] = distinct;
        }
        return out;
    }
}
