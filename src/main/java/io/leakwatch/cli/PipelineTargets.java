package io.leakwatch.cli;

import io.leakwatch.attach.MarkerAgentListener;
import io.leakwatch.config.ConfigDiff;
import io.leakwatch.config.LeakwatchConfig;
import io.leakwatch.config.TargetConfig;
import io.leakwatch.history.HistoryStore;
import io.leakwatch.model.SeriesKey;
import io.leakwatch.pipeline.DetectionListener;
import io.leakwatch.pipeline.LeakResponder;
import io.leakwatch.sample.SampleListener;
import io.leakwatch.sample.SampleOutcome;
import io.leakwatch.trend.GrowthTracker;
import io.leakwatch.trend.GrowthVerdict;
import io.leakwatch.trend.LeakState;
import io.leakwatch.trend.MarkerLeakDetector;
import io.leakwatch.trend.TargetVerdicts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leak pipeline's per-target settings, live: the lookups the tracker, the dumpers and the
 * marker detection read, changed by a config reload. A target whose detection settings changed
 * (or that was added) has its tracker rebuilt from its stored history under the new settings, as at
 * a restart; that happens just before its next round is judged, on the round's own thread, so it
 * never races a sample of that target. Series confirmed before and no longer confirmed under the
 * new settings resolve their alerts; ones confirmed only under the new settings alert once they
 * are confirmed by a new transition, as after a restart.
 */
final class PipelineTargets implements SampleListener {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineTargets.class);
    private static final Duration DEFAULT_GRACE = Duration.ofMinutes(1);

    private final Map<String, TargetConfig> targets = new ConcurrentHashMap<>();
    private final Map<String, MarkerLeakDetector> markerDetectors = new ConcurrentHashMap<>();
    private final Set<String> reseedPending = ConcurrentHashMap.newKeySet();
    private final MarkerLeakDetector defaultMarkers = new MarkerLeakDetector(DEFAULT_GRACE);
    private GrowthTracker tracker;
    private HistoryStore history;
    private Runnable verdictsChanged;
    private MarkerAgentListener agents;
    private LeakResponder responder;

    /** The running targets of {@code config}. */
    PipelineTargets(LeakwatchConfig config) {
        config.targets().forEach(this::put);
    }

    /** The parts to re-seed and notify; LeakPipeline builds them after the lookups they read. */
    void wire(GrowthTracker tracker, HistoryStore history, Runnable verdictsChanged, MarkerAgentListener agents,
              LeakResponder responder) {
        this.tracker = tracker;
        this.history = history;
        this.verdictsChanged = verdictsChanged;
        this.agents = agents;
        this.responder = responder;
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

    /** The marker methods of each target that has any. */
    Map<String, List<String>> markerMethods() {
        Map<String, List<String>> methods = new HashMap<>();
        targets.values().stream().filter(t -> !t.markers().methods().isEmpty())
                .forEach(t -> methods.put(t.name(), t.markers().methods()));
        return methods;
    }

    /** Takes the added and changed targets of a reload; removed ones go by {@link #forget(String)}. */
    void apply(ConfigDiff diff) {
        for (TargetConfig t : diff.added()) {
            put(t);
            reseedPending.add(t.name());
        }
        for (ConfigDiff.TargetChange c : diff.changed()) {
            put(c.after());
            if (c.detectionChanged()) {
                reseedPending.add(c.after().name());
            }
        }
        agents.retarget(markerMethods());
    }

    /** Drops a target no longer watched, once its last round is over: its growth state, series and alerts. */
    void forget(String target) {
        targets.remove(target);
        markerDetectors.remove(target);
        reseedPending.remove(target);
        tracker.forget(target);
        verdictsChanged.run();
        agents.retarget(markerMethods());
        responder.clearedAll(target);
    }

    private void put(TargetConfig t) {
        targets.put(t.name(), t);
        markerDetectors.put(t.name(), new MarkerLeakDetector(t.markers().grace()));
    }

    @Override
    public void onRound(String target, List<SampleOutcome> outcomes) {
        if (!reseedPending.remove(target)) {
            return;
        }
        Optional<TargetVerdicts> before = tracker.latest(target);
        tracker.forget(target);
        DetectionListener.reseed(tracker, history, List.of(target));
        verdictsChanged.run();
        List<SeriesKey> noLonger = new ArrayList<>();
        before.ifPresent(b -> {
            Optional<TargetVerdicts> after = tracker.latest(target);
            for (GrowthVerdict v : all(b)) {
                if (v.state() == LeakState.CONFIRMED && !confirmedIn(after, v)) {
                    noLonger.add(v.series());
                }
            }
        });
        if (!noLonger.isEmpty()) {
            LOG.info("{}: no longer confirmed under the reloaded detection settings: {}", target, noLonger);
            responder.cleared(target, noLonger);
        }
    }

    private static boolean confirmedIn(Optional<TargetVerdicts> verdicts, GrowthVerdict v) {
        return verdicts.map(t -> all(t).stream().anyMatch(x -> x.heap() == v.heap() && x.type().equals(v.type())
                && x.state() == LeakState.CONFIRMED)).orElse(false);
    }

    private static List<GrowthVerdict> all(TargetVerdicts t) {
        List<GrowthVerdict> all = new ArrayList<>(t.types());
        all.add(0, t.heap());
        return all;
    }
}
