package io.leakwatch.trend;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.leakwatch.model.Sample;

/**
 * Follows every target's samples and keeps the growth verdicts. Time is each sample's
 * {@code takenAt}; nothing here reads a clock.
 *
 * <p>Samples of one target go in one at a time, oldest first; a sample not newer than the last
 * one of its target is ignored. A sample from another process (a restart: different pid or start
 * time) starts that target afresh. Different targets may be updated from different threads, and
 * the latest verdicts may be read from any thread.
 */
public final class GrowthTracker {

    private final Function<String, DetectorSettings> settingsForTarget;
    private final Map<String, TargetTrack> tracks = new ConcurrentHashMap<>();
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
        Objects.requireNonNull(sample, "sample");
        String target = sample.target();
        TargetVerdicts[] out = new TargetVerdicts[1];
        tracks.compute(target, (name, track) -> {
            boolean restarted = track != null && !track.identity().sameProcess(sample.identity());
            if (track == null || restarted) {
                track = new TargetTrack(settings(name), sample);
            } else if (!track.accepts(sample)) {
                out[0] = latest.get(name).settled();
                return track;
            }
            out[0] = track.update(sample, restarted);
            latest.put(name, out[0]);
            return track;
        });
        return out[0];
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

    /** The latest verdicts of every target. */
    public Collection<TargetVerdicts> latestAll() {
        return List.copyOf(latest.values());
    }

    /** Drops a target's history and verdicts (it was removed from the configuration). */
    public void forget(String target) {
        tracks.remove(target);
        latest.remove(target);
    }

    private DetectorSettings settings(String target) {
        return Objects.requireNonNull(settingsForTarget.apply(target), () -> "no detector settings for target " + target);
    }
}
