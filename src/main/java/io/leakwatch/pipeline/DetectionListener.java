package io.leakwatch.pipeline;

import io.leakwatch.graph.TypeNames;
import io.leakwatch.history.HistoryRecord;
import io.leakwatch.history.HistoryStore;
import io.leakwatch.history.LoadedHistory;
import io.leakwatch.model.LeakTrend;
import io.leakwatch.model.MarkerSurvival;
import io.leakwatch.model.Sample;
import io.leakwatch.model.SampleTier;
import io.leakwatch.model.SeriesKey;
import io.leakwatch.model.TrendSeries;
import io.leakwatch.sample.SampleListener;
import io.leakwatch.sample.SampleOutcome;
import io.leakwatch.trend.GrowthTracker;
import io.leakwatch.trend.GrowthVerdict;
import io.leakwatch.trend.LeakState;
import io.leakwatch.trend.MarkerLeakDetector;
import io.leakwatch.trend.TargetVerdicts;
import io.leakwatch.trend.Transition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Growth detection on every sample: feeds the tracker and the history, refreshes the growth
 * metrics, judges the marker survivors, and hands what a sample newly confirmed or cleared to the
 * {@link LeakResponder} (the tracker is re-seeded by {@link DetectionReload}). Runs on the
 * sampling threads and only does quick work there; the capture and the alerts run on the
 * responder's own thread.
 */
public final class DetectionListener implements SampleListener {

    private static final Logger LOG = LoggerFactory.getLogger(DetectionListener.class);
    /**
     * Types explained in a dump at most, and growers considered for them: enough that the types one
     * holder keeps growing are found under it by the first dump and alert as one leak.
     */
    private static final int GROWING_TYPES = 8;
    private static final int CANDIDATE_TYPES = 12;
    private static final String MARKER_PACKAGE = "io.leakwatch.markers.";

    private final GrowthTracker tracker;
    private final HistoryStore history;
    private final Runnable verdictsChanged;
    private final Function<String, MarkerLeakDetector> markerDetectors;
    private final LeakResponder responder;
    private final PipelineEvents events;
    private final Map<String, Set<String>> leakingLabels = new ConcurrentHashMap<>();
    private final Set<String> historyFailing = ConcurrentHashMap.newKeySet();
    private final Set<String> judged = ConcurrentHashMap.newKeySet();
    private volatile AllocationSampling allocations;

    /**
     * @param tracker         the growth tracker (re-seeded from {@code history} beforehand)
     * @param history         where every sample is recorded
     * @param verdictsChanged called after each tracker update (refreshes the growth metrics)
     * @param markerDetectors the marker detector of each target (its grace period)
     * @param responder       captures and alerts
     */
    public DetectionListener(GrowthTracker tracker, HistoryStore history, Runnable verdictsChanged,
                             Function<String, MarkerLeakDetector> markerDetectors, LeakResponder responder) {
        this(tracker, history, verdictsChanged, markerDetectors, responder, PipelineEvents.NONE);
    }

    /** As above, counting failed history writes in {@code events}. */
    public DetectionListener(GrowthTracker tracker, HistoryStore history, Runnable verdictsChanged,
                             Function<String, MarkerLeakDetector> markerDetectors, LeakResponder responder,
                             PipelineEvents events) {
        this.events = Objects.requireNonNull(events, "events");
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        this.history = Objects.requireNonNull(history, "history");
        this.verdictsChanged = Objects.requireNonNull(verdictsChanged, "verdictsChanged");
        this.markerDetectors = Objects.requireNonNull(markerDetectors, "markerDetectors");
        this.responder = Objects.requireNonNull(responder, "responder");
    }

    /**
     * Also starts allocation sampling on targets whose growth is suspected or confirmed. Call before
     * the first sample.
     */
    public DetectionListener withAllocationSampling(AllocationSampling sampling) {
        this.allocations = Objects.requireNonNull(sampling, "sampling");
        return this;
    }

    @Override
    public void onRound(String target, List<SampleOutcome> outcomes) {
        for (SampleOutcome o : outcomes) {
            if (o instanceof SampleOutcome.Sampled s) {
                judge(s.sample());
            }
        }
    }

