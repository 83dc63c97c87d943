package io.leakwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeapDiffTest {

    private static PathTree.Node node(String key, long instances, long bytes) {
        return new PathTree.Node(key, key.replace('\n', ' '), instances, bytes);
    }

    @Test
    void aTypeOnlyOneCaptureAnalyzedIsNotCompared() {
        PathTree old = new PathTree(List.of(node("type Order\nstatic Service.ORDERS", 100, 1000)));
        PathTree now = new PathTree(List.of(node("type Order\nstatic Service.ORDERS", 250, 2500),
                node("type Session\nstatic Service.SESSIONS", 9000, 90000)));

        HeapDiff diff = HeapDiff.between(old, now);

        // Session was not analyzed the first time: its 9,000 did not grow from nothing
        assertThat(diff.rows()).extracting(HeapDiff.Growth::key).containsExactly("type Order\nstatic Service.ORDERS");
        assertThat(diff.top().instanceDelta()).isEqualTo(150);
    }
}
