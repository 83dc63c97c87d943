package io.leakwatch.cli;

import io.leakwatch.attach.AttachDumperSource;
import io.leakwatch.config.ConfigDiff;
import io.leakwatch.config.LeakwatchConfig;
import io.leakwatch.config.TargetConfig;
import io.leakwatch.trend.MarkerLeakDetector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The leak pipeline's per-target settings, live: the lookups the tracker, the dumpers and the
 * marker detection read, changed by a config reload.
 */
final class PipelineTargets {

    private static final Duration DEFAULT_GRACE = Duration.ofMinutes(1);

    private final Map<String, TargetConfig> targets = new ConcurrentHashMap<>();
    private final Map<String, MarkerLeakDetector> markerDetectors = new ConcurrentHashMap<>();
    private final MarkerLeakDetector defaultMarkers = new MarkerLeakDetector(DEFAULT_GRACE);

    /** The running targets of {@code config}. */
    PipelineTargets(LeakwatchConfig config) {
        config.targets().forEach(this::put);
    }

    TargetConfig get(String target) {
        return targets.get(target);
    }

    Set<String> names() {
        return targets.keySet();
    }

    MarkerLeakDetector markerDetector(String target) {
        return markerDetectors.getOrDefault(target, defaultMarkers);
    }

    /** How the capture reaches {@code target}, empty when it is not configured. */
    Optional<AttachDumperSource.Route> route(String target) {
        return Optional.ofNullable(targets.get(target)).map(t -> new AttachDumperSource.Route(t.selector(), t.sampling()));
    }

    /** The marker methods of each target that has any. */
    Map<String, List<String>> markerMethods() {
        Map<String, List<String>> methods = new HashMap<>();
        targets.values().stream().filter(t -> !t.markers().methods().isEmpty())
                .forEach(t -> methods.put(t.name(), t.markers().methods()));
        return methods;
    }

    /**
     * Takes the added and changed targets of a reload (removed ones go by {@link #forget(String)}).
     *
     * @return the targets whose growth detection starts over from their history: added, or their detection changed
     */
    List<String> apply(ConfigDiff diff) {
        List<String> reseed = new ArrayList<>();
        for (TargetConfig t : diff.added()) {
            put(t);
            reseed.add(t.name());
        }
        for (ConfigDiff.TargetChange c : diff.changed()) {
            put(c.after());
            if (c.detectionChanged()) {
                reseed.add(c.after().name());
            }
        }
        return reseed;
    }

    /** Drops the settings of a target no longer watched. */
    void forget(String target) {
        targets.remove(target);
        markerDetectors.remove(target);
    }

    private void put(TargetConfig t) {
        targets.put(t.name(), t);
        markerDetectors.put(t.name(), new MarkerLeakDetector(t.markers().grace()));
    }
}
