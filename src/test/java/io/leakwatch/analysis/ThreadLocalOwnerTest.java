package io.leakwatch.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.hprof.HprofTag;
import io.leakwatch.hprof.HprofWriter;
import io.leakwatch.hprof.HprofWriter.Field;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A thread-local leak in a hand-made dump: a worker thread's {@code threadLocals} map holds an entry
 * whose value (an Object[]) holds the traces; the entry's key, a ThreadLocal, is weakly referenced
 * by the entry and strongly held by the application's static {@code Tracing.TRACE}.
 */
class ThreadLocalOwnerTest {

    static byte[] threadLocalDump(boolean keyStillHeld) {
        HprofWriter w = new HprofWriter(8);
        long objArray = w.defineClass("[Ljava/lang/Object;", 0);
        long thread = w.defineClass("java.lang.Thread", 0, new Field("name", HprofTag.TYPE_OBJECT),
                new Field("threadLocals", HprofTag.TYPE_OBJECT));
        long map = w.defineClass("java.lang.ThreadLocal$ThreadLocalMap", 0, new Field("table", HprofTag.TYPE_OBJECT));
        long entryArray = w.defineClass("[Ljava/lang/ThreadLocal$ThreadLocalMap$Entry;", 0);
        long reference = w.defineClass("java.lang.ref.Reference", 0, new Field("referent", HprofTag.TYPE_OBJECT),
                new Field("queue", HprofTag.TYPE_OBJECT));
        long weak = w.defineClass("java.lang.ref.WeakReference", reference);
        long entry = w.defineClass("java.lang.ThreadLocal$ThreadLocalMap$Entry", weak,
                new Field("value", HprofTag.TYPE_OBJECT));
        long threadLocal = w.defineClass("java.lang.ThreadLocal", 0, new Field("threadLocalHashCode", HprofTag.TYPE_INT));
        long tracing = w.defineClass("com.example.Tracing", 0);
        long trace = w.defineClass("com.example.Trace", 0, new Field("data", HprofTag.TYPE_OBJECT));

        long[] traces = new long[3];
        for (int i = 0; i < traces.length; i++) {
            traces[i] = w.instance(trace, Map.of("data", w.byteArray(new byte[64])));
        }
        long key = w.instance(threadLocal, Map.of("threadLocalHashCode", 7L));
        long value = w.objectArray(objArray, traces);
        long e = w.instance(entry, Map.of("referent", key, "value", value));
        long table = w.objectArray(entryArray, 0, e, 0, 0);
        long m = w.instance(map, Map.of("table", table));
        long worker = w.thread("request-worker", new String[] {"run"}, 0, 0);
        w.set(worker, "threadLocals", m);
        w.root(io.leakwatch.hprof.GcRootKind.STICKY_CLASS, tracing);
        if (keyStillHeld) {
            w.staticRef(tracing, "TRACE", key);
        }
        return w.toBytes();
    }

    private static RetentionChain chain(byte[] dump) {
        LeakAnalysis a = TestHeaps.analyze(dump, "com.example.Trace");
        return a.groups().get(0).signatures().get(0).example();
    }

    @Test
    void marksTheThreadLocalsHopAndNamesTheStaticHoldingTheKey() {
        RetentionChain c = chain(threadLocalDump(true));

        assertThat(c.rootKind()).startsWith("thread");
        ChainHop culprit = c.hops().get(c.culpritIndex());
        assertThat(culprit.holderType()).isEqualTo("java.lang.Thread");
        assertThat(culprit.reference()).isEqualTo("threadLocals");
        assertThat(c.culpritOwner()).isEqualTo("Tracing.TRACE");
    }

    @Test
    void aKeyNothingHoldsStronglyLeavesTheOwnerUnnamed() {
        RetentionChain c = chain(threadLocalDump(false));

        assertThat(c.hops().get(c.culpritIndex()).reference()).isEqualTo("threadLocals");
        assertThat(c.culpritOwner()).isNull();
    }

    @Test
    void chainsNotThroughAThreadLocalMapLeaveTheCulpritToTheReport() {
        RetentionChain c = TestHeaps.analyze(LeakAnalyzerTest.registryDump(8, 1000), "com.example.Item")
                .groups().get(0).signatures().get(0).example();

        assertThat(c.culpritIndex()).isEqualTo(-1);
        assertThat(c.culpritOwner()).isNull();
    }
}
