package io.leakwatch.hprof;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HprofReaderTest {

    @ParameterizedTest
    @CsvSource({"8, false", "4, false", "8, true", "4, true"})
    void readsEveryRecordKind(int idSize, boolean legacy) {
        HprofWriter w = new HprofWriter(idSize).segmentsOf(3);
        if (legacy) {
            w.legacySingleHeapDump();
        }
        long cls = w.defineClass("com.example.A", 0, new HprofWriter.Field("x", HprofTag.TYPE_LONG),
                new HprofWriter.Field("r", HprofTag.TYPE_OBJECT));
        w.staticInt(cls, "COUNT", 7);
        long a = w.instance(cls, Map.of("x", 42L));
        long arr = w.objectArray(cls, a, 0);
        w.intArray(5);
        w.thread("t1", new String[] {"run"}, 0, a);
        for (GcRootKind kind : GcRootKind.values()) {
            w.root(kind, arr, 1, 0);
        }
        HprofReader reader = new HprofReader(new ByteArraySource(w.toBytes()));
        assertThat(reader.header().idSize()).isEqualTo(idSize);
        assertThat(reader.header().format()).isEqualTo(legacy ? "JAVA PROFILE 1.0.1" : "JAVA PROFILE 1.0.2");
        List<GcRootRecord> roots = new ArrayList<>();
        List<ClassDumpRecord> classes = new ArrayList<>();
        int[] counts = new int[4];
        long[] seenX = new long[1];
        reader.read(new HprofVisitor() {
            @Override
            public void gcRoot(GcRootRecord record) {
                roots.add(record);
            }

            @Override
            public void classDump(long pos, ClassDumpRecord record) {
                classes.add(record);
            }

            @Override
            public void instance(long pos, long id, long classId, long dataPos, int dataLength) {
                counts[0]++;
                if (id == a) {
                    seenX[0] = reader.source().getLong(dataPos);
                }
            }

            @Override
            public void objectArray(long pos, long id, long arrayClassId, long elementsPos, int length) {
                counts[1]++;
                assertThat(length).isEqualTo(2);
                assertThat(reader.source().getId(elementsPos, idSize)).isEqualTo(a);
            }

            @Override
            public void primitiveArray(long pos, long id, int elementType, long dataPos, int length) {
                counts[2]++;
            }

            @Override
            public void stackTrace(StackTraceRecord record) {
                counts[3]++;
                assertThat(record.depth()).isEqualTo(1);
            }
        }, null);
        EnumSet<GcRootKind> kinds = EnumSet.noneOf(GcRootKind.class);
        roots.forEach(r -> kinds.add(r.kind()));
        assertThat(kinds).containsExactlyInAnyOrder(GcRootKind.values());
        assertThat(roots.stream().filter(r -> r.kind() == GcRootKind.JAVA_FRAME && r.objectId() == arr))
                .singleElement().satisfies(r -> assertThat(r.threadSerial()).isEqualTo(1));
        assertThat(counts[0]).isEqualTo(3); // A, the thread, its name String
        assertThat(counts[1]).isEqualTo(1);
        assertThat(counts[2]).isEqualTo(2); // int[5] and the name's byte[]
        assertThat(counts[3]).isEqualTo(1);
        assertThat(seenX[0]).isEqualTo(42L);
        ClassDumpRecord a0 = classes.stream().filter(c -> c.classId() == cls).findFirst().orElseThrow();
        assertThat(a0.staticFields()).singleElement().satisfies(f -> assertThat(f.value()).isEqualTo(7));
        assertThat(a0.instanceFields()).hasSize(2);
    }
}
