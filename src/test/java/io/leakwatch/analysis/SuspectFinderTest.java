package io.leakwatch.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuspectFinderTest {

    static AnalysisRequest suspects(boolean jdkInternals) {
        return new AnalysisRequest(List.of(), false, 5, 0, false, true, jdkInternals);
    }

    @Test
    void theStaticListOfOrdersLeadsWithItsFieldAsCulprit() {
        LeakAnalysis a = TestHeaps.analyze(SuspectHeaps.orderService(), suspects(false));

        HeapSuspects hs = a.suspects();
        assertThat(a.groups()).isEmpty();
        assertThat(hs.suspects()).hasSize(1);
        assertThat(hs.hiddenJdk()).isEqualTo(1);
        LeakSuspect s = hs.suspects().get(0);
        assertThat(s.type()).isEqualTo("java.util.ArrayList");
        assertThat(s.culprit()).isEqualTo("OrderService.ORDERS");
        assertThat(s.jdkInternal()).isFalse();
        assertThat(s.accumulationType()).isEqualTo("java.lang.Object[]");
        assertThat(s.fanOut()).isEqualTo(200);
        // Order 16+8+4 -> 32 bytes, byte[100] 16+4+100 -> 120: the payloads first
        assertThat(s.retainedTypes()).containsExactly(new LeakSuspect.RetainedType("byte[]", 200, 200 * 120),
                new LeakSuspect.RetainedType("com.example.Order", 200, 200 * 32));
        // the list, its Object[200] (16+4+1600 -> 1624) and everything under it
        assertThat(s.accumulationBytes()).isEqualTo(1624 + 200 * 152);
        assertThat(s.retainedBytes()).isEqualTo(s.accumulationBytes() + 32);
        assertThat(s.heapShare()).isBetween(0.4, 0.6);
        RetentionChain c = s.chain();
        assertThat(c.hops()).extracting(ChainHop::objectType).containsExactly("class jdk.internal.loader.ClassLoaders",
                "jdk.internal.loader.ClassLoaders$AppClassLoader", "java.util.ArrayList", "java.lang.Object[]",
                "class com.example.OrderService", "java.util.ArrayList", "java.lang.Object[]");
        assertThat(c.culpritIndex()).isEqualTo(5);
        assertThat(c.hops().get(5).reference()).isEqualTo("static ORDERS");
        assertThat(c.accumulationIndex()).isEqualTo(6);
        assertThat(c.hops().get(6).fanOut()).isEqualTo(200);
        assertThat(c.heldBy()).isEqualTo("static field com.example.OrderService.ORDERS");
        // ClassLoaders.APP_LOADER, ClassLoader.classes, ArrayList.elementData: the way to the class, folded
        assertThat(s.collapsedHops()).isEqualTo(3);
        assertThat(c.hops().get(5).retainedBytes()).isEqualTo(s.retainedBytes());
    }

    @Test
    void jdkInternalSuspectsAndHopsShowWhenAskedFor() {
        HeapSuspects hs = TestHeaps.analyze(SuspectHeaps.orderService(), suspects(true)).suspects();

        assertThat(hs.hiddenJdk()).isZero();
        assertThat(hs.suspects()).extracting(LeakSuspect::culprit)
                .containsExactlyInAnyOrder("OrderService.ORDERS", "MethodType.internTable");
        LeakSuspect jdk = hs.suspects().stream().filter(LeakSuspect::jdkInternal).findFirst().orElseThrow();
        assertThat(jdk.culprit()).isEqualTo("MethodType.internTable");
        assertThat(jdk.fanOut()).isEqualTo(100);
        assertThat(hs.suspects()).allMatch(s -> s.collapsedHops() == 0);
    }

    @Test
    void aLinkedListIsEnteredAtItsHeadNotWalked() {
        HeapSuspects hs = TestHeaps.analyze(SuspectHeaps.linkedList(), suspects(false)).suspects();

        assertThat(hs.suspects()).hasSize(1);
        LeakSuspect s = hs.suspects().get(0);
        assertThat(s.culprit()).isEqualTo("Queue.HEAD");
        assertThat(s.chain().length()).isEqualTo(1);
        assertThat(s.accumulationType()).isEqualTo("com.example.Queue$Node");
        assertThat(s.retainedTypes()).contains(new LeakSuspect.RetainedType("com.example.Queue$Node", 499, 499 * 32));
    }

    @Test
    void typeDescriptorsAndSourceNamesAgreeAndUnknownTypesGetTheClosestNames() {
        AnalysisRequest descriptor = new AnalysisRequest(List.of("[B", "com.example.Ordr"), false, 5, 0, false);
        assertThat(descriptor.types()).containsExactly("byte[]", "com.example.Ordr");

        LeakAnalysis a = TestHeaps.analyze(SuspectHeaps.orderService(), descriptor);

        assertThat(a.groups()).extracting(TargetGroup::name).containsExactly("byte[]", "com.example.Ordr");
        assertThat(a.groups().get(0).instancesInDump()).isEqualTo(301);
        assertThat(a.unknownTypes()).hasSize(1);
        assertThat(a.unknownTypes().get(0).name()).isEqualTo("com.example.Ordr");
        assertThat(a.unknownTypes().get(0).closest()).first().isEqualTo("com.example.Order");
    }
}
