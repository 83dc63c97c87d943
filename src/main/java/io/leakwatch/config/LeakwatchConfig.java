package io.leakwatch.config;

import io.leakwatch.export.TypeFilter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A whole, checked configuration.
 *
 * @param targets the JVMs to watch, names unique
 * @param http    where {@code /metrics} is served
 * @param dataDir where history, dumps and reports go
 * @param export  which per-type series are exported
 */
public record LeakwatchConfig(List<TargetConfig> targets, HttpSettings http, Path dataDir, TypeFilter export) {
    public LeakwatchConfig {
        targets = List.copyOf(Objects.requireNonNull(targets, "targets"));
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(export, "export");
        Set<String> names = new HashSet<>();
        for (TargetConfig t : targets) {
            if (!names.add(t.name())) {
                throw new IllegalArgumentException("duplicate target name " + t.name());
            }
        }
    }

    /** Where data goes when the file names no {@code dataDir}. */
    public static final Path DEFAULT_DATA_DIR = Path.of("data");
}
