package io.leakwatch.markers;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Holds the marks: per label a concurrent set of {@link MarkRef}s, and one queue the GC puts cleared
 * references on. Marking is lock-free; the queue is drained a little on every mark and fully on
 * every read, so cleared references do not pile up and no thread of our own is needed.
 */
final class MarkerRegistry {

    /** Enough to outpace the marking rate: each mark removes up to this many cleared marks. */
    private static final int DRAIN_PER_MARK = 8;

    /**
     * Labels are meant to be a small fixed set; past this many (say, an id built into the label)
     * new labels are folded into {@link #OVERFLOW_LABEL} so memory and metric series stay bounded.
     */
    static final int MAX_LABELS = 256;

    static final String OVERFLOW_LABEL = "(other labels)";

    private final ConcurrentMap<String, Set<MarkRef>> byLabel =
            new ConcurrentHashMap<String, Set<MarkRef>>();
    private final ReferenceQueue<Object> cleared = new ReferenceQueue<Object>();
    private final LongSupplier clockMillis;
    private volatile boolean agentMarking = true;

    MarkerRegistry(LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
    }

    void mark(Object target, String label) {
        String key = label;
        Set<MarkRef> refs = byLabel.get(key);
        if (refs == null) {
            if (byLabel.size() >= MAX_LABELS) {
                key = OVERFLOW_LABEL;
            }
            refs = newSetFor(key);
        }
        refs.add(new MarkRef(target, key, clockMillis.getAsLong(), cleared));
        expunge(DRAIN_PER_MARK);
    }

    private Set<MarkRef> newSetFor(String label) {
        Set<MarkRef> existing = byLabel.get(label);
        if (existing != null) {
            return existing;
        }
        Set<MarkRef> fresh = Collections.newSetFromMap(new ConcurrentHashMap<MarkRef, Boolean>());
        Set<MarkRef> raced = byLabel.putIfAbsent(label, fresh);
        return raced == null ? fresh : raced;
    }

    private void expunge(int max) {
        for (int i = 0; i < max; i++) {
            Reference<?> ref = cleared.poll();
            if (ref == null) {
                return;
            }
            MarkRef mark = (MarkRef) ref;
            Set<MarkRef> refs = byLabel.get(mark.label);
            if (refs != null) {
                refs.remove(mark);
            }
        }
    }

    /**
     * Survivors per label, sorted by label. Also drops every cleared mark it meets, including one
     * cleared before its {@code add} finished (so it missed the queue drain).
     */
    List<Survivor> survivors() {
        expunge(Integer.MAX_VALUE);
        long now = clockMillis.getAsLong();
        List<Survivor> result = new ArrayList<Survivor>(byLabel.size());
        for (Map.Entry<String, Set<MarkRef>> entry : byLabel.entrySet()) {
            long alive = 0;
            long oldest = Long.MAX_VALUE;
            for (Iterator<MarkRef> it = entry.getValue().iterator(); it.hasNext(); ) {
                MarkRef mark = it.next();
                if (mark.get() == null) {
                    it.remove();
                } else {
                    alive++;
                    oldest = Math.min(oldest, mark.markedAtMillis);
                }
            }
            result.add(new Survivor(entry.getKey(), alive, alive == 0 ? 0 : Math.max(0, now - oldest)));
        }
        Collections.sort(result, new Comparator<Survivor>() {
            @Override
            public int compare(Survivor a, Survivor b) {
                return a.getLabel().compareTo(b.getLabel());
            }
        });
        return result;
    }

    /** Marks held, cleared or not: what the registry costs in memory. */
    int tracked() {
        int n = 0;
        for (Set<MarkRef> refs : byLabel.values()) {
            n += refs.size();
        }
        return n;
    }

    boolean agentMarking() {
        return agentMarking;
    }

    void agentMarking(boolean enabled) {
        agentMarking = enabled;
    }
}
