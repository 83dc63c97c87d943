package io.leakwatch.pipeline;

import io.leakwatch.history.HistoryStore;
import io.leakwatch.history.LoadedHistory;
import io.leakwatch.model.SeriesKey;
import io.leakwatch.sample.SampleListener;
import io.leakwatch.sample.SampleOutcome;
import io.leakwatch.trend.GrowthTracker;
import io.leakwatch.trend.GrowthVerdict;
import io.leakwatch.trend.LeakState;
import io.leakwatch.trend.TargetVerdicts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Growth detection as targets come and go: the tracker re-seeded from the stored history at
 * start-up, and again for a target whose detection settings changed (or that was added) by a
 * config reload; a removed target forgotten.
 *
 * <p>A reloaded target is rebuilt from its history under the new settings, as at a restart, just
 * before its next round is judged, on the round's own thread, so it never races a sample of that
 * target (this listener goes before the {@link DetectionListener}). Series confirmed before and no
 * longer confirmed under the new settings resolve their alerts; ones confirmed only under the new
 * settings alert once they are confirmed by a new transition, as after a restart.
 */
public final class DetectionReload implements SampleListener {

    private static final Logger LOG = LoggerFactory.getLogger(DetectionReload.class);

    private final GrowthTracker tracker;
    private final HistoryStore history;
    private final Runnable verdictsChanged;
    private final LeakResponder responder;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    /**
     * @param tracker         the growth tracker
     * @param history         the stored samples it is rebuilt from
     * @param verdictsChanged called after the tracker changed (refreshes the growth metrics)
     * @param responder       resolves the alerts of series no longer confirmed
     */
    public DetectionReload(GrowthTracker tracker, HistoryStore history, Runnable verdictsChanged,
                           LeakResponder responder) {
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        this.history = Objects.requireNonNull(history, "history");
        this.verdictsChanged = Objects.requireNonNull(verdictsChanged, "verdictsChanged");
        this.responder = Objects.requireNonNull(responder, "responder");
    }

    /**
     * Re-seeds {@code tracker} from the stored history of {@code targets}, as after a restart of
     * the daemon: growth confirmed before is known again, without a new capture or alert. Damaged
     * history is repaired by the store and logged here.
     */
    public static void reseed(GrowthTracker tracker, HistoryStore history, Collection<String> targets) {
        for (String target : targets) {
            try {
                LoadedHistory loaded = history.load(target);
                loaded.problem().ifPresent(p -> LOG.warn("{}", p));
                tracker.replay(loaded.samples()).ifPresent(v -> LOG.info("Re-seeded {} from {} stored samples; heap {}",
                        target, loaded.records().size(), v.heap().state()));
            } catch (IOException e) {
                LOG.warn("Cannot read the history of {}; it starts empty: {}", target, e.toString());
            }
        }
    }

    /** Rebuilds {@code target}'s growth state from its history before its next round (added, or its detection changed). */
    public void reseedBeforeNextRound(String target) {
        pending.add(target);
    }

    /** Drops a target no longer watched, once its last round is over: its growth state, and its alerts resolve. */
    public void forget(String target) {
        pending.remove(target);
        tracker.forget(target);
        verdictsChanged.run();
        responder.clearedAll(target);
    }

    @Override
    public void onRound(String target, List<SampleOutcome> outcomes) {
        if (!pending.remove(target)) {
            return;
        }
        Optional<TargetVerdicts> before = tracker.latest(target);
        tracker.forget(target);
        reseed(tracker, history, List.of(target));
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
