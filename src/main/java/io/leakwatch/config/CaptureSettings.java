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
 */
public record CaptureSettings(boolean enabled, Path directory, CapturePolicy policy) {
    public CaptureSettings {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(policy, "policy");
    }

    /** The capture root's name inside the data directory unless configured otherwise. */
    public static final String DEFAULT_DIRECTORY = "captures";

    /** Enabled, {@code <dataDir>/captures}, {@link CapturePolicy#defaults()}. */
    public static CaptureSettings defaults(Path dataDir) {
        return new CaptureSettings(true, dataDir.resolve(DEFAULT_DIRECTORY), CapturePolicy.defaults());
    }
}
