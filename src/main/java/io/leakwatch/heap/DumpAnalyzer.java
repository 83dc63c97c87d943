package io.leakwatch.heap;

import io.leakwatch.analysis.AnalysisRequest;
import io.leakwatch.analysis.LeakAnalysis;
import io.leakwatch.analysis.LeakAnalyzer;
import io.leakwatch.graph.HeapIndex;
import io.leakwatch.graph.HeapIndexBuilder;
import io.leakwatch.graph.IndexOptions;
import io.leakwatch.hprof.ByteSource;
import io.leakwatch.hprof.HprofFormatException;
import io.leakwatch.hprof.HprofReader;
import io.leakwatch.hprof.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;

/**
 * The entry point other parts call: opens a heap dump file (plain or .hprof.gz), indexes it and
 * answers an {@link AnalysisRequest}.
 *
 * <p>Bad input is an {@link HprofFormatException} naming the byte offset and record tag; an
 * unreadable file an {@link IOException}. A gzip dump is inflated into a 0600 temp file that is
 * deleted afterwards. The listener also carries cancellation: when it reports
 * {@link ProgressListener#isCancelled()} the work stops soon after with a
 * {@link java.util.concurrent.CancellationException}.
 */
public final class DumpAnalyzer {

    private DumpAnalyzer() {
    }

    /**
     * Analyses {@code dump}.
     *
     * @throws HprofFormatException the file is not a complete, well-formed HPROF dump
     * @throws IOException          the file cannot be read
     */
    public static LeakAnalysis analyze(Path dump, AnalysisRequest request, ProgressListener progress)
            throws IOException {
        if (!Files.isRegularFile(dump)) {
            throw new IOException("no such dump file: " + dump);
        }
        Path file = dump;
        boolean temp = false;
        if (DumpFiles.isGzip(dump)) {
            progress.progress("inflating " + dump.getFileName(), 0, 0);
            file = DumpFiles.inflate(dump, null);
            temp = true;
        }
        try {
            return analyze(new MappedFileSource(file), request, progress);
        } finally {
            if (temp) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Analyses a dump held by any byte source (tests use in-memory dumps). */
    public static LeakAnalysis analyze(ByteSource source, AnalysisRequest request, ProgressListener progress) {
        HeapIndex index = index(source, request, progress);
        return LeakAnalyzer.analyze(index, request, progress);
    }

    /** Builds the index for a request: instances of the named types are collected while indexing. */
    public static HeapIndex index(ByteSource source, AnalysisRequest request, ProgressListener progress) {
        HprofReader reader = new HprofReader(source);
        IndexOptions options = new IndexOptions(new HashSet<>(request.types()), request.limit(),
                request.markers() ? IndexOptions.DEFAULT_MARKER_CLASS : null).withObjectTable(request.suspects());
        return new HeapIndexBuilder(reader, options, progress).build();
    }
}
