package io.leakwatch.config;

import io.leakwatch.capture.CapturePolicy;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The {@code capture} section: whether confirmed leaks are dumped, where, and under which guards.
 *
 * @param enabled   false to detect and alert without heap dumps
 * @param directory the capture root (dumps, reports, records); the HTTP layer serves its reports
 *                  under {@code /reports/}
 * @param policy    rate limit, quota, size estimate, free-space reserve, timeout, what to keep
 * @param analysis  where the dump is analyzed (a child JVM unless configured otherwise)
 */
public record CaptureSettings(boolean enabled, Path directory, CapturePolicy policy, AnalysisSettings analysis) {
    public CaptureSettings {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(analysis, "analysis");
    }

    /** With the default analysis settings. */
    public CaptureSettings(boolean enabled, Path directory, CapturePolicy policy) {
        this(enabled, directory, policy, AnalysisSettings.defaults());
    }

    /** The capture root's name inside the data directory unless configured otherwise. */
    public static final String DEFAULT_DIRECTORY = "captures";

    /** Enabled, {@code <dataDir>/captures}, {@link CapturePolicy#defaults()}. */
    public static CaptureSettings defaults(Path dataDir) {
        return new CaptureSettings(true, dataDir.resolve(DEFAULT_DIRECTORY), CapturePolicy.defaults());
    }
}
