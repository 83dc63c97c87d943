package io.leakwatch.analysis;

import io.leakwatch.graph.HeapIndex;
import io.leakwatch.graph.HeapIndexBuilder;
import io.leakwatch.graph.IndexOptions;
import io.leakwatch.hprof.ByteArraySource;
import io.leakwatch.hprof.HprofReader;
import io.leakwatch.hprof.HprofTag;
import io.leakwatch.hprof.HprofWriter;
import io.leakwatch.hprof.ProgressListener;
import java.util.HashSet;

/** Runs requests over hand-made dumps. */
final class TestHeaps {

    static final HprofWriter.Field REF_NEXT = new HprofWriter.Field("next", HprofTag.TYPE_OBJECT);

    private TestHeaps() {
    }

    static HeapIndex index(byte[] dump, AnalysisRequest request) {
        return new HeapIndexBuilder(new HprofReader(new ByteArraySource(dump)),
                new IndexOptions(new HashSet<>(request.types()), request.limit(),
                        request.markers() ? IndexOptions.DEFAULT_MARKER_CLASS : null).withObjectTable(request.suspects()),
                ProgressListener.NONE).build();
    }

    static LeakAnalysis analyze(byte[] dump, AnalysisRequest request) {
        return LeakAnalyzer.analyze(index(dump, request), request, ProgressListener.NONE);
    }

    static LeakAnalysis analyze(byte[] dump, String... types) {
        return analyze(dump, AnalysisRequest.forTypes(types));
    }
}
