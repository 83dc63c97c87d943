package io.leakwatch.config;

import io.leakwatch.model.TargetSelector;
import io.leakwatch.sample.SamplingOptions;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One configured target.
 *
 * @param name     the {@code target} label on every series
 * @param selector how its JVMs are found
 * @param schedule when it is sampled
 * @param sampling its timeouts
 */
public record TargetConfig(String name, TargetSelector selector, Schedule schedule, SamplingOptions sampling) {

    /** Names fit a Prometheus label value and a file name. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    public TargetConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(sampling, "sampling");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("target name must match " + NAME + ": " + name);
        }
    }
}
