package io.leakwatch.heap;

import io.leakwatch.capture.CaptureAnalyzer.AnalysisResult;
import io.leakwatch.capture.CaptureAnalyzer.LeakFinding;
import io.leakwatch.files.Json;
import io.leakwatch.files.PrivateFiles;
import io.leakwatch.model.SeriesKey;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What the analysis JVM hands back to the daemon, as JSON: the {@link AnalysisResult} (exactly one
 * of {@code failure} or {@code summary} is set) and the child's peak resident memory. Each finding's
 * series is written in its text form ({@link SeriesKey#text()}).
 *
 * @param failure      why the analysis failed, or null
 * @param summary      the analyzed summary, or null
 * @param findings     the findings (empty on failure)
 * @param reports      absolute paths of the reports written
 * @param peakRssBytes the analysis JVM's VmHWM (0 when unknown)
 */
record ChildResult(String failure, String summary, List<Finding> findings, List<String> reports, long peakRssBytes) {

    /** A {@link LeakFinding} as JSON: its series as text. */
    record Finding(String signature, String description, String chains, long retainedBytes, long instances,
                   String series, double analyzedShare) {
        static Finding of(LeakFinding f) {
            return new Finding(f.signature(), f.description(), f.chains(), f.retainedBytes(), f.instances(),
                    f.series().text(), f.analyzedShare());
        }

        LeakFinding toFinding() {
            return new LeakFinding(signature, description, chains, retainedBytes, instances, SeriesKey.parse(series),
                    analyzedShare);
        }
    }

    ChildResult {
        if ((failure == null) == (summary == null)) {
            throw new IllegalArgumentException("exactly one of failure and summary must be set");
        }
        findings = findings == null ? List.of() : List.copyOf(findings);
        reports = reports == null ? List.of() : List.copyOf(reports);
    }

    static ChildResult of(AnalysisResult result, long peakRssBytes) {
        if (result instanceof AnalysisResult.Analyzed a) {
            return new ChildResult(null, a.summary(), a.findings().stream().map(Finding::of).toList(),
                    a.reports().stream().map(p -> p.toAbsolutePath().toString()).toList(), peakRssBytes);
        }
        return new ChildResult(((AnalysisResult.Failed) result).reason(), null, List.of(), List.of(), peakRssBytes);
    }

    AnalysisResult toResult() {
        if (failure != null) {
            return new AnalysisResult.Failed(failure);
        }
        return new AnalysisResult.Analyzed(summary, findings.stream().map(Finding::toFinding).toList(),
                reports.stream().map(Path::of).toList());
    }

    /** Writes to a new file of mode 0600 (it sits beside the reports, in the private capture directory). */
    static void write(Path file, ChildResult result) throws IOException {
        PrivateFiles.writeNew(file, out -> Json.MAPPER.writeValue(out, result));
    }

    static ChildResult read(Path file) throws IOException {
        return Json.MAPPER.readValue(file.toFile(), ChildResult.class);
    }
}