    private void judge(Sample sample) {
        String target = sample.target();
        boolean ownStep = allocations != null && allocations.ownStep(target, sample.identity(), sample.takenAt());
        if (ownStep) {
            LOG.info("{} pid {}: the heap now holds Flight Recorder's one-time footprint (our first recording there); "
                    + "the trend levels that step instead of judging it as growth", target, sample.identity().pid());
        }
        if (allocations != null && sample.tier().hasHistogram() && !sample.histogram().entries().isEmpty()) {
            allocations.histogramSeen(target, sample.identity(), sample.histogram().entries().stream()
                    .anyMatch(e -> e.className().equals(AllocationSampling.FLIGHT_RECORDER_CLASS)));
        }
        TargetVerdicts verdicts = tracker.update(sample, ownStep);
        responder.observed(sample);
        record(target, sample, verdicts);
        verdictsChanged.run();
        if (allocations != null) {
            allocations.sampled(target, sample.identity(), growing(verdicts));
        }

        List<SeriesKey> cleared = new ArrayList<>();
        List<LeakTrigger> confirmed = new ArrayList<>();
        if (verdicts.restarted()) {
            responder.clearedAll(target);
            leakingLabels.remove(target);
        }
        for (GrowthVerdict v : verdicts.cleared()) {
            cleared.add(v.series());
        }
        verdicts.newlyConfirmed().forEach(v -> confirmed.add(trigger(v)));
        // The first sample after a daemon (re)start: leaks confirmed before it (replayed from the
        // history, or marker leaks, which are judged afresh) were acted upon already unless the
        // daemon died while acting; the responder handles only those it did not finish.
        boolean firstSinceStart = judged.add(target) && !verdicts.restarted();
        List<LeakTrigger> resumed = new ArrayList<>();
        if (firstSinceStart) {
            confirmedBefore(verdicts).forEach(v -> resumed.add(trigger(v)));
        }
        Set<String> before = leakingLabels.getOrDefault(target, Set.of());
        // Survivors prove a leak only after our forced GC; without one they are judged at the next.
        Set<String> leaking = sample.tier() == SampleTier.HISTOGRAM
                ? new TreeSet<>(markerDetectors.apply(target).confirmedLeaks(sample.markers())) : before;
        leakingLabels.put(target, leaking);
        for (String label : before) {
            if (!leaking.contains(label)) {
                cleared.add(new SeriesKey.Marker(label));
            }
        }
        for (MarkerSurvival m : sample.markers()) {
            if (leaking.contains(m.label()) && !before.contains(m.label())) {
                (firstSinceStart ? resumed : confirmed).add(LeakTrigger.marker(m.label(), m.alive(), m.oldestAgeMillis()));
            }
        }
        if (!cleared.isEmpty()) {
            responder.cleared(target, cleared);
        }
        if (!confirmed.isEmpty()) {
            // marked objects alive now are analyzed too, confirmed or not: the capture then knows the
            // holder they sit under, so once they do outlive their grace they join that leak's alert
            boolean markers = confirmed.stream().anyMatch(t -> t.kind() == LeakKind.MARKER) || !leaking.isEmpty()
                    || sample.markers().stream().anyMatch(m -> m.alive() > 0);
            List<String> types = growingTypes(verdicts);
            responder.confirmed(new ConfirmedLeak(target, sample.identity(), confirmed, types, markers,
                    trend(sample, verdicts, confirmed, types)));
        }
        if (!resumed.isEmpty()) {
            List<String> types = growingTypes(verdicts);
            responder.resumed(new ConfirmedLeak(target, sample.identity(), resumed, types, !leaking.isEmpty(),
                    trend(sample, verdicts, resumed, types)));
        }
    }

    /**
     * The trend the capture's report shows: each trigger's window (a marker label has none), then
     * the other types the dump explains, each with its detector's words.
     */
    private LeakTrend trend(Sample sample, TargetVerdicts verdicts, List<LeakTrigger> triggers, List<String> types) {
        Map<String, TrendSeries> series = new LinkedHashMap<>();
        for (LeakTrigger t : triggers) {
            TrendSeries s = switch (t.kind()) {
                case HEAP_GROWTH -> new TrendSeries(t.key().text(), true, t.summary(),
                        tracker.points(sample.target(), GrowthVerdict.HEAP));
                case TYPE_GROWTH -> typeSeries(sample.target(), verdicts, t.key().subject(), true).orElse(null);
                case MARKER -> null;
            };
            series.putIfAbsent(t.key().text(), s != null ? s : new TrendSeries(t.key().text(), true, t.summary(), List.of()));
        }
        for (String type : types) {
            typeSeries(sample.target(), verdicts, type, false).ifPresent(s -> series.putIfAbsent(s.key(), s));
        }
        // the heap's window as context even when a type triggered: how much a capture explains is
        // judged against it (CaptureCoverage)
        GrowthVerdict heap = verdicts.heap();
        series.putIfAbsent(SeriesKey.HEAP.text(), new TrendSeries(SeriesKey.HEAP.text(), false, LeakTrigger.heap(
                heap.bytesPerHour(), heap.relativeGrowth(), heap.samples()).summary(),
                tracker.points(sample.target(), GrowthVerdict.HEAP)));
        return new LeakTrend(sample.liveHeapBytes(), sample.heapMaxBytes(), List.copyOf(series.values()));
    }

