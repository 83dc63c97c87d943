package io.leakwatch.config;

import io.leakwatch.export.TypeFilter;
import io.leakwatch.http.HttpSettings;
import io.leakwatch.pipeline.AllocationSettings;
import io.leakwatch.trend.DetectorSettings;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A whole, checked configuration.
 *
 * @param targets   the JVMs to watch, names unique
 * @param http      where {@code /metrics} is served
 * @param dataDir   where history, dumps and reports go
 * @param export    which per-type series are exported
 * @param detection the global detector settings (each target holds its own, overrides applied)
 * @param capture   heap-dump capture of confirmed leaks
 * @param alerts    alert sinks and deduplication
 * @param allocations allocation-site sampling of suspected leaks
 */
public record LeakwatchConfig(List<TargetConfig> targets, HttpSettings http, Path dataDir, TypeFilter export,
                              DetectorSettings detection, CaptureSettings capture, AlertSettings alerts,
                              AllocationSettings allocations) {
    public LeakwatchConfig {
        Objects.requireNonNull(allocations, "allocations");
        targets = List.copyOf(Objects.requireNonNull(targets, "targets"));
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(export, "export");
        Objects.requireNonNull(detection, "detection");
        Objects.requireNonNull(capture, "capture");
        Objects.requireNonNull(alerts, "alerts");
        Set<String> names = new HashSet<>();
        for (TargetConfig t : targets) {
            if (!names.add(t.name())) {
                throw new IllegalArgumentException("duplicate target name " + t.name());
            }
        }
    }

    /** A configuration with default allocation sampling. */
    public LeakwatchConfig(List<TargetConfig> targets, HttpSettings http, Path dataDir, TypeFilter export,
                           DetectorSettings detection, CaptureSettings capture, AlertSettings alerts) {
        this(targets, http, dataDir, export, detection, capture, alerts, AllocationSettings.defaults());
    }

    /** A configuration with default detection, capture (under {@code dataDir}) and log-only alerts. */
    public LeakwatchConfig(List<TargetConfig> targets, HttpSettings http, Path dataDir, TypeFilter export) {
        this(targets, http, dataDir, export, DetectorSettings.defaults(), CaptureSettings.defaults(dataDir),
                AlertSettings.defaults());
    }

    /** Where data goes when the file names no {@code dataDir}. */
    public static final Path DEFAULT_DATA_DIR = Path.of("data");

    /** The directory whose report files are served under {@code /reports/}: the capture root. */
    public Path reportsDirectory() {
        return capture.directory();
    }
}
