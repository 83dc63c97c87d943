package io.leakwatch.alert;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns leak notices into alerts, one per leak signature and target: a new leak alerts at once,
 * the same leak again only after {@link AlertPolicy#repeatInterval()} or once it grew by
 * {@link AlertPolicy#growthFactor()}, and a cleared leak sends one resolve. State is in memory: after
 * a daemon restart a still-present leak alerts once more, which receivers treat as an update.
 */
public final class AlertDeduplicator {

    private record Key(String target, String signature) {
    }

    private record Sent(Alert alert, long magnitude) {
    }

    private final AlertPolicy policy;
    private final Clock clock;
    private final Map<Key, Sent> firing = new HashMap<>();

    public AlertDeduplicator(AlertPolicy policy, Clock clock) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The alert to send for {@code notice}, or empty when it repeats one sent recently. */
    public synchronized Optional<Alert> onLeak(LeakNotice notice) {
        Instant now = clock.instant();
        Key key = new Key(notice.target(), notice.signature());
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
                notice.topChains(), notice.reportUrl(), notice.labels(), since, now);
        firing.put(key, new Sent(alert, notice.magnitude()));
        return Optional.of(alert);
    }

    /** The resolve to send for a leak that cleared, or empty when it was not firing. */
    public synchronized Optional<Alert> onCleared(String target, String signature) {
        Sent last = firing.remove(new Key(target, signature));
        return last == null ? Optional.empty() : Optional.of(last.alert().resolvedAt(clock.instant()));
    }

    /**
     * Resolves every firing leak of {@code target} whose signature is not in {@code stillLeaking}:
     * for a detector that reports the full set of current leaks each round.
     */
    public synchronized List<Alert> retain(String target, Set<String> stillLeaking) {
        List<Alert> resolved = new ArrayList<>();
        for (Key key : List.copyOf(firing.keySet())) {
            if (key.target().equals(target) && !stillLeaking.contains(key.signature())) {
                resolved.add(firing.remove(key).alert().resolvedAt(clock.instant()));
            }
        }
        return resolved;
    }
}
