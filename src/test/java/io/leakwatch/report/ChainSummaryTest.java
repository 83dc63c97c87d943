package io.leakwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.analysis.ChainHop;
import io.leakwatch.analysis.LeakSignature;
import io.leakwatch.analysis.RetentionChain;
import io.leakwatch.analysis.TargetGroup;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainSummaryTest {

    private static ChainHop hop(String holder, String ref, String type, int fanOut) {
        return new ChainHop(holder, ref, 0x1000, type, 16, 600, null, fanOut);
    }

    /** FEED -> listeners (CopyOnWriteArrayList) -> array -> [*] listener -> session. */
    private static RetentionChain listenerChain(int accumulation) {
        return new RetentionChain("system class", "class com.example.Service", "static field com.example.Service.FEED",
                List.of(hop(null, null, "class com.example.Service", 1),
                        hop("com.example.Service", "static FEED", "com.example.Service$Feed", 1),
                        hop("com.example.Service$Feed", "listeners", "java.util.concurrent.CopyOnWriteArrayList", 1),
                        hop("java.util.concurrent.CopyOnWriteArrayList", "array", "java.lang.Object[]", 500),
                        hop("java.lang.Object[]", "[17]", "com.example.Listener", 1),
                        hop("com.example.Listener", "session", "com.example.Session", 1)),
                accumulation);
    }

    @Test
    void aCappedAnalysisSaysHowManyItAnalyzedOfHowMany() {
        LeakSignature s = new LeakSignature("k", 50_000, 1_200_000, 1_600_000, listenerChain(3));
        TargetGroup capped = new TargetGroup("com.example.Session", TargetGroup.Kind.TYPE, 5_500_000, 50_000, 0,
                1, 1, 1, List.of(s));
        TargetGroup whole = new TargetGroup("com.example.Session", TargetGroup.Kind.TYPE, 50_000, 50_000, 0,
                1, 1, 1, List.of(s));
        assertThat(ChainSummary.describe(capped, s)).startsWith("50,000 × com.example.Session held by Service$Feed.listeners")
                .endsWith(" (of 50,000 analyzed; 5,500,000 in the dump)");
        assertThat(ChainSummary.describe(whole, s)).doesNotContain("analyzed");
    }

    /** A worker's thread-local map; the analysis named the hop and the ThreadLocal's owner. */
    @Test
    void aCulpritTheAnalysisNamedIsMarkedWithItsOwner() {
        RetentionChain c = new RetentionChain("thread", "\"request-worker\"", "thread \"request-worker\"",
                List.of(hop(null, null, "java.lang.Thread", 1),
                        hop("java.lang.Thread", "threadLocals", "java.lang.ThreadLocal$ThreadLocalMap", 1),
                        hop("java.lang.ThreadLocal$ThreadLocalMap", "table", "java.lang.ThreadLocal$ThreadLocalMap$Entry[]", 1),
                        hop("java.lang.ThreadLocal$ThreadLocalMap$Entry[]", "[3]", "java.lang.ThreadLocal$ThreadLocalMap$Entry", 1),
                        hop("java.lang.ThreadLocal$ThreadLocalMap$Entry", "value", "java.lang.Object[]", 40),
                        hop("java.lang.Object[]", "[0]", "byte[]", 1)),
                4, 1, "Tracing.TRACE");

        assertThat(ChainSummary.culprit(c)).isEqualTo("Thread.threadLocals");
        assertThat(ChainSummary.chainText(c))
                .contains("via Thread.threadLocals   <-- culprit (ThreadLocal Tracing.TRACE)\n");
    }

    @Test
    void culpritIsTheApplicationFieldBeforeTheFanOut() {
        assertThat(ChainSummary.culprit(listenerChain(3))).isEqualTo("Service$Feed.listeners");
    }

    @Test
    void withoutFanOutTheLastApplicationFieldOnTheWayHolds() {
        assertThat(ChainSummary.culprit(listenerChain(-1))).isEqualTo("Listener.session");
    }

    @Test
    void chainTextMarksTheCulpritAndTheFanOut() {
        String text = ChainSummary.chainText(listenerChain(3));
        assertThat(text).startsWith("ROOT system class: class com.example.Service\n")
                .contains("-> com.example.Service$Feed  via Service.FEED\n")
                .contains("-> java.util.concurrent.CopyOnWriteArrayList  via Service$Feed.listeners   <-- culprit\n")
                .contains("-> java.lang.Object[]  via CopyOnWriteArrayList.array   (fans out to 500)\n")
                .contains("-> com.example.Listener  via Object[][17]\n");
    }

    @Test
    void keyIsStableAndTellsGroupsApart() {
        LeakSignature s = new LeakSignature("shape", 500, 8000, 300_000, listenerChain(3));
        TargetGroup type = new TargetGroup("com.example.Listener", TargetGroup.Kind.TYPE, 500, 500, 0, 8000, 300_000, 1,
                List.of(s));
        TargetGroup marker = new TargetGroup("com.example.Listener", TargetGroup.Kind.MARKER, 500, 500, 0, 8000, 300_000,
                1, List.of(s));
        assertThat(ChainSummary.key(type, s)).matches("[0-9a-f]{16}").isEqualTo(ChainSummary.key(type, s))
                .isNotEqualTo(ChainSummary.key(marker, s));
        assertThat(ChainSummary.describe(type, s))
                .isEqualTo("500 × com.example.Listener held by Service$Feed.listeners, retaining 293.0 KiB");
    }
}
