package io.leakwatch.heap;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leakwatch.analysis.AnalysisRequest;
import io.leakwatch.hprof.ByteArraySource;
import io.leakwatch.hprof.GcRootKind;
import io.leakwatch.hprof.HprofTag;
import io.leakwatch.hprof.HprofWriter;
import io.leakwatch.hprof.ProgressListener;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CancellationTest {

    @Test
    void aCancelledListenerStopsTheAnalysis() {
        HprofWriter w = new HprofWriter(8).segmentsOf(10);
        long node = w.defineClass("N", 0, new HprofWriter.Field("next", HprofTag.TYPE_OBJECT));
        long prev = 0;
        for (int i = 0; i < 1000; i++) {
            prev = w.instance(node, prev == 0 ? Map.of() : Map.of("next", prev));
        }
        w.root(GcRootKind.JNI_GLOBAL, prev);
        byte[] dump = w.toBytes();
        AtomicInteger calls = new AtomicInteger();
        ProgressListener cancelSoon = new ProgressListener() {
            @Override
            public void progress(String phase, long done, long total) {
                calls.incrementAndGet();
            }

            @Override
            public boolean isCancelled() {
                return calls.get() > 3;
            }
        };
        assertThatThrownBy(() -> DumpAnalyzer.analyze(new ByteArraySource(dump), AnalysisRequest.forTypes("N"),
                cancelSoon)).isInstanceOf(CancellationException.class);
    }
}
