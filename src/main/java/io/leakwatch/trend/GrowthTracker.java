package io.leakwatch.trend;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.leakwatch.model.Sample;
import io.leakwatch.model.TrendSeries;

/**
 * Follows every target's samples and keeps the growth verdicts. Time is each sample's
 * {@code takenAt}; nothing here reads a clock.
 *
 * <p>Samples of one target go in one at a time, oldest first; a sample not newer than the last
 * one of its target is ignored. A sample from another process (a restart: different pid or start
 * time) starts that target afresh. Different targets may be updated from different threads at
 * once (each target has its own lock), and the latest verdicts may be read from any thread.
 */
public final class GrowthTracker {

    private final Function<String, DetectorSettings> settingsForTarget;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final Map<String, TargetVerdicts> latest = new ConcurrentHashMap<>();

    /** A tracker that judges every target with the same settings. */
    public GrowthTracker(DetectorSettings settings) {
        this(target -> settings);
        Objects.requireNonNull(settings, "settings");
    }

    /** A tracker that looks up each target's settings by its name when the target's process is first seen. */
    public GrowthTracker(Function<String, DetectorSettings> settingsForTarget) {
        this.settingsForTarget = Objects.requireNonNull(settingsForTarget, "settingsForTarget");
    }

    /**
     * Adds one sample and returns the target's verdicts, with the transitions this sample caused.
     * A sample not newer than the target's last one changes nothing and returns the latest
     * verdicts without transitions.
     */
    public TargetVerdicts update(Sample sample) {
        return update(sample, false);
    }

    /**
     * As {@link #update(Sample)}; with {@code ownStep}, the target's heap stepped since its last
     * sample because of something the watcher itself did to it (Flight Recorder's first recording
     * leaves about 2 MiB behind for good): from the next histogram on, the points before this
     * sample are levelled with the step, each type's by its own share and the heap's by the
     * histograms' totals, sized by comparing the few points on either side of it (see
     * {@link OwnStepLevelling}), so the step is not judged as growth; the heap's state waits until
     * that size is final. A series that fell is left as it is.
     */
    public TargetVerdicts update(Sample sample, boolean ownStep) {
        Objects.requireNonNull(sample, "sample");
        String target = sample.target();
        Slot slot = slots.computeIfAbsent(target, name -> new Slot());
        synchronized (slot) {
            boolean restarted = slot.track != null && !slot.track.identity().sameProcess(sample.identity());
            if (slot.track == null || restarted) {
                slot.track = new TargetTrack(settings(target), sample);
            } else if (!slot.track.accepts(sample)) {
                return slot.latest.settled();
            }
            slot.latest = slot.track.update(sample, restarted, ownStep && !restarted);
            latest.put(target, slot.latest);
            return slot.latest;
        }
    }

    /**
     * Re-seeds a target from stored history (oldest first), as after a daemon restart. Returns
     * the resulting verdicts without transitions: growth confirmed before the restart was already
     * acted upon.
     */
    public Optional<TargetVerdicts> replay(List<Sample> history) {
        TargetVerdicts last = null;
        for (Sample s : history) {
            last = update(s);
        }
        if (last == null) {
            return Optional.empty();
        }
        TargetVerdicts settled = last.settled();
        latest.put(settled.target(), settled);
        return Optional.of(settled);
    }

    /** The latest verdicts of a target, if it was sampled. */
    public Optional<TargetVerdicts> latest(String target) {
        return Optional.ofNullable(latest.get(target));
    }

    /**
     * The recent points of one series of {@code target} ({@link GrowthVerdict#HEAP} for the live
     * heap, else a class name as the histogram prints it), oldest first: the window its verdict was
     * judged on. Empty when the target or the type is not tracked.
     */
    public List<TrendSeries.Point> points(String target, String type) {
        Objects.requireNonNull(type, "type");
        Slot slot = slots.get(target);
        if (slot == null) {
            return List.of();
        }
        synchronized (slot) {
            return slot.track == null ? List.of() : slot.track.points(type);
        }
    }

    /** The latest verdicts of every target. */
    public Collection<TargetVerdicts> latestAll() {
        return List.copyOf(latest.values());
    }

    /** Drops a target's history and verdicts; call it once the target is no longer sampled. */
    public void forget(String target) {
        slots.remove(target);
        latest.remove(target);
    }

    /** One target's track, and the lock that keeps its updates in order. */
    private static final class Slot {
        TargetTrack track;
        TargetVerdicts latest;
    }

    private DetectorSettings settings(String target) {
        return Objects.requireNonNull(settingsForTarget.apply(target), () -> "no detector settings for target " + target);
    }
}
