package io.leakwatch.capture;

import io.leakwatch.capture.DumpAnalyzer.AnalysisResult;
import java.util.Objects;

/** What one capture gave: an analysed dump, or a failure that names its cause. */
public sealed interface CaptureOutcome {

    /** The configured target name. */
    String target();

    /** The dump was written and analysed; {@code analysis} holds the findings for alerts. */
    record Captured(CaptureRecord record, AnalysisResult.Analysed analysis) implements CaptureOutcome {
        public Captured {
            Objects.requireNonNull(record, "record");
            Objects.requireNonNull(analysis, "analysis");
        }

        @Override
        public String target() {
            return record.target();
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
