package io.leakwatch.pipeline;

import io.leakwatch.model.LeakTrend;
import io.leakwatch.model.TargetIdentity;
import java.util.List;
import java.util.Objects;

/**
 * What one sample newly confirmed for one target: the series, and what a capture should explain.
 *
 * @param target         configured target name
 * @param identity       the process sampled
 * @param triggers       the series confirmed by this sample, at least one
 * @param growingTypes   the types to explain in a dump (top growers, the confirmed first)
 * @param includeMarkers also explain the surviving marked objects
 * @param trend          the series' recent points as detection judged them, for the capture's report
 */
public record ConfirmedLeak(String target, TargetIdentity identity, List<LeakTrigger> triggers,
                            List<String> growingTypes, boolean includeMarkers, LeakTrend trend) {
    public ConfirmedLeak {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(trend, "trend");
        triggers = List.copyOf(triggers);
        growingTypes = List.copyOf(growingTypes);
        if (triggers.isEmpty()) {
            throw new IllegalArgumentException("a confirmed leak has at least one trigger");
        }
    }
}