    /** A type's window, described with its Java source name ({@code byte[]}, as reports name types). */
    private Optional<TrendSeries> typeSeries(String target, TargetVerdicts verdicts, String type, boolean trigger) {
        return verdicts.types().stream().filter(v -> v.type().equals(type)).findFirst()
                .map(v -> new TrendSeries(new SeriesKey.Type(type).text(), trigger, LeakTrigger.type(type,
                        v.bytesPerHour(), v.relativeGrowth(), v.samples()).summary(), tracker.points(target, type)));
    }

    /** True when the heap or a type is suspect or confirmed now. */
    private static boolean growing(TargetVerdicts verdicts) {
        return verdicts.heap().state() != LeakState.OK
                || verdicts.types().stream().anyMatch(v -> v.state() != LeakState.OK);
    }

    private static LeakTrigger trigger(GrowthVerdict v) {
        return v.heap() ? LeakTrigger.heap(v.bytesPerHour(), v.relativeGrowth(), v.samples())
                : LeakTrigger.type(v.type(), v.bytesPerHour(), v.relativeGrowth(), v.samples());
    }

    /** Series confirmed before this sample (not by it): heap first, then types. */
    private static List<GrowthVerdict> confirmedBefore(TargetVerdicts verdicts) {
        List<GrowthVerdict> all = new ArrayList<>();
        all.add(verdicts.heap());
        all.addAll(verdicts.types());
        return all.stream().filter(v -> v.state() == LeakState.CONFIRMED && v.transition() != Transition.CONFIRMED).toList();
    }

    /**
     * The types a dump should explain: growing ones (suspect or confirmed), the application's own
     * types before platform types and arrays (an alert that names {@code com.example.Session} says
     * more than one about {@code byte[]}), never the marker library's own bookkeeping, which grows
     * with every marked object that leaks. And the biggest grower by bytes, suspect or not: the
     * series that triggers a capture is not always the one its leak grows fastest in (a web
     * application's redeploy leak confirms a container map's start-up growth before the buffers
     * it piles up), and the capture is rate-limited, so it should see the leak the first time.
     */
    static List<String> growingTypes(TargetVerdicts verdicts) {
        List<GrowthVerdict> growers = verdicts.topGrowers(CANDIDATE_TYPES).stream()
                .filter(v -> !v.type().startsWith(MARKER_PACKAGE))
                .toList();
        List<String> application = new ArrayList<>();
        List<String> platform = new ArrayList<>();
        for (GrowthVerdict v : growers) {
            if (v.state() != LeakState.OK) {
                (isPlatform(v.type()) ? platform : application).add(v.type());
            }
        }
        Set<String> types = new LinkedHashSet<>(application);
        types.addAll(platform);
        List<String> chosen = new ArrayList<>(types.stream().limit(GROWING_TYPES - 1).toList());
        verdicts.types().stream()
                .filter(v -> v.bytesPerHour() > 0 && !v.type().startsWith(MARKER_PACKAGE))
                .max(Comparator.comparingDouble(GrowthVerdict::bytesPerHour))
                .filter(v -> !chosen.contains(v.type()))
                .ifPresent(v -> chosen.add(v.type()));
        return List.copyOf(chosen);
    }

    private static boolean isPlatform(String type) {
        return type.startsWith("[") || type.startsWith("java.") || type.startsWith("javax.") || type.startsWith("jdk.")
                || type.startsWith("sun.") || type.startsWith("com.sun.");
    }

    private void record(String target, Sample sample, TargetVerdicts verdicts) {
        try {
            history.append(target, HistoryRecord.of(sample, verdicts)).ifPresent(p -> LOG.warn("{}", p));
            if (historyFailing.remove(target)) {
                LOG.info("History of {} is written again", target);
            }
        } catch (IOException e) {
            events.historyWriteFailed(target);
            if (historyFailing.add(target)) {
                LOG.warn("Cannot write the history of {} (detection goes on in memory): {}", target, e.toString());
            } else {
                LOG.debug("Cannot write the history of {}: {}", target, e.toString());
            }
        }
    }
}
