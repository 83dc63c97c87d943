package io.leakwatch.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.graph.HeapIndex;
import io.leakwatch.hprof.GcRootKind;
import io.leakwatch.hprof.HprofTag;
import io.leakwatch.hprof.HprofWriter;
import io.leakwatch.hprof.HprofWriter.Field;
import io.leakwatch.hprof.ProgressListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShortestPathsTest {

    /**
     * On random graphs (cycles, unreachable parts, roots of several kinds), the search run on
     * demand gives every object the same answers as the complete search, whatever order the
     * questions come in, including questions about unreachable objects in between.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void onDemandAnswersAsTheCompleteSearch(int seed) {
        Random rnd = new Random(seed);
        HprofWriter w = new HprofWriter(8);
        long node = w.defineClass("com.example.Node", 0, new Field("a", HprofTag.TYPE_OBJECT),
                new Field("b", HprofTag.TYPE_OBJECT));
        int n = 200 + rnd.nextInt(400);
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = w.instance(node, Map.of());
        }
        for (int i = 0; i < n; i++) {
            for (String f : new String[] {"a", "b"}) {
                if (rnd.nextInt(5) > 0) {
                    w.set(ids[i], f, ids[rnd.nextInt(3) == 0 ? rnd.nextInt(n) : Math.min(n - 1, i + 1 + rnd.nextInt(9))]);
                }
            }
        }
        GcRootKind[] kinds = {GcRootKind.JNI_GLOBAL, GcRootKind.STICKY_CLASS, GcRootKind.MONITOR_USED};
        for (int r = 0, roots = 1 + rnd.nextInt(5); r < roots; r++) {
            w.root(kinds[rnd.nextInt(kinds.length)], ids[rnd.nextInt(n / 2)]);
        }
        HeapIndex index = TestHeaps.index(w.toBytes(), AnalysisRequest.forTypes("com.example.Node"));
        ShortestPaths complete = ShortestPaths.find(index, null, ProgressListener.NONE);
        ShortestPaths onDemand = ShortestPaths.onDemand(index, ProgressListener.NONE);
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < index.objectCount(); k++) {
            order.add(k);
        }
        Collections.shuffle(order, rnd);
        int unreachable = 0;
        for (int k : order) {
            if (!complete.reachable(k)) {
                unreachable++;
                assertThat(onDemand.reachable(k)).isFalse();
                assertThat(onDemand.path(k)).isEmpty();
                continue;
            }
            assertThat(onDemand.path(k)).as("path to %d", k).containsExactly(complete.path(k));
            assertThat(onDemand.length(k)).isEqualTo(complete.length(k));
            int first = complete.path(k)[0];
            assertThat(onDemand.rootOf(first)).isEqualTo(complete.rootOf(first));
        }
        assertThat(unreachable).as("the graphs have unreachable parts").isPositive();
    }
}
