package io.leakwatch.config;

import io.leakwatch.config.RawConfig.RawAllocations;
import io.leakwatch.pipeline.AllocationSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Checks the {@code allocations} section (allocation-site sampling with JFR). */
final class AllocationBinder {

    private static final String PACKAGE = "[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*\\.?";

    private final Problems problems;

    AllocationBinder(Problems problems) {
        this.problems = problems;
    }

    AllocationSettings bind(RawAllocations raw) {
        AllocationSettings d = AllocationSettings.defaults();
        if (raw == null) {
            return d;
        }
        boolean enabled = problems.flag("allocations.enabled", raw.enabled(), d.enabled());
        boolean always = problems.flag("allocations.always", raw.always(), d.always());
        Duration duration = problems.duration("allocations.duration", raw.duration(), d.duration());
        if (duration != null && duration.toSeconds() < 1) {
            problems.report("allocations.duration", "'" + raw.duration()
                    + "' is too short: a recording needs at least 1s to sample anything (e.g. 30m)");
            duration = null;
        }
        List<String> packages = new ArrayList<>();
        List<String> rawPackages = raw.packages() == null ? List.of() : raw.packages();
        for (int i = 0; i < rawPackages.size(); i++) {
            String p = rawPackages.get(i);
            if (p == null || !p.matches(PACKAGE)) {
                problems.report("allocations.packages[" + i + "]", "'" + p
                        + "' is not a package or class prefix (e.g. com.example.)");
            } else {
                packages.add(p);
            }
        }
        Integer depth = raw.depth() == null ? Integer.valueOf(d.depth())
                : problems.integer("allocations.depth", raw.depth(), 1, 20).orElse(null);
        Integer top = raw.top() == null ? Integer.valueOf(d.top())
                : problems.integer("allocations.top", raw.top(), 1, 10).orElse(null);
        if (duration == null || depth == null || top == null) {
            return d;
        }
        return new AllocationSettings(enabled, always, duration, packages, depth, top);
    }
}
