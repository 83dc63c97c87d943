package io.leakwatch.config;

import io.leakwatch.model.TargetSelector;
import io.leakwatch.sample.SamplingOptions;
import io.leakwatch.schedule.Schedule;
import io.leakwatch.trend.DetectorSettings;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One configured target.
 *
 * @param name      the {@code target} label on every series
 * @param selector  how its JVMs are found
 * @param schedule  when it is sampled
 * @param sampling  its timeouts
 * @param detection how its growth is judged (the global section with the target's overrides)
 * @param markers   marker agent methods and grace period
 */
public record TargetConfig(String name, TargetSelector selector, Schedule schedule, SamplingOptions sampling,
                           DetectorSettings detection, MarkerSettings markers) {

    /** Names fit a Prometheus label value and a file name. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    public TargetConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(detection, "detection");
        Objects.requireNonNull(markers, "markers");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("target name must match " + NAME + ": " + name);
        }
    }

    /** A target with the default detector and no marker methods. */
    public TargetConfig(String name, TargetSelector selector, Schedule schedule, SamplingOptions sampling) {
        this(name, selector, schedule, sampling, DetectorSettings.defaults(), MarkerSettings.defaults());
    }
}
