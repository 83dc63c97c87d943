package io.leakwatch.trend;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.leakwatch.model.HistogramEntry;
import io.leakwatch.model.Sample;
import io.leakwatch.model.TargetIdentity;
import io.leakwatch.model.TrendSeries;

/** Windows and states of one process of one target. Not thread-safe; the tracker guards it. */
final class TargetTrack {

    /**
     * Findings of a type whose bytes do not grow as a leak: no trend, or a rise explained as a
     * non-leak shape. Not BELOW_THRESHOLD: many types growing slowly can add up to a leak.
     */
    private static final java.util.Set<Finding> EXPLAINED = java.util.EnumSet.of(Finding.NO_TREND, Finding.SAWTOOTH,
            Finding.PLATEAU, Finding.DECELERATING, Finding.STEP);

    /**
     * The largest step the watcher's own first Flight Recorder recording is taken to leave in the
     * heap (a type's share is smaller): twice the 1.9 MiB measured on JDK 17 with the default
     * settings (1.5 MiB with ours).
     */
    static final double OWN_STEP_MAX_BYTES = 4 << 20;

    /** A type judged on attribution evidence must carry at least this share of the heap's growth. */
    static final double ATTRIBUTION_SHARE = 0.5;

    private final DetectorSettings settings;
    private final GrowthDetector detector;
    private final GrowthDetector attribution;
    /** The heap's slope at the last sample, bytes per hour. */
    private double heapSlopePerHour;
    /** When the heap was last suspect or confirmed, -1 when never. */
    private long heapGrewAtMillis = -1;
    private final TargetIdentity identity;
    private final long warmUpEndMillis;
    private final Series heap;
    private final Map<String, TypeSeries> types = new HashMap<>();
    private long lastAtMillis = Long.MIN_VALUE;
    private long sampleIndex;
    private boolean budgeted;
    /** Histograms since the heap turned suspect, and when it did (-1 when it is not suspect). */
    private int histogramsSinceSuspect;
    private long suspectSinceMillis = -1;
    private List<GrowthVerdict> typeVerdicts = List.of();
    /** The histograms' totals: where the watcher's own step in the heap is sized. */
    private final SeriesWindow totals;
    /** The watcher's own step in the histograms' totals while it is still being sized, else null. */
    private OwnStepLevelling totalsLevelling;
    /** The watcher's own step came and no histogram since: the types' share of it is still to level. */
    private boolean typeStepPending;
    /** Heap points since the watcher's own step while its size may still change, else -1. */
    private int heapPointsSinceStep = -1;
    /** What the heap's points before that step are raised by now. */
    private double heapLevelled;

    TargetTrack(DetectorSettings settings, Sample first) {
        this.settings = settings;
        this.detector = new GrowthDetector(settings);
        this.attribution = GrowthDetector.withFewerPoints(settings, settings.attributionSamples());
        this.identity = first.identity();
        long firstAt = first.takenAt().toEpochMilli();
        long start = identity.startTimeMillis();
        long reference = start > 0 && start <= firstAt ? start : firstAt;
        this.warmUpEndMillis = reference + settings.warmUp().toMillis();
        this.heap = new Series(settings);
        this.totals = new SeriesWindow(settings.maxSamples(), settings.maxAge().toMillis());
    }

    TargetIdentity identity() {
        return identity;
    }

    /**
     * The live heap judged: the class histogram's total when the sample has one, else the heap
     * pools' usage after GC. The histogram is counted in the safepoint of the GC it forces; the
     * pools' collection usage also reflects the young collections after it, and drifts with the
     * allocation rate (a batch job whose histogram is flat showed a pool sum rising 50 % in 13
     * samples).
     */
    static long liveBytes(Sample sample) {
        return sample.tier().hasHistogram() && !sample.histogram().entries().isEmpty()
                ? sample.histogram().totalBytes() : sample.liveHeapBytes();
    }

    /**
     * The heap point of this track. Once a sample came without a histogram (the pause budget holds
     * histograms back), every point is the collectors' after-GC figure, the histograms' ones
     * included: mixing histogram totals (shallow bytes only) with after-GC usage would make steps
     * wherever the mix changes, e.g. when escalation takes histograms in a row.
     */
    private long heapPoint(Sample sample) {
        budgeted |= !hasTypes(sample);
        return budgeted ? sample.liveHeapBytes() : liveBytes(sample);
    }

    private static boolean hasTypes(Sample sample) {
        return sample.tier().hasHistogram();
    }

