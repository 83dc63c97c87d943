package io.leakwatch.alert;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns leak notices into alerts, one per leak signature and target: a new leak alerts at once,
 * the same leak again only after {@link AlertPolicy#repeatInterval()} or once it grew by
 * {@link AlertPolicy#growthFactor()}, and a cleared leak sends one resolve.
 *
 * <p>Opened on a {@link StateFile}, the firing leaks (last alert sent and its magnitude) are saved
 * after every change and loaded at start-up, so a restarted daemon does not alert again for a leak
 * it already alerted. When the file cannot be written the state goes on in memory and is saved by
 * the next change or {@link #flush()}.
 */
public final class AlertDeduplicator {

    private record Key(String target, String signature) {
    }

    /** A firing leak: the last alert sent for it and the magnitude it was sent at. */
    record Sent(Alert alert, long magnitude) {
        Sent {
            Objects.requireNonNull(alert, "alert");
        }
    }

    /** What is saved: the firing leaks. */
    record Saved(int version, List<Sent> firing) {
        static final int VERSION = 1;

        Saved {
            if (version != VERSION) {
                throw new IllegalArgumentException("unknown dedup state version " + version + ", expected " + VERSION);
            }
            firing = List.copyOf(firing);
        }
    }

    private final AlertPolicy policy;
    private final Clock clock;
    private final StateFile<Saved> file;
    private final Map<Key, Sent> firing = new LinkedHashMap<>();
    /** Firing leaks no longer reported, since when: they resolve after the policy's hold-off. Memory only. */
    private final Map<Key, Instant> away = new LinkedHashMap<>();
    private boolean dirty;

    /** A deduplicator that keeps its state in memory only. */
    public AlertDeduplicator(AlertPolicy policy, Clock clock) {
        this(policy, clock, null);
    }

    private AlertDeduplicator(AlertPolicy policy, Clock clock, StateFile<Saved> file) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.file = file;
    }

    /**
     * A deduplicator whose state lives in {@code stateFile} (0600, replaced atomically), loaded now;
     * a damaged file is set aside and the state starts empty.
     */
    public static AlertDeduplicator open(AlertPolicy policy, Clock clock, Path stateFile, StoreFailureListener failures) {
        AlertDeduplicator dedup = new AlertDeduplicator(policy, clock,
                new StateFile<>(stateFile, Saved.class, "dedup", failures, clock));
        dedup.file.load().ifPresent(saved -> saved.firing().forEach(
                s -> dedup.firing.put(new Key(s.alert().target(), s.alert().signature()), s)));
        return dedup;
    }

    /** The alert to send for {@code notice}, or empty when it repeats one sent recently. */
    public synchronized Optional<Alert> onLeak(LeakNotice notice) {
        Instant now = clock.instant();
        Key key = new Key(notice.target(), notice.signature());
        away.remove(key);
        Sent last = firing.get(key);
        if (last != null) {
            boolean due = !now.isBefore(last.alert().time().plus(policy.repeatInterval()));
            boolean grown = notice.magnitude() >= last.magnitude() * policy.growthFactor() && notice.magnitude() > 0;
            if (!due && !grown) {
                return Optional.empty();
            }
        }
        Instant since = last == null ? now : last.alert().since();
        Alert alert = new Alert(notice.target(), notice.signature(), AlertState.FIRING, notice.summary(),
                notice.topChains(), notice.reportUrl(), notice.labels(), since, now, notice.allocationSites());
        firing.put(key, new Sent(alert, notice.magnitude()));
        save();
        return Optional.of(alert);
    }

    /** The resolve to send for a leak that cleared, or empty when it was not firing. */
    public synchronized Optional<Alert> onCleared(String target, String signature) {
        away.remove(new Key(target, signature));
        Sent last = firing.remove(new Key(target, signature));
        if (last == null) {
            return Optional.empty();
        }
        save();
        return Optional.of(last.alert().resolvedAt(clock.instant()));
    }

    /**
     * Resolves every firing leak of {@code target} whose signature is not in {@code stillLeaking}
     * and has not been since {@link AlertPolicy#resolveHoldOff()} (the rest resolve in
     * {@link #resolveDue()} unless reported again): for a detector that reports the full set of
     * current leaks each round.
     */
    public synchronized List<Alert> retain(String target, Set<String> stillLeaking) {
        Instant now = clock.instant();
        for (Key key : firing.keySet()) {
            if (key.target().equals(target)) {
                if (stillLeaking.contains(key.signature())) {
                    away.remove(key);
                } else {
                    away.putIfAbsent(key, now);
                }
            }
        }
        return resolveDue();
    }

    /** As {@link #retain}, resolving at once (the target's process restarted: the leak is gone, not hovering). */
    public synchronized List<Alert> retainNow(String target, Set<String> stillLeaking) {
        List<Alert> resolved = new ArrayList<>();
        for (Key key : List.copyOf(firing.keySet())) {
            if (key.target().equals(target) && !stillLeaking.contains(key.signature())) {
                away.remove(key);
                resolved.add(firing.remove(key).alert().resolvedAt(clock.instant()));
            }
        }
        if (!resolved.isEmpty()) {
            save();
        }
        return resolved;
    }

    /** The resolves of leaks away for the whole hold-off (call on a schedule). */
    public synchronized List<Alert> resolveDue() {
        Instant now = clock.instant();
        List<Alert> resolved = new ArrayList<>();
        for (Map.Entry<Key, Instant> e : List.copyOf(away.entrySet())) {
            if (!now.isBefore(e.getValue().plus(policy.resolveHoldOff()))) {
                away.remove(e.getKey());
                Sent last = firing.remove(e.getKey());
                if (last != null) {
                    resolved.add(last.alert().resolvedAt(e.getValue()));
                }
            }
        }
        if (!resolved.isEmpty()) {
            save();
        }
        return resolved;
    }

    /** Saves the state again if an earlier save failed (call on a schedule). */
    public synchronized void flush() {
        if (dirty) {
            save();
        }
    }

    private void save() {
        if (file != null) {
            dirty = !file.save(new Saved(Saved.VERSION, List.copyOf(firing.values())));
        }
    }
}
