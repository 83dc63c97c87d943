package io.leakwatch.hprof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.leakwatch.analysis.AnalysisRequest;
import io.leakwatch.heap.DumpAnalyzer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Cut and corrupted dumps fail with an offset and a record tag, never hang, never crash otherwise. */
class CorruptDumpTest {

    static byte[] smallDump() {
        HprofWriter w = new HprofWriter(8).segmentsOf(3);
        long objArray = w.defineClass("[Ljava/lang/Object;", 0);
        long item = w.defineClass("com.example.Item", 0, new HprofWriter.Field("next", HprofTag.TYPE_OBJECT),
                new HprofWriter.Field("n", HprofTag.TYPE_INT));
        long holder = w.defineClass("com.example.Holder", 0);
        long a = w.instance(item, Map.of("n", 1L));
        long b = w.instance(item, Map.of("next", a));
        w.staticRef(holder, "ALL", w.objectArray(objArray, a, b, w.intArray(3)));
        w.thread("main", new String[] {"main"}, 0, b);
        w.root(GcRootKind.STICKY_CLASS, holder);
        return w.toBytes();
    }

    private static void analyze(byte[] dump) {
        DumpAnalyzer.analyze(new ByteArraySource(dump), AnalysisRequest.forTypes("com.example.Item"),
                ProgressListener.NONE);
    }

    @Test
    void theWholeDumpIsFine() {
        analyze(smallDump());
    }

    @Test
    void everyCutFailsWithOffsetAndTag() {
        byte[] dump = smallDump();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int len = 0; len < dump.length; len++) {
                byte[] cut = Arrays.copyOf(dump, len);
                int at = len;
                assertThatThrownBy(() -> analyze(cut)).as("cut at %d of %d", at, dump.length)
                        .isInstanceOf(HprofFormatException.class)
                        .hasMessageContaining("byte offset");
            }
        });
    }

    @Test
    void notHprofAtAll() {
        assertThatThrownBy(() -> analyze("PK\u0003\u0004 this is a zip".getBytes()))
                .isInstanceOf(HprofFormatException.class).hasMessageContaining("not an HPROF file")
                .hasMessageContaining("byte offset 0");
    }

    @Test
    void aWrongSubRecordTagNamesItsOffset() {
        byte[] dump = smallDump();
        int segment = indexOfTag(dump, HprofTag.HEAP_DUMP_SEGMENT);
        dump[segment + 9] = (byte) 0x77;
        assertThatThrownBy(() -> analyze(dump)).isInstanceOf(HprofFormatException.class)
                .hasMessageContaining("byte offset " + (segment + 9)).hasMessageContaining("tag 0x77");
    }

    @Test
    void randomCorruptionFailsCleanlyOrStillParses() {
        byte[] clean = smallDump();
        Random random = new Random(42);
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            int failed = 0;
            for (int round = 0; round < 2000; round++) {
                byte[] dump = clean.clone();
                int flips = 1 + random.nextInt(4);
                for (int f = 0; f < flips; f++) {
                    dump[random.nextInt(dump.length)] = (byte) random.nextInt(256);
                }
                try {
                    analyze(dump);
                } catch (HprofFormatException expected) {
                    failed++;
                    assertThat(expected.getMessage()).contains("byte offset");
                }
            }
            assertThat(failed).isPositive();
        });
    }

    /** The offset of the first top-level record with {@code tag}. */
    static int indexOfTag(byte[] dump, int tag) {
        int pos = 0;
        while (dump[pos] != 0) {
            pos++;
        }
        pos += 13;
        while (pos < dump.length) {
            int t = dump[pos] & 0xFF;
            if (t == tag) {
                return pos;
            }
            long len = ((dump[pos + 5] & 0xFFL) << 24) | ((dump[pos + 6] & 0xFF) << 16) | ((dump[pos + 7] & 0xFF) << 8)
                    | (dump[pos + 8] & 0xFF);
            pos += 9 + (int) len;
        }
        throw new IllegalArgumentException("no record with tag " + tag);
    }
}