    /**
     * The points of the window of {@code type} ({@link GrowthVerdict#HEAP} for the live heap),
     * oldest first; empty when the type is not tracked.
     */
    List<TrendSeries.Point> points(String type) {
        if (type.equals(GrowthVerdict.HEAP)) {
            return points(heap.bytes, null);
        }
        TypeSeries series = types.get(type);
        return series == null ? List.of() : points(series.bytes, series.instances);
    }

    /** Both windows of a type get their points together, so they hold the same times. */
    private static List<TrendSeries.Point> points(SeriesWindow bytes, SeriesWindow instances) {
        List<TrendSeries.Point> points = new ArrayList<>(bytes.size());
        for (int i = 0; i < bytes.size(); i++) {
            points.add(new TrendSeries.Point(Instant.ofEpochMilli(bytes.times()[i]), (long) bytes.values()[i],
                    instances == null ? -1 : (long) instances.values()[i]));
        }
        return List.copyOf(points);
    }

    /** False when the sample is not newer than the last one, which is then ignored. */
    boolean accepts(Sample sample) {
        return sample.takenAt().toEpochMilli() > lastAtMillis;
    }

    TargetVerdicts update(Sample sample, boolean restarted, boolean ownStep) {
        long at = sample.takenAt().toEpochMilli();
        lastAtMillis = at;
        if (ownStep && heap.bytes.size() > 0) {
            heapPointsSinceStep = 0;
            heapLevelled = 0;
        }
        // The step shows in the next histogram: its total sizes the heap's share, and the types' shares
        // (byte[], String, maps: on the detection benchmark's changing load, 0.2 MiB of byte[] made its
        // load staircase confirm) are levelled each in its own series.
        typeStepPending |= ownStep;
        heap.bytes.add(at, heapPoint(sample));
        boolean stepSized = false;
        if (hasTypes(sample) && !sample.histogram().entries().isEmpty()) {
            if (typeStepPending && totals.size() > 0) {
                totalsLevelling = new OwnStepLevelling(levellingSpan(), OWN_STEP_MAX_BYTES);
            }
            totals.add(at, sample.histogram().totalBytes());
            stepSized = totalsLevelling != null && totalsLevelling.levelWithNewest(totals);
        }
        if (heapPointsSinceStep >= 0) {
            levelHeap(stepSized);
        }
        if (stepSized) {
            totalsLevelling = null;
        }
        if (hasTypes(sample)) {
            sampleIndex++;
            histogramsSinceSuspect++;
            typeVerdicts = updateTypes(sample, at, typeStepPending);
            typeStepPending = false;
        } else {
            typeVerdicts = typeVerdicts.stream().map(GrowthVerdict::settled).toList();
        }
        // Types are only taken out of the heap when they were sampled at every heap point, which
        // holds only while every sample has a histogram.
        List<SeriesWindow> explained = new ArrayList<>();
        if (!budgeted) {
            for (TypeSeries series : types.values()) {
                if (EXPLAINED.contains(series.lastFinding)) {
                    explained.add(series.bytes);
                }
            }
        }
        Assessment heapAssessment = assessHeap(explained);
        // While the watcher's own step is sized its rest may pass for growth, or a size still off may
        // dismiss a real suspicion (a single negative evaluation does): the heap's state waits for the
        // final size.
        Transition heapTransition = heapPointsSinceStep >= 0 ? Transition.NONE
                : heap.state.step(heapAssessment.finding(), heapMayConfirm(at));
        GrowthVerdict heapVerdict = heap.verdict(GrowthVerdict.HEAP, true, heapAssessment, 0, heapTransition);
        heapSlopePerHour = heapAssessment.slopePerHour();
        if (heap.state.state() != LeakState.OK) {
            heapGrewAtMillis = at;
        }
        if (heap.state.state() != LeakState.SUSPECT) {
            suspectSinceMillis = -1;
        } else if (suspectSinceMillis < 0) {
            suspectSinceMillis = at;
            histogramsSinceSuspect = 0;
        }
        return new TargetVerdicts(sample.target(), identity, sample.takenAt(), restarted, heapVerdict, typeVerdicts);
    }

    /**
     * Whether the heap may confirm now. Under a pause budget the heap trend comes from the
     * target's own GCs long before the types have enough histograms, and a heap-only confirmation
     * would capture and alert without knowing which type grows. So while the heap is suspect it
     * waits for {@code minSamples + confirmAfter} histograms (escalation takes them sooner), for a
     * confirmed type, or at most {@code 2 x minSpan}: a heap that grows where no histogram can be
     * taken is still confirmed, just later.
     */
    private boolean heapMayConfirm(long at) {
        if (!budgeted || suspectSinceMillis < 0) {
            return true;
        }
        return histogramsSinceSuspect >= settings.minSamples() + settings.confirmAfter()
                || at - suspectSinceMillis >= 2 * settings.minSpan().toMillis()
                || typeVerdicts.stream().anyMatch(v -> v.state() == LeakState.CONFIRMED);
    }

