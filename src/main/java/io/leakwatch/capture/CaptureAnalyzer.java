package io.leakwatch.capture;

import io.leakwatch.model.CaptureContext;
import io.leakwatch.model.SeriesKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Port: analyses a heap dump (paths from GC roots to the growing types and surviving markers, leak
 * signatures, retained sizes) and writes the text, JSON and HTML reports. The composition root
 * wires it to the HPROF engine ({@code io.leakwatch.heap.HprofCaptureAnalyzer}, built on
 * {@code io.leakwatch.heap.DumpAnalyzer}), run in a child JVM by default
 * ({@code io.leakwatch.heap.ChildJvmCaptureAnalyzer}).
 */
public interface CaptureAnalyzer {

    /** Never throws for a bad dump: a truncated or corrupt file is a {@link AnalysisResult.Failed}. */
    AnalysisResult analyze(Request request);

    /**
     * @param dump            the heap dump, readable by the daemon
     * @param growingTypes    class names whose growth triggered the capture (may be empty)
     * @param includeMarkers  also explain the surviving marked objects
     * @param reportDirectory where to write the reports (exists, private to the daemon)
     * @param context         target, time and trend of the capture, for the report's summary; null
     *                        when the dump is analysed outside a capture
     */
    record Request(Path dump, List<String> growingTypes, boolean includeMarkers, Path reportDirectory,
                   CaptureContext context) {
        public Request {
            Objects.requireNonNull(dump, "dump");
            Objects.requireNonNull(reportDirectory, "reportDirectory");
            growingTypes = List.copyOf(growingTypes);
        }

        /** A dump analysed outside a capture: its report has no capture summary. */
        public Request(Path dump, List<String> growingTypes, boolean includeMarkers, Path reportDirectory) {
            this(dump, growingTypes, includeMarkers, reportDirectory, null);
        }
    }

    /** What the analysis found, or why it could not. */
    sealed interface AnalysisResult {
        /**
         * @param summary  one line for logs and alert titles
         * @param findings leak signatures, largest first
         * @param reports  the report files written, inside the report directory
         */
        record Analyzed(String summary, List<LeakFinding> findings, List<Path> reports) implements AnalysisResult {
            public Analyzed {
                Objects.requireNonNull(summary, "summary");
                findings = List.copyOf(findings);
                reports = List.copyOf(reports);
            }
        }

        /** The dump could not be analyzed; {@code reason} names the offset/record when it is corrupt. */
        record Failed(String reason) implements AnalysisResult {
            public Failed {
                Objects.requireNonNull(reason, "reason");
            }
        }
    }

    /**
     * One leak signature: alike retention chains grouped.
     *
     * @param signature     stable key of the accumulation point the objects are held in, the same
     *                      for every type that point keeps (alerts are deduplicated by it)
     * @param description   one line, e.g. "12 034 × byte[] retained by Cache.map"
     * @param chains        the top chains as text, windbg {@code !gcroot} style
     * @param retainedBytes bytes retained by the objects of this signature
     * @param instances     objects of this signature
     * @param series        the growing series the objects belong to: a type as the histogram
     *                      names it, or a marker label
     * @param analyzedShare the share of the type's instances in the dump the analysis took (it
     *                      takes the first N of a huge type): 1 when all, and {@code retainedBytes}
     *                      covers only those
     */
    record LeakFinding(String signature, String description, String chains, long retainedBytes, long instances,
                       SeriesKey series, double analyzedShare) {
        public LeakFinding {
            if (!(analyzedShare > 0 && analyzedShare <= 1)) {
                throw new IllegalArgumentException("analyzedShare must be in (0, 1]: " + analyzedShare);
            }
            Objects.requireNonNull(signature, "signature");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(chains, "chains");
            Objects.requireNonNull(series, "series");
        }

        /**
         * What the finding retains, scaled up when the analysis took only part of its type's
         * instances: about as much more as was left out, so the lower bound of a type with millions
         * of instances does not rank below a holder of a few thousand buffers.
         */
        public double estimatedRetainedBytes() {
            return retainedBytes / analyzedShare;
        }
    }
}
