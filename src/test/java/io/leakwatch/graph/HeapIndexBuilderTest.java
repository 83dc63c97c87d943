package io.leakwatch.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.hprof.ByteArraySource;
import io.leakwatch.hprof.GcRootKind;
import io.leakwatch.hprof.HprofReader;
import io.leakwatch.hprof.HprofTag;
import io.leakwatch.hprof.HprofWriter;
import io.leakwatch.hprof.ProgressListener;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeapIndexBuilderTest {

    private static HeapIndex build(byte[] dump, int threads) {
        return new HeapIndexBuilder(new HprofReader(new ByteArraySource(dump)),
                new IndexOptions(Set.of("Node"), 0, null, threads), ProgressListener.NONE).build();
    }

    /** A random graph of 1500 nodes spread over many segments, built by one and by two threads. */
    @ParameterizedTest
    @ValueSource(ints = {4, 8})
    void oneAndTwoThreadsBuildTheSameIndex(int idSize) {
        Random random = new Random(7);
        HprofWriter w = new HprofWriter(idSize).segmentsOf(37);
        long node = w.defineClass("Node", 0, new HprofWriter.Field("a", HprofTag.TYPE_OBJECT),
                new HprofWriter.Field("b", HprofTag.TYPE_OBJECT), new HprofWriter.Field("x", HprofTag.TYPE_INT));
        long[] ids = new long[1500];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = w.instance(node, Map.of());
        }
        Map<Long, long[]> expected = new HashMap<>();
        for (long id : ids) {
            long a = random.nextInt(4) == 0 ? 0 : ids[random.nextInt(ids.length)];
            long b = random.nextInt(4) == 0 ? 0 : ids[random.nextInt(ids.length)];
            w.set(id, "a", a).set(id, "b", b);
            expected.put(id, new long[] {a, b});
        }
        w.root(GcRootKind.JNI_GLOBAL, ids[0]);
        byte[] dump = w.toBytes();
        HeapIndex one = build(dump, 1);
        HeapIndex two = build(dump, 2);
        assertThat(two.objectCount()).isEqualTo(one.objectCount()).isEqualTo(1500 + 1);
        assertThat(two.edgeCount()).isEqualTo(one.edgeCount());
        for (int k = 0; k < one.objectCount(); k++) {
            assertThat(two.position(k)).isEqualTo(one.position(k));
            assertThat(two.objectId(k)).isEqualTo(one.objectId(k));
            assertThat(two.edgesEnd(k)).isEqualTo(one.edgesEnd(k));
            for (int e = one.edgesStart(k); e < one.edgesEnd(k); e++) {
                assertThat(two.edgeTarget(e)).isEqualTo(one.edgeTarget(e));
            }
            long[] refs = expected.get(one.objectId(k));
            if (refs != null) {
                long[] actual = new long[2];
                int i = 0;
                for (int e = one.edgesStart(k); e < one.edgesEnd(k); e++) {
                    actual[i++] = one.objectId(one.edgeTarget(e));
                }
                assertThat(java.util.Arrays.stream(actual).filter(x -> x != 0).toArray())
                        .containsExactly(java.util.Arrays.stream(refs).filter(x -> x != 0).toArray());
            }
        }
        assertThat(two.instancesOf("Node")).containsExactly(one.instancesOf("Node")).hasSize(1500);
        assertThat(two.roots()).isEqualTo(one.roots());
    }

    /**
     * The object table answers types and shallow sizes as the dump records do: instances, class
     * objects with statics, object and primitive arrays, and an array of a class the dump never
     * describes (type -1, size still known).
     */
    @ParameterizedTest
    @ValueSource(ints = {4, 8})
    void objectTableAgreesWithTheDump(int idSize) {
        HprofWriter w = new HprofWriter(idSize).segmentsOf(5);
        long node = w.defineClass("Node", 0, new HprofWriter.Field("a", HprofTag.TYPE_OBJECT),
                new HprofWriter.Field("x", HprofTag.TYPE_INT));
        w.staticRef(node, "first", 0).staticInt(node, "count", 3);
        w.defineClass("java.lang.Class", 0);
        long arrayClass = w.defineClass("Node[]", 0);
        Random random = new Random(11);
        long previous = 0;
        for (int i = 0; i < 60; i++) {
            long id = switch (random.nextInt(4)) {
                case 0 -> w.instance(node, Map.of("a", previous));
                case 1 -> w.objectArray(arrayClass, previous, previous);
                case 2 -> w.byteArray(new byte[random.nextInt(50)]);
                default -> w.intArray(random.nextInt(50));
            };
            previous = id;
        }
        w.objectArray(w.newId(), previous);
        w.root(GcRootKind.JNI_GLOBAL, previous);
        byte[] dump = w.toBytes();
        for (int threads = 1; threads <= 2; threads++) {
            HeapIndex plain = new HeapIndexBuilder(new HprofReader(new ByteArraySource(dump)),
                    new IndexOptions(Set.of(), 0, null, threads), ProgressListener.NONE).build();
            HeapIndex table = new HeapIndexBuilder(new HprofReader(new ByteArraySource(dump)),
                    new IndexOptions(Set.of(), 0, null, threads, true), ProgressListener.NONE).build();
            java.util.List<String> seen = new java.util.ArrayList<>();
            for (int k = 0; k < plain.objectCount(); k++) {
                assertThat(table.typeOf(k)).as("type of %d", k).isEqualTo(plain.typeOf(k));
                assertThat(table.shallowSize(k)).as("size of %d", k).isEqualTo(plain.shallowSize(k));
                seen.add(plain.typeOf(k) < 0 ? "?" : plain.typeName(plain.typeOf(k)));
            }
            java.util.List<long[]> viaScan = new java.util.ArrayList<>();
            table.scanObjects(k -> k % 3 != 0, (k, type, size) -> viaScan.add(new long[] {k, type, size}));
            java.util.List<long[]> viaDump = new java.util.ArrayList<>();
            plain.scanObjects(k -> k % 3 != 0, (k, type, size) -> viaDump.add(new long[] {k, type, size}));
            assertThat(viaScan).hasSameSizeAs(viaDump);
            for (int i = 0; i < viaScan.size(); i++) {
                assertThat(viaScan.get(i)).containsExactly(viaDump.get(i));
            }
            assertThat(seen).contains("Node", "Node[]", "byte[]", "int[]", "java.lang.Class", "?");
        }
    }
}
