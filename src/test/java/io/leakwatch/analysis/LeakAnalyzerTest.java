package io.leakwatch.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.hprof.GcRootKind;
import io.leakwatch.hprof.HprofTag;
import io.leakwatch.hprof.HprofWriter;
import io.leakwatch.hprof.HprofWriter.Field;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LeakAnalyzerTest {

    /**
     * Registry.ITEMS -> Object[3] -> Item (payload byte[10]) x3, plus a fourth Item only a
     * WeakReference holds. Sizes with 8-byte ids: Item 16+12 -> 32, byte[10] 16+4+10 -> 32,
     * Object[3] 16+4+24 -> 48.
     */
    static byte[] registryDump(int idSize, int segment) {
        HprofWriter w = new HprofWriter(idSize).segmentsOf(segment);
        long objArray = w.defineClass("[Ljava/lang/Object;", 0);
        long item = w.defineClass("com.example.Item", 0, new Field("payload", HprofTag.TYPE_OBJECT),
                new Field("n", HprofTag.TYPE_INT));
        long reference = w.defineClass("java.lang.ref.Reference", 0, new Field("referent", HprofTag.TYPE_OBJECT),
                new Field("queue", HprofTag.TYPE_OBJECT));
        long weak = w.defineClass("java.lang.ref.WeakReference", reference);
        long registry = w.defineClass("com.example.Registry", 0);
        long[] items = new long[3];
        for (int i = 0; i < 3; i++) {
            items[i] = w.instance(item, Map.of("payload", w.byteArray(new byte[10]), "n", (long) i));
        }
        long array = w.objectArray(objArray, items);
        long weaklyHeld = w.instance(item, Map.of("payload", w.byteArray(new byte[10])));
        long weakRef = w.instance(weak, Map.of("referent", weaklyHeld));
        w.staticRef(registry, "ITEMS", array).staticRef(registry, "WEAK", weakRef);
        w.root(GcRootKind.STICKY_CLASS, registry);
        return w.toBytes();
    }

    @ParameterizedTest
    @CsvSource({"8, 1000", "4, 1000", "8, 2", "4, 1"})
    void findsTheStaticFieldThatHoldsTheItems(int idSize, int segment) {
        LeakAnalysis a = TestHeaps.analyze(registryDump(idSize, segment), "com.example.Item");

        TargetGroup g = a.groups().get(0);
        assertThat(g.instancesInDump()).isEqualTo(4);
        assertThat(g.analyzed()).isEqualTo(4);
        assertThat(g.weaklyHeld()).isEqualTo(1);
        assertThat(g.signatureCount()).isEqualTo(1);
        LeakSignature s = g.signatures().get(0);
        assertThat(s.instances()).isEqualTo(3);
        RetentionChain c = s.example();
        assertThat(c.rootKind()).isEqualTo("system class");
        assertThat(c.heldBy()).isEqualTo("static field com.example.Registry.ITEMS");
        assertThat(c.length()).isEqualTo(2);
        assertThat(c.hops()).extracting(ChainHop::objectType)
                .containsExactly("class com.example.Registry", "java.lang.Object[]", "com.example.Item");
        assertThat(c.hops()).extracting(ChainHop::reference).containsExactly(null, "static ITEMS", "[0]");
        assertThat(c.accumulationIndex()).isEqualTo(1);
        assertThat(c.hops().get(1).fanOut()).isEqualTo(3);
        assertThat(s.key()).isEqualTo("system class class com.example.Registry\n"
                + "static com.example.Registry.ITEMS\njava.lang.Object[][*]\n-> com.example.Item");
        if (idSize == 8) {
            assertThat(s.shallowBytes()).isEqualTo(3 * 32);
            assertThat(s.retainedBytes()).isEqualTo(3 * (32 + 32));
            assertThat(g.retainedBytes()).isEqualTo(3 * 64);
        } else {
            // 4-byte ids: Item 8+8 -> 16, byte[10] 8+4+10 -> 24
            assertThat(s.shallowBytes()).isEqualTo(3 * 16);
            assertThat(s.retainedBytes()).isEqualTo(3 * (16 + 24));
        }
    }

    /** JNI global roots A and D; A.next=B, B.next=A (cycle), B.other=C, D.next=C (C shared). */
    @Test
    void cyclesAndSharedObjectsGiveExactPathsAndRetainedSizes() {
        HprofWriter w = new HprofWriter(8);
        long node = w.defineClass("Node", 0, TestHeaps.REF_NEXT, new Field("other", HprofTag.TYPE_OBJECT));
        long a = w.instance(node, Map.of());
        long b = w.instance(node, Map.of("next", a));
        long c = w.instance(node, Map.of());
        long d = w.instance(node, Map.of("next", c));
        w.set(a, "next", b).set(b, "other", c);
        w.root(GcRootKind.JNI_GLOBAL, a).root(GcRootKind.JNI_GLOBAL, d);
        byte[] dump = w.toBytes();
        AnalysisRequest req = new AnalysisRequest(List.of("Node"), false, 10, 0, false);
        var index = TestHeaps.index(dump, req);
        var paths = ShortestPaths.find(index, null, io.leakwatch.hprof.ProgressListener.NONE);
        int ka = index.instancesOf("Node")[0];
        int kb = index.instancesOf("Node")[1];
        int kc = index.instancesOf("Node")[2];
        int kd = index.instancesOf("Node")[3];
        assertThat(paths.length(ka)).isZero();
        assertThat(paths.length(kb)).isEqualTo(1);
        assertThat(paths.length(kc)).isEqualTo(1);
        assertThat(paths.path(kc)).containsExactly(kd, kc);
        var retained = RetainedSizes.compute(index, paths, new int[] {ka, kb, kc, kd}, null,
                io.leakwatch.hprof.ProgressListener.NONE);
        assertThat(retained.retainedSize(ka)).isEqualTo(64);
        assertThat(retained.retainedSize(kb)).isEqualTo(32);
        assertThat(retained.retainedSize(kd)).isEqualTo(32);
        assertThat(retained.retainedSize(new int[] {ka, kd})).isEqualTo(128);

        LeakAnalysis result = LeakAnalyzer.analyze(index, req, io.leakwatch.hprof.ProgressListener.NONE);
        TargetGroup g = result.groups().get(0);
        assertThat(g.signatureCount()).isEqualTo(2);
        assertThat(g.retainedBytes()).isEqualTo(128);
        assertThat(g.signatures()).extracting(LeakSignature::instances).containsExactly(2, 2);
        assertThat(g.signatures().get(0).example().rootKind()).isEqualTo("JNI global");
    }

    @Test
    void retainedSizesOnlyCountWhatOnlyTheTargetHolds() {
        // root -> holder -> (x -> y), and root2 -> y: y is not retained by x
        HprofWriter w = new HprofWriter(8);
        long node = w.defineClass("N", 0, TestHeaps.REF_NEXT);
        long leaf = w.defineClass("Leaf", 0, new Field("v", HprofTag.TYPE_LONG));
        long y = w.instance(leaf, Map.of());
        long z = w.instance(leaf, Map.of());
        long x = w.instance(node, Map.of("next", y));
        long x2 = w.instance(node, Map.of("next", z));
        long holder = w.instance(node, Map.of("next", x));
        w.root(GcRootKind.JNI_GLOBAL, holder).root(GcRootKind.JNI_GLOBAL, y).root(GcRootKind.JNI_GLOBAL, x2);
        LeakAnalysis a = TestHeaps.analyze(w.toBytes(), "N");
        // N: 16+8 = 24 each; Leaf: 16+8 = 24
        TargetGroup g = a.groups().get(0);
        assertThat(g.retainedBytes()).isEqualTo(24 * 3 + 24);
        LeakSignature viaHolder = g.signatures().stream().filter(s -> s.example().length() == 1).findFirst().orElseThrow();
        assertThat(viaHolder.retainedBytes()).isEqualTo(24);
    }

    @Test
    void deepChainsNeedNoRecursion() {
        HprofWriter w = new HprofWriter(8);
        long link = w.defineClass("Link", 0, TestHeaps.REF_NEXT);
        int depth = 50_000;
        long next = 0;
        long first = 0;
        for (int i = 0; i < depth; i++) {
            first = w.instance(link, next == 0 ? Map.of() : Map.of("next", next));
            next = first;
        }
        w.root(GcRootKind.JNI_GLOBAL, first);
        AnalysisRequest req = new AnalysisRequest(List.of("Link"), false, 3, 0, false);
        LeakAnalysis a = TestHeaps.analyze(w.toBytes(), req);
        TargetGroup g = a.groups().get(0);
        assertThat(g.signatureCount()).isEqualTo(depth);
        assertThat(g.retainedBytes()).isEqualTo(24L * depth);
        assertThat(g.signatures().get(0).retainedBytes()).isPositive();
        int longest = g.signatures().stream().mapToInt(s -> s.example().length()).max().orElseThrow();
        assertThat(longest).isLessThan(depth);
    }

    @Test
    void signaturesHoldingMoreBytesComeFirstEvenWithFewerInstances() {
        // many small arrays in one holder, two big buffers in another: the buffers lead
        HprofWriter w = new HprofWriter(8);
        long objArray = w.defineClass("[Ljava/lang/Object;", 0);
        long small = w.defineClass("com.example.Modules", 0);
        long big = w.defineClass("com.example.Pending", 0);
        long[] many = new long[20];
        for (int i = 0; i < many.length; i++) {
            many[i] = w.byteArray(new byte[16]);
        }
        w.staticRef(small, "TABLE", w.objectArray(objArray, many));
        w.staticRef(big, "BUFFERS", w.objectArray(objArray, w.byteArray(new byte[4096]), w.byteArray(new byte[4096])));
        w.root(GcRootKind.STICKY_CLASS, small).root(GcRootKind.STICKY_CLASS, big);
        TargetGroup g = TestHeaps.analyze(w.toBytes(), "byte[]").groups().get(0);
        assertThat(g.signatures()).extracting(LeakSignature::instances).containsExactly(2, 20);
        assertThat(g.signatures().get(0).example().heldBy()).isEqualTo("static field com.example.Pending.BUFFERS");
    }

    @Test
    void whatOnlyTheJdkHoldsGivesWayToWhatTheApplicationHolds() {
        // the class path's zip directories outweigh a young leak; the leak's holder is reported
        HprofWriter w = new HprofWriter(8);
        long objArray = w.defineClass("[Ljava/lang/Object;", 0);
        long zip = w.defineClass("java.util.zip.ZipFile$Source", 0);
        long leaky = w.defineClass("com.example.Pending", 0);
        w.staticRef(zip, "files", w.objectArray(objArray, w.byteArray(new byte[8192]), w.byteArray(new byte[8192])));
        w.staticRef(leaky, "BUFFERS", w.objectArray(objArray, w.byteArray(new byte[512]), w.byteArray(new byte[512])));
        w.root(GcRootKind.STICKY_CLASS, zip).root(GcRootKind.STICKY_CLASS, leaky);
        TargetGroup g = TestHeaps.analyze(w.toBytes(), "byte[]").groups().get(0);
        assertThat(g.signatureCount()).isEqualTo(2);
        assertThat(g.signatures()).extracting(s -> s.example().heldBy())
                .containsExactly("static field com.example.Pending.BUFFERS");

        HprofWriter jdkOnly = new HprofWriter(8);
        long array = jdkOnly.defineClass("[Ljava/lang/Object;", 0);
        long source = jdkOnly.defineClass("java.util.zip.ZipFile$Source", 0);
        jdkOnly.staticRef(source, "files", jdkOnly.objectArray(array, jdkOnly.byteArray(new byte[64])));
        jdkOnly.root(GcRootKind.STICKY_CLASS, source);
        assertThat(TestHeaps.analyze(jdkOnly.toBytes(), "byte[]").groups().get(0).signatures())
                .as("kept when nothing else holds the type").hasSize(1);
    }

    @Test
    void threadStackRootsNameTheThreadAndFrame() {
        HprofWriter w = new HprofWriter(8);
        long session = w.defineClass("com.example.Session", 0, new Field("id", HprofTag.TYPE_INT));
        long s = w.instance(session, Map.of("id", 7L));
        w.thread("worker-1", new String[] {"sleep", "process"}, 1, s);
        LeakAnalysis a = TestHeaps.analyze(w.toBytes(), "com.example.Session");
        RetentionChain c = a.groups().get(0).signatures().get(0).example();
        assertThat(c.rootKind()).isEqualTo("thread stack frame");
        assertThat(c.rootDescription()).contains("\"worker-1\"").contains("process");
        assertThat(c.length()).isZero();
    }

    @Test
    void markedObjectsAreGroupedByLabelAndWeaklyHeldOnesAreNotReported() {
        HprofWriter w = new HprofWriter(8);
        long objArray = w.defineClass("[Ljava/lang/Object;", 0);
        long reference = w.defineClass("java.lang.ref.Reference", 0, new Field("referent", HprofTag.TYPE_OBJECT));
        long weak = w.defineClass("java.lang.ref.WeakReference", reference);
        long markRef = w.defineClass("io.leakwatch.markers.MarkRef", weak, new Field("label", HprofTag.TYPE_OBJECT),
                new Field("markedAtMillis", HprofTag.TYPE_LONG));
        long request = w.defineClass("com.example.Request", 0, new Field("n", HprofTag.TYPE_INT));
        long cache = w.defineClass("com.example.Cache", 0);
        long markers = w.defineClass("io.leakwatch.markers.Markers", 0);
        long leaked = w.instance(request, Map.of());
        long freed = w.instance(request, Map.of());
        long label = w.string0("request-scope");
        long m1 = w.instance(markRef, Map.of("referent", leaked, "label", label, "markedAtMillis", 5L));
        long m2 = w.instance(markRef, Map.of("referent", freed, "label", label, "markedAtMillis", 6L));
        w.staticRef(markers, "REFS", w.objectArray(objArray, m1, m2));
        w.staticRef(cache, "LEAK", leaked);
        w.root(GcRootKind.STICKY_CLASS, markers).root(GcRootKind.STICKY_CLASS, cache);
        LeakAnalysis a = TestHeaps.analyze(w.toBytes(), AnalysisRequest.forMarkers());
        assertThat(a.groups()).hasSize(1);
        TargetGroup g = a.groups().get(0);
        assertThat(g.kind()).isEqualTo(TargetGroup.Kind.MARKER);
        assertThat(g.name()).isEqualTo("request-scope");
        assertThat(g.instancesInDump()).isEqualTo(2);
        assertThat(g.weaklyHeld()).isEqualTo(1);
        assertThat(g.signatures()).hasSize(1);
        assertThat(g.signatures().get(0).example().heldBy()).isEqualTo("static field com.example.Cache.LEAK");
    }

    @Test
    void valuesAreRedactedUnlessAsked() {
        HprofWriter w = new HprofWriter(8);
        long holder = w.defineClass("H", 0);
        long secret = w.string0("hunter2");
        w.staticRef(holder, "S", secret).root(GcRootKind.STICKY_CLASS, holder);
        byte[] dump = w.toBytes();
        ChainHop hidden = TestHeaps.analyze(dump, "java.lang.String").groups().get(0).signatures().get(0)
                .example().hops().get(1);
        assertThat(hidden.value()).isEqualTo(ChainHop.REDACTED);
        ChainHop shown = TestHeaps.analyze(dump, new AnalysisRequest(List.of("java.lang.String"), false, 5, 0, true))
                .groups().get(0).signatures().get(0).example().hops().get(1);
        assertThat(shown.value()).isEqualTo("hunter2");
    }

    @Test
    void withoutTypesTheBiggestTypesArePicked() {
        LeakAnalysis a = TestHeaps.analyze(registryDump(8, 100), new AnalysisRequest(List.of(), false, 2, 0, false));
        // 4 Items and 4 byte[10] hold 128 bytes each, more than any other type
        assertThat(a.groups()).extracting(TargetGroup::name).containsExactlyInAnyOrder("com.example.Item", "byte[]");
    }

    @Test
    void limitCapsTheInstancesAnalyzed() {
        LeakAnalysis a = TestHeaps.analyze(registryDump(8, 100), new AnalysisRequest(List.of("com.example.Item"),
                false, 5, 2, false));
        assertThat(a.groups().get(0).analyzed()).isEqualTo(2);
        assertThat(a.groups().get(0).instancesInDump()).isEqualTo(4);
    }

    @Test
    void oneClassNameFromTwoLoadersIsOneTarget() {
        HprofWriter w = new HprofWriter(8);
        long sessionA = w.defineClass("com.example.Session", 0, new Field("n", HprofTag.TYPE_INT));
        long sessionB = w.defineClass("com.example.Session", 0, new Field("n", HprofTag.TYPE_INT));
        long holder = w.defineClass("H", 0);
        w.staticRef(holder, "A", w.instance(sessionA, Map.of())).staticRef(holder, "B", w.instance(sessionB, Map.of()));
        w.root(GcRootKind.STICKY_CLASS, holder);
        byte[] dump = w.toBytes();
        for (int limit : new int[] {0, 1}) {
            // collected while indexing
            LeakAnalysis a = TestHeaps.analyze(dump, new AnalysisRequest(List.of("com.example.Session"), false, 5, limit, false));
            assertThat(a.groups()).hasSize(1);
            assertThat(a.groups().get(0).instancesInDump()).isEqualTo(2);
            assertThat(a.groups().get(0).analyzed()).isEqualTo(limit == 0 ? 2 : 1);
        }
        // picked as a top type: found by scanning
        LeakAnalysis top = TestHeaps.analyze(dump, new AnalysisRequest(List.of(), false, 1, 0, false));
        assertThat(top.groups()).extracting(TargetGroup::name).containsExactly("com.example.Session");
        assertThat(top.groups().get(0).analyzed()).isEqualTo(2);
    }
}
