package io.leakwatch.pipeline;

import io.leakwatch.alert.LeakNotice;
import io.leakwatch.capture.CaptureAnalyzer.LeakFinding;
import io.leakwatch.capture.CaptureOutcome;
import io.leakwatch.graph.TypeNames;
import io.leakwatch.model.SeriesKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Leaks as incidents, not types: the growing types one holder keeps are one leak. A capture's
 * findings are grouped by their accumulation point (the finding's signature), one notice each, the
 * other types under it listed as "also growing"; the series the capture found under an alerted
 * point are remembered, so a series confirmed later that one of them explains joins that alert
 * instead of alerting alone. A series confirmed while the capture is rate-limited on a target
 * with an alert that has a chain waits here for the next capture.
 *
 * <p>Worker thread of the {@link LeakResponder} only. Memory only: after a daemon restart the next
 * capture attributes again.
 */
final class Incidents {

    /** Incidents alerted per capture: each its own signature. */
    static final int ALERTED = 3;
    /** An incident retaining less than 1/MINOR_SHARE of the largest one does not alert. */
    static final long MINOR_SHARE = 5;
    private static final String ALSO = " — also growing: ";

    /** Per target, per series key, the signature of the alerted incident the last capture found it under. */
    private final Map<String, Map<SeriesKey, String>> attributed = new HashMap<>();
    /**
     * Per target, per signature, the incidents captures found, as last alerted: kept when the
     * triggers filed under one clear, so a series that comes back re-joins its incident.
     */
    private final Map<String, Map<String, LeakNotice>> known = new HashMap<>();
    /** Per signature, the series of the finding that leads its notice. */
    private final Map<String, SeriesKey> leads = new HashMap<>();
    /** Per target, the series waiting for the next capture. */
    private final Map<String, ConfirmedLeak> pending = new HashMap<>();
    /**
     * Per target, a capture that explained too little of its growth, kept while its triggers wait
     * for the recheck: what they alert with when the recheck gives nothing better.
     */
    private final Map<String, CaptureOutcome.Captured> provisional = new HashMap<>();
    /** Targets rechecked since their process started: one recheck each. */
    private final Set<String> rechecked = new HashSet<>();

    /**
     * The groups of a capture's findings that alert, one per accumulation point, largest first;
     * remembers nothing. A point alerts when it is the largest holder of some growing series, holds
     * more than marked objects still within their grace, holds a series that confirmed the leak
     * (any growing series when none of those has a holder, or the live heap is among them), and
     * retains at least 1/{@value #MINOR_SHARE} of the largest point that qualifies; at most
     * {@value #ALERTED} do. The share is taken among the points that qualify: a reference table
     * that holds a type which only grew alongside must not silence the small holder of what
     * confirmed.
     */
    List<List<LeakFinding>> alerting(ConfirmedLeak leak, List<LeakFinding> findings) {
        Map<String, List<LeakFinding>> bySignature = new LinkedHashMap<>();
        // A growing type is explained by its largest holder; a smaller point that holds some of
        // the same type (a container's jar buffer beside the leak's table) stays in the report
        Set<String> leaders = new HashSet<>();
        Set<SeriesKey> seen = new HashSet<>();
        findings.stream().sorted(Comparator.comparingDouble(LeakFinding::estimatedRetainedBytes).reversed()).forEach(f -> {
            bySignature.computeIfAbsent(f.signature(), s -> new ArrayList<>()).add(f);
            if (seen.add(f.series())) {
                leaders.add(f.signature());
            }
        });
        Set<SeriesKey> triggers = new HashSet<>();
        leak.triggers().forEach(t -> triggers.add(t.key()));
        // without a holder of what confirmed (or with the heap among it), any growing type may be where
        boolean anyGrower = triggers.contains(SeriesKey.HEAP) || findings.stream().noneMatch(f -> triggers.contains(f.series()));
        List<List<LeakFinding>> qualified = bySignature.values().stream()
                .filter(g -> leaders.contains(g.get(0).signature()) && !onlyUnconfirmedMarks(g, leak)
                        && (anyGrower || holdsATrigger(g, triggers)))
                .toList();
        if (qualified.isEmpty()) {
            return List.of();
        }
        // Small points beside a big one are what every heap holds (interned strings, caches of
        // the JDK); they stay in the report but do not alert.
        double largest = qualified.get(0).get(0).estimatedRetainedBytes();
        return qualified.stream().filter(g -> g.get(0).estimatedRetainedBytes() * MINOR_SHARE >= largest)
                .limit(ALERTED).toList();
    }

    /**
     * One notice per alerted accumulation point of a capture (see {@link #alerting}), largest
     * first; remembers which series each explains.
     *
     * @param link the report link
     */
    List<LeakNotice> fromFindings(ConfirmedLeak leak, List<LeakFinding> findings, String link) {
        Map<SeriesKey, String> series = attributed.computeIfAbsent(leak.target(), t -> new HashMap<>());
        List<LeakNotice> notices = new ArrayList<>();
        for (List<LeakFinding> group : alerting(leak, findings)) {
            LeakFinding lead = group.get(0);
            Set<String> also = new LinkedHashSet<>();
            for (LeakFinding f : group) {
                series.putIfAbsent(f.series(), lead.signature());
                if (!f.series().equals(lead.series())) {
                    also.add(subject(f.series()));
                }
            }
            leads.put(lead.signature(), lead.series());
            Set<SeriesKey> keys = new HashSet<>();
            group.forEach(f -> keys.add(f.series()));
            if (notices.isEmpty()) {
                keys.add(SeriesKey.HEAP);
            }
            // the kind and the reason are what confirmed this point: growth first (what the alert
            // is about), marked objects the application declared dead as further evidence
            List<LeakTrigger> own = leak.triggers().stream().filter(t -> keys.contains(t.key()))
                    .sorted(Comparator.comparing(t -> t.kind() == LeakKind.MARKER)).toList();
            boolean marked = lead.series() instanceof SeriesKey.Marker;
            LeakKind kind = own.isEmpty() ? (marked ? LeakKind.MARKER : LeakKind.TYPE_GROWTH) : own.get(0).kind();
            String reason = !own.isEmpty() ? why(own)
                    : marked ? why(leak.triggers()) : "a type that grows, not confirmed alone; captured for: " + why(leak.triggers());
            LeakNotice notice = new LeakNotice(leak.target(), lead.signature(),
                    leak.target() + ": " + lead.description() + " (" + reason + ")",
                    lead.chains(), link, Map.of("kind", kind.label()), lead.retainedBytes());
            notices.add(alsoGrowing(notice, also));
        }
        if (!notices.isEmpty()) {
            // the heap grows with what grows in it: with the largest leak the dump found
            series.putIfAbsent(SeriesKey.HEAP, notices.get(0).signature());
            Map<String, LeakNotice> incidents = known.computeIfAbsent(leak.target(), t -> new HashMap<>());
            notices.forEach(n -> incidents.put(n.signature(), n));
        }
        return notices;
    }

    /**
     * Whether {@code group} holds a series that confirmed the leak. When one of those has a holder
     * in the dump, a type that only grew alongside (as {@code byte[]} does in walk-only histograms
     * that count garbage) must not lead an alert of its own holder; when none has, or the live heap
     * is among them, the capture's fastest grower may be where the leak is (a redeploy leak's
     * buffers while a container map confirmed), which is why the capture explains it.
     */
    private static boolean holdsATrigger(List<LeakFinding> group, Set<SeriesKey> triggers) {
        return group.stream().anyMatch(f -> triggers.contains(f.series()));
    }

    /**
     * Marked objects still within their grace are evidence for a leak that grows at their holder,
     * not a leak of their own: a point holding only those does not alert.
     */
    private static boolean onlyUnconfirmedMarks(List<LeakFinding> group, ConfirmedLeak leak) {
        Set<SeriesKey> confirmed = new HashSet<>();
        leak.triggers().forEach(t -> confirmed.add(t.key()));
        return group.stream().allMatch(f -> f.series() instanceof SeriesKey.Marker && !confirmed.contains(f.series()));
    }

    /** The incident of {@code target} a capture found, with signature {@code signature}, as last alerted. */
    Optional<LeakNotice> incident(String target, String signature) {
        return Optional.ofNullable(known.getOrDefault(target, Map.of()).get(signature));
    }

    /**
     * {@code incident} joined by the series {@code seriesKey}: listed as also growing (unless it is
     * the heap, or the type the notice leads with), and recorded as the incident's latest form.
     */
    LeakNotice join(LeakNotice incident, SeriesKey seriesKey) {
        LeakNotice joined = seriesKey.equals(SeriesKey.HEAP) || seriesKey.equals(leads.get(incident.signature())) ? incident
                : alsoGrowing(incident, Set.of(subject(seriesKey)));
        known.computeIfAbsent(joined.target(), t -> new HashMap<>()).put(joined.signature(), joined);
        return joined;
    }

    /** Whether a capture of {@code target} found a leak with a chain since its process started. */
    boolean captured(String target) {
        return !known.getOrDefault(target, Map.of()).isEmpty();
    }

    /** The signature of the alerted incident the last capture of {@code target} found {@code seriesKey} under. */
    Optional<String> explaining(String target, SeriesKey seriesKey) {
        return Optional.ofNullable(attributed.getOrDefault(target, Map.of()).get(seriesKey));
    }

    /** Keeps {@code leak}'s triggers for the next capture of its target (merged with those waiting). */
    void await(ConfirmedLeak leak) {
        pending.merge(leak.target(), leak, (old, add) -> {
            Map<SeriesKey, LeakTrigger> triggers = new LinkedHashMap<>();
            old.triggers().forEach(t -> triggers.put(t.key(), t));
            add.triggers().forEach(t -> triggers.put(t.key(), t));
            Set<String> types = new LinkedHashSet<>(add.growingTypes());
            types.addAll(old.growingTypes());
            return new ConfirmedLeak(add.target(), add.identity(), List.copyOf(triggers.values()), List.copyOf(types),
                    old.includeMarkers() || add.includeMarkers(), add.trend().plus(old.trend()));
        });
    }

    /** The series of {@code target} waiting for a capture, still among {@code live} trigger keys; removed. */
    Optional<ConfirmedLeak> takeWaiting(String target, Set<SeriesKey> live) {
        ConfirmedLeak waiting = pending.remove(target);
        if (waiting == null) {
            return Optional.empty();
        }
        List<LeakTrigger> still = waiting.triggers().stream().filter(t -> live.contains(t.key())).toList();
        return still.isEmpty() ? Optional.empty() : Optional.of(new ConfirmedLeak(target, waiting.identity(), still,
                waiting.growingTypes(), waiting.includeMarkers(), waiting.trend()));
    }

    /**
     * Whether a capture of {@code target} that explained little may be checked again: once per
     * process (a recheck that waits counts).
     */
    boolean mayRecheck(String target) {
        return !rechecked.contains(target);
    }

    /** {@code captured} explained too little: {@code leak}'s triggers wait for the recheck, which falls back to it. */
    void awaitRecheck(ConfirmedLeak leak, CaptureOutcome.Captured captured) {
        provisional.put(leak.target(), captured);
        rechecked.add(leak.target());
        await(leak);
    }

    /** Whether triggers of {@code target} wait for a recheck (no capture of their own meanwhile). */
    boolean rechecking(String target) {
        return provisional.containsKey(target);
    }

    /** The capture a recheck of {@code target} repeats, if one waits; removed. */
    Optional<CaptureOutcome.Captured> takeProvisional(String target) {
        return Optional.ofNullable(provisional.remove(target));
    }

    /** The target's process restarted: what its captures showed no longer applies. */
    void forget(String target) {
        attributed.remove(target);
        known.remove(target);
        pending.remove(target);
        provisional.remove(target);
        rechecked.remove(target);
    }

    /**
     * What confirmed {@code triggers}, for a summary: the first one's words, the marked survivors'
     * words, and how many more growing series.
     */
    static String why(List<LeakTrigger> triggers) {
        List<String> said = new ArrayList<>();
        said.add(triggers.get(0).summary());
        triggers.stream().skip(1).filter(t -> t.kind() == LeakKind.MARKER).forEach(t -> said.add(t.summary()));
        long more = triggers.size() - said.size();
        return String.join("; ", said) + (more == 0 ? "" : "; and " + more + " more growing series");
    }

    /** {@code notice} with {@code subjects} added to the types it lists as also growing. */
    static LeakNotice alsoGrowing(LeakNotice notice, Set<String> subjects) {
        String summary = notice.summary();
        int at = summary.lastIndexOf(ALSO);
        Set<String> all = new LinkedHashSet<>();
        if (at >= 0) {
            all.addAll(List.of(summary.substring(at + ALSO.length()).split(", ")));
            summary = summary.substring(0, at);
        }
        all.addAll(subjects);
        if (all.isEmpty()) {
            return notice;
        }
        return new LeakNotice(notice.target(), notice.signature(), summary + ALSO + String.join(", ", all),
                notice.topChains(), notice.reportUrl(), notice.labels(), notice.magnitude(), notice.allocationSites());
    }

    /**
     * What {@code seriesKey} is of, a type named as reports name it ({@code [Ljava.lang.String;} →
     * {@code java.lang.String[]}), marked objects as {@code objects marked "session"}.
     */
    static String subject(SeriesKey seriesKey) {
        if (seriesKey instanceof SeriesKey.Marker m) {
            return "objects marked \"" + m.label() + "\"";
        }
        return TypeNames.javaName(seriesKey.subject());
    }
}