    /**
     * Raises the heap's points before the watcher's own step by its size as the histograms' totals
     * last estimated it (the collectors' after-GC figure a budgeted heap is judged by has a saw the
     * totals do not). Done when that size is final, or after {@code 3 x levellingSpan()} heap points
     * without it (histograms held back by the budget), with what it has.
     */
    private void levelHeap(boolean stepSized) {
        heapPointsSinceStep++;
        double size = totalsLevelling == null ? heapLevelled : totalsLevelling.size();
        int before = heap.bytes.size() - heapPointsSinceStep;
        if (before > 0) {
            heap.bytes.shiftOldest(before, size - heapLevelled);
        }
        heapLevelled = size;
        if (stepSized || before <= 0 || heapPointsSinceStep >= 3 * levellingSpan()) {
            heapPointsSinceStep = -1;
        }
    }

    /**
     * Points compared on either side of the watcher's own step: a whole cycle of the collector's
     * compaction, and at least the 4 points a level needs elsewhere in the detector.
     */
    private int levellingSpan() {
        return Math.max(Math.max(4, settings.minSamples() / 2), settings.compactionCycle());
    }

    /** Adds a histogram's types to their series and judges each; sorted largest first. */
    private List<GrowthVerdict> updateTypes(Sample sample, long at, boolean ownStep) {
        Map<String, HistogramEntry> present = new HashMap<>();
        for (HistogramEntry e : sample.histogram().entries()) {
            present.merge(e.className(), e, (a, b) -> new HistogramEntry(a.className(), a.module(),
                    a.instances() + b.instances(), a.bytes() + b.bytes()));
        }
        select(present);
        List<GrowthVerdict> verdicts = new ArrayList<>(types.size());
        for (Map.Entry<String, TypeSeries> t : types.entrySet()) {
            TypeSeries series = t.getValue();
            HistogramEntry e = present.get(t.getKey());
            if (e != null) {
                if (ownStep && series.bytes.size() > 0) {
                    series.levelling = new OwnStepLevelling(levellingSpan(), OWN_STEP_MAX_BYTES);
                }
                series.bytes.add(at, e.bytes());
                series.instances.add(at, e.instances());
                if (series.levelling != null && series.levelling.levelWithNewest(series.bytes)) {
                    series.levelling = null;
                }
            }
            Assessment bytes = assessType(series.bytes);
            double instancesPerHour = detector.slopePerHour(series.instances.times(), series.instances.values(),
                    series.instances.size(), warmUpEndMillis);
            Transition transition = e == null ? Transition.NONE : series.state.step(bytes.finding());
            verdicts.add(series.verdict(t.getKey(), false, bytes, instancesPerHour, transition));
            series.lastFinding = bytes.finding();
        }
        verdicts.sort(Comparator.comparingLong(GrowthVerdict::latestBytes).reversed()
                .thenComparing(GrowthVerdict::type));
        return List.copyOf(verdicts);
    }

    /**
     * The live heap, judged twice when it grows: as it is, and without the tracked types that show
     * no trend or whose rise the detector explained as a non-leak shape (a step, a sawtooth, a
     * plateau, a fill slowing down). A load change shows as a step in the types it grows and as
     * dead space in {@code int[]}, a batch as a saw in {@code byte[]} whose troughs shift with the
     * sampling phase; their sum can look like a steady rise that none of its parts is. A leak in a
     * tracked type (growing, or growing too slowly to count alone), or spread over types too small
     * to track, stays in the remainder. Only types
     * sampled at every point of the heap's window are taken out, so the remainder has no gaps.
     */
    private Assessment assessHeap(List<SeriesWindow> explained) {
        Assessment whole = assess(heap.bytes, true);
        if (whole.finding() != Finding.GROWING || explained.isEmpty()) {
            return whole;
        }
        int n = heap.bytes.size();
        long[] at = heap.bytes.times();
        double[] rest = java.util.Arrays.copyOf(heap.bytes.values(), n);
        boolean any = false;
        for (SeriesWindow w : explained) {
            if (w.size() == n && w.times()[0] == at[0] && w.times()[n - 1] == at[n - 1]) {
                for (int i = 0; i < n; i++) {
                    rest[i] -= w.values()[i];
                }
                any = true;
            }
        }
        if (!any) {
            return whole;
        }
        Assessment remainder = detector.assess(at, rest, n, warmUpEndMillis, settings.minBytesPerHour(true));
        return remainder.finding() == Finding.GROWING ? whole
                : new Assessment(remainder.finding(), whole.slopePerHour(), whole.relativeGrowth(), whole.pValue(),
                        whole.samples());
    }

