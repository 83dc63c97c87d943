package io.leakwatch.capture;

import io.leakwatch.capture.CaptureAnalyzer.AnalysisResult;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** What one capture gave: an analyzed dump, or a failure that names its cause. */
public sealed interface CaptureOutcome {

    /** The configured target name. */
    String target();

    /** The dump was written and analyzed; {@code analysis} holds the findings for alerts. */
    record Captured(CaptureRecord record, AnalysisResult.Analyzed analysis) implements CaptureOutcome {
        public Captured {
            Objects.requireNonNull(record, "record");
            Objects.requireNonNull(analysis, "analysis");
        }

        @Override
        public String target() {
            return record.target();
        }

        /**
         * The HTML report as a path under {@code /reports/} ({@code <capture id>/<file>}), for alert
         * links; empty when the analyzer wrote no HTML report.
         */
        public Optional<String> reportPath() {
            return analysis.reports().stream()
                    .filter(p -> p.getFileName().toString().endsWith(".html"))
                    .findFirst()
                    .map(this::underReports);
        }

        private String underReports(Path report) {
            for (int i = report.getNameCount() - 2; i >= 0; i--) {
                if (report.getName(i).toString().equals(record.id())) {
                    return report.subpath(i, report.getNameCount()).toString();
                }
            }
            return record.id() + "/" + report.getFileName();
        }
    }

    /** Refused by a guard or failed on the way; no half-written file is left behind. */
    record Failed(String target, CaptureFailure reason, String detail) implements CaptureOutcome {
        public Failed {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
