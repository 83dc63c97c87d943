package io.leakwatch.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How allocation sites are sampled (config section {@code allocations}).
 *
 * @param enabled  sample old objects with JFR on a target whose growth is suspected
 * @param always   keep a recording running on every target, not only suspected ones
 * @param duration a recording ends by itself after this long (also when the daemon dies)
 * @param packages prefixes of application classes shown in allocation stacks; empty: all but the JDK's
 * @param depth    application frames shown per site
 * @param top      sites alerted per leak
 */
public record AllocationSettings(boolean enabled, boolean always, Duration duration, List<String> packages, int depth,
                                 int top) {
    public AllocationSettings {
        Objects.requireNonNull(duration, "duration");
        packages = List.copyOf(packages);
        if (duration.toSeconds() < 1 || depth < 1 || top < 1) {
            throw new IllegalArgumentException("duration must be at least 1 s, depth and top at least 1: "
                    + duration + ", " + depth + ", " + top);
        }
    }

    /** On for suspected targets, 30-minute recordings, JDK frames trimmed, 3 frames, 3 sites. */
    public static AllocationSettings defaults() {
        return new AllocationSettings(true, false, Duration.ofMinutes(30), List.of(), 3, 3);
    }
}