    /**
     * A type's window judged, on less evidence while the heap's trend says it grows. Under a pause
     * budget the heap's trend comes from the target's own GCs, a point every sample over a full
     * window, long before a type has the histograms for a window of its own, and each histogram
     * stops the target (0.8 s at 64 M objects). Once that heap trend is suspect or confirmed (or was
     * within the last {@code minSpan}: a big heap's after-GC figures come as a staircase, which
     * the heap's window dismisses now and then while the leak goes on), the
     * question is no longer whether something leaks but which type carries it: a type still short
     * of a full window is judged on {@link DetectorSettings#attributionSamples()} points over the
     * same {@code minSpan} (the span the sawtooth test needs) when it carries at least half the
     * heap's growth, so escalation can spread fewer histograms over that span. Every other test
     * holds, and a type with a full window is judged on it alone. Growth the heap's own window
     * does not take for a leak (a fill that levels off, a sawtooth) never gets here.
     */
    private Assessment assessType(SeriesWindow w) {
        Assessment full = assess(w, false);
        if (w.size() == 0) {
            return full;
        }
        long at = w.times()[w.size() - 1];
        // the staircase of a rarely collecting heap can dismiss its trend for a few rounds between
        // suspicions: attribution holds for a minSpan after the heap last looked like a leak
        boolean heapGrew = heapGrewAtMillis >= 0 && at - heapGrewAtMillis <= settings.minSpan().toMillis();
        if (full.finding() != Finding.INSUFFICIENT_DATA || !budgeted || !heapGrew || heapSlopePerHour <= 0) {
            return full;
        }
        Assessment quick = attribution.assess(w.times(), w.values(), w.size(), warmUpEndMillis,
                settings.minBytesPerHour(false));
        return quick.finding() == Finding.GROWING && quick.slopePerHour() >= ATTRIBUTION_SHARE * heapSlopePerHour
                ? quick : full;
    }

    private Assessment assess(SeriesWindow w, boolean isHeap) {
        return detector.assess(w.times(), w.values(), w.size(), warmUpEndMillis, settings.minBytesPerHour(isHeap));
    }

    /**
     * Starts tracking the top types by bytes and those above the floor; forgets types that were
     * not selected for a whole {@code minSamples} run, and the least recently selected beyond the
     * hard bound.
     */
    private void select(Map<String, HistogramEntry> present) {
        List<HistogramEntry> bySize = new ArrayList<>(present.values());
        bySize.sort(Comparator.comparingLong(HistogramEntry::bytes).reversed());
        Set<String> selected = new HashSet<>();
        for (int i = 0; i < bySize.size() && selected.size() < settings.maxTrackedTypes(); i++) {
            HistogramEntry e = bySize.get(i);
            if (i < settings.topTypes() || e.bytes() >= settings.typeFloorBytes()) {
                selected.add(e.className());
            }
        }
        for (String name : selected) {
            types.computeIfAbsent(name, n -> new TypeSeries(settings)).lastSelected = sampleIndex;
        }
        types.values().removeIf(s -> sampleIndex - s.lastSelected > settings.minSamples());
        if (types.size() > settings.maxTrackedTypes()) {
            List<Map.Entry<String, TypeSeries>> stale = new ArrayList<>(types.entrySet());
            stale.removeIf(e -> selected.contains(e.getKey()));
            stale.sort(Comparator.comparingLong(e -> e.getValue().lastSelected));
            for (int i = 0; i < stale.size() && types.size() > settings.maxTrackedTypes(); i++) {
                types.remove(stale.get(i).getKey());
            }
        }
    }

    private static class Series {
        final SeriesWindow bytes;
        final Hysteresis state;

        Series(DetectorSettings s) {
            bytes = new SeriesWindow(s.maxSamples(), s.maxAge().toMillis());
            state = new Hysteresis(s.confirmAfter(), s.clearAfter());
        }

        GrowthVerdict verdict(String type, boolean isHeap, Assessment a, double instancesPerHour, Transition t) {
            return new GrowthVerdict(type, isHeap, state.state(), t, a.finding(), a.slopePerHour(),
                    a.relativeGrowth(), a.pValue(), instancesPerHour, (long) bytes.latest(), a.samples());
        }
    }

    private static final class TypeSeries extends Series {
        final SeriesWindow instances;
        /** The watcher's own step in this type while it is still being sized, else null. */
        OwnStepLevelling levelling;
        long lastSelected;
        Finding lastFinding = Finding.NO_TREND;

        TypeSeries(DetectorSettings s) {
            super(s);
            instances = new SeriesWindow(s.maxSamples(), s.maxAge().toMillis());
        }
    }
}
