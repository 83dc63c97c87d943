package io.leakwatch.alert;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the rest of the daemon calls: reports the current leaks of a target each round, the
 * deduplicator decides what to send, and the outbox persists it for delivery.
 */
public final class AlertService {

    private final AlertDeduplicator deduplicator;
    private final AlertOutbox outbox;

    public AlertService(AlertDeduplicator deduplicator, AlertOutbox outbox) {
        this.deduplicator = Objects.requireNonNull(deduplicator, "deduplicator");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
    }

    /**
     * The target's current leaks: new or re-due ones are queued as firing, firing signatures of the
     * target that are no longer in {@code notices} are queued as resolved. Returns what was queued.
     */
    public List<Alert> leaking(String target, List<LeakNotice> notices) throws IOException {
        List<Alert> queued = new ArrayList<>();
        Set<String> signatures = new HashSet<>();
        for (LeakNotice notice : notices) {
            if (!notice.target().equals(target)) {
                throw new IllegalArgumentException("notice for " + notice.target() + " reported as " + target);
            }
            signatures.add(notice.signature());
            deduplicator.onLeak(notice).ifPresent(queued::add);
        }
        queued.addAll(deduplicator.retain(target, signatures));
        for (Alert alert : queued) {
            outbox.enqueue(alert);
        }
        return queued;
    }

    /**
     * The target no longer leaks at all (its process restarted): every firing alert of it is queued
     * as resolved, at once.
     */
    public List<Alert> cleared(String target) throws IOException {
        List<Alert> resolved = deduplicator.retainNow(target, Set.of());
        for (Alert alert : resolved) {
            outbox.enqueue(alert);
        }
        return resolved;
    }

    /** One leak cleared: queues its resolve if it was firing. */
    public Optional<Alert> cleared(String target, String signature) throws IOException {
        Optional<Alert> resolved = deduplicator.onCleared(target, signature);
        if (resolved.isPresent()) {
            outbox.enqueue(resolved.get());
        }
        return resolved;
    }

    /**
     * Delivers what is due (call on a schedule, e.g. every 10 s, and after each call above): first
     * queues the resolves of leaks away for the whole resolve hold-off, and saves the deduplication
     * state again if an earlier save failed.
     */
    public List<AlertOutbox.Attempt> deliverDue() throws IOException {
        for (Alert alert : deduplicator.resolveDue()) {
            outbox.enqueue(alert);
        }
        deduplicator.flush();
        return outbox.deliverDue();
    }
}
