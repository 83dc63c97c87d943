package io.leakwatch.trend;

import static io.leakwatch.trend.SeriesGenerator.MB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.leakwatch.model.ClassHistogram;
import io.leakwatch.model.HistogramEntry;
import io.leakwatch.model.Sample;
import io.leakwatch.model.SampleTier;
import io.leakwatch.model.TargetIdentity;
import io.leakwatch.model.TrendSeries;
import org.junit.jupiter.api.Test;

class GrowthTrackerTest {

    private static final Duration INTERVAL = Duration.ofMinutes(5);
    private static final String LEAK = "com.acme.SessionEntry";
    private static final DetectorSettings SETTINGS = DetectorSettings.defaults();

    /**
     * A process whose {@link #LEAK} type gains 1000 instances of 48 bytes per sample (about
     * 560 KiB/h) until {@code leakStops} samples; strings stay flat with integer jitter
     * (ties), byte arrays follow a sawtooth, and 200 tiny types sit below the tracking floor.
     */
    private static Sample sample(TargetIdentity id, int i, Random r, int leakStops) {
        List<HistogramEntry> entries = new ArrayList<>();
        long leak = 100_000 + 1000L * Math.min(i, leakStops);
        entries.add(new HistogramEntry(LEAK, "", leak, leak * 48));
        long strings = 50_000 + r.nextInt(5);
        entries.add(new HistogramEntry("java.lang.String", "java.base", strings, strings * 24));
        long arrays = 2_000 + (i % 6) * 400 + r.nextInt(10);
        entries.add(new HistogramEntry("[B", "java.base", arrays, arrays * 4096));
        for (int t = 0; t < 200; t++) {
            entries.add(new HistogramEntry("com.acme.Small" + t, "", 10, 160 + t));
        }
        long heap = (long) (100 * MB) + entries.stream().mapToLong(HistogramEntry::bytes).sum();
        return SeriesGenerator.sample(SeriesGenerator.START.plus(INTERVAL.multipliedBy(i)), id, heap, entries);
    }

    private static GrowthVerdict type(TargetVerdicts v, String name) {
        return v.types().stream().filter(t -> t.type().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void heapIsJudgedByTheHistogramWhenThereIsOneAndByThePoolsWhenNot() {
        // the pools' usage drifts up 1 % a sample while the histogram taken at the GC stays flat
        GrowthTracker withHistogram = new GrowthTracker(SETTINGS);
        GrowthTracker poolsOnly = new GrowthTracker(SETTINGS);
        TargetVerdicts histogram = null;
        TargetVerdicts pools = null;
        for (int i = 0; i < 72; i++) {
            long drifting = (long) (100 * MB * (1 + 0.01 * i));
            long arrays = 2_000 + (i % 3) * 400;
            List<HistogramEntry> flat = List.of(new HistogramEntry("[B", "java.base", arrays, arrays * 4096));
            histogram = withHistogram.update(SeriesGenerator.sample(at(i), SeriesGenerator.IDENTITY, drifting, flat));
            pools = poolsOnly.update(SeriesGenerator.sample(at(i), SeriesGenerator.IDENTITY, drifting, List.of()));
        }
        assertThat(histogram.heap().state()).isEqualTo(LeakState.OK);
        assertThat(pools.heap().state()).isEqualTo(LeakState.CONFIRMED);
    }

    /**
     * Flight Recorder's first recording leaves about 2 MiB in the heap for good, and it starts when
     * a growth is suspected. Told that a sample holds such a step of the watcher's own, the tracker
     * levels the heap's earlier points with it: the window judged holds no step. (A clean step alone is no leak to the detector either; it is the step on top of a load
     * that rises meanwhile, as in the detection benchmark's changing-rate workload, that confirmed.)
     */
    @Test
    void aStepOfTheWatchersOwnMakingIsLevelledInTheHeap() {
        GrowthTracker told = new GrowthTracker(SETTINGS);
        GrowthTracker notTold = new GrowthTracker(SETTINGS);
        // the daemon's first sample of a process is the collectors' figure (no histogram): the track is budgeted
        Sample first = new Sample("demo", SeriesGenerator.IDENTITY, at(0).minusSeconds(60), 8L << 20,
                ClassHistogram.of(List.of()), List.of(), Duration.ZERO, Duration.ZERO, SampleTier.GC_REPORTED, 0);
        told.update(first);
        notTold.update(first);
        Random r = new Random(7);
        for (int i = 0; i < 40; i++) {
            long step = i < 30 ? 0 : (long) (1.9 * MB);
            long heap = (long) (8 * MB) + step + r.nextInt(60_000);
            long arrays = (long) (3 * MB) + step / 3 + r.nextInt(20_000);
            Sample s = SeriesGenerator.sample(at(i), SeriesGenerator.IDENTITY, heap,
                    List.of(new HistogramEntry("[B", "java.base", arrays / 4096, arrays),
                            new HistogramEntry("java.lang.Object", "java.base", 1_000, heap - arrays)));
            told.update(s, i == 30);
            notTold.update(s);
        }
        assertThat(spread(notTold, GrowthVerdict.HEAP)).as("the step, not told").isGreaterThan((long) (1.8 * MB));
        assertThat(spread(told, GrowthVerdict.HEAP)).as("heap levelled").isLessThan(120_000);
        assertThat(spread(notTold, "[B")).as("a type's share, not told").isGreaterThan((long) (0.6 * MB));
        assertThat(spread(told, "[B")).as("a type's share levelled").isLessThan(40_000);
        assertThat(told.latest("demo").orElseThrow().heap().samples()).as("no point dropped")
                .isEqualTo(notTold.latest("demo").orElseThrow().heap().samples());
    }

    /**
     * A type that leaks keeps its growth through the watcher's own step: the slope before the step
     * is taken out of its size, so only the step goes (one interval's rise went too when the
     * step was the difference of two points, and with the recording's start-up objects in the
     * first histogram after it, the benchmark's leaks were confirmed 2 to 7 samples later).
     */
    @Test
    void aLeakingTypeKeepsItsGrowthThroughTheWatchersOwnStep() {
        GrowthTracker told = new GrowthTracker(SETTINGS);
        GrowthTracker unstepped = new GrowthTracker(SETTINGS);
        Random r = new Random(11);
        for (int i = 0; i < 40; i++) {
            long noise = r.nextInt(4_000);
            long leak = (2L << 20) + 100_000L * i + noise;
            // the recording's start-up objects in the first histogram after it, then its footprint for good
            long step = i < 20 ? 0 : i == 20 ? 600_000 : 200_000;
            told.update(SeriesGenerator.sample(at(i), SeriesGenerator.IDENTITY, (100L << 20) + leak + step,
                    List.of(new HistogramEntry(LEAK, "", leak / 48, leak + step))), i == 20);
            unstepped.update(SeriesGenerator.sample(at(i), SeriesGenerator.IDENTITY, (100L << 20) + leak,
                    List.of(new HistogramEntry(LEAK, "", leak / 48, leak))));
        }
        List<TrendSeries.Point> levelled = told.points("demo", LEAK);
        List<TrendSeries.Point> clean = unstepped.points("demo", LEAK);
        assertThat(levelled).hasSameSizeAs(clean);
        for (int i = 0; i < clean.size(); i++) {
            if (clean.get(i).at().equals(at(20))) {
                continue; // the recording's start-up objects, as measured
            }
            assertThat(levelled.get(i).bytes() - clean.get(i).bytes()).as("point %d against the same leak without the step", i)
                    .isBetween(190_000L, 210_000L);
        }
    }

    /** A heap that fell in that interval (an in-flight set dropped) is left as it is: no false step, nothing negative. */
    @Test
    void aFallAtTheWatchersOwnStepIsLeftAsItIs() {
        GrowthTracker told = new GrowthTracker(SETTINGS);
        for (int i = 0; i < 20; i++) {
            long arrays = i == 10 ? 1L << 20 : 9L << 20;
            told.update(SeriesGenerator.sample(at(i), SeriesGenerator.IDENTITY, arrays,
                    List.of(new HistogramEntry("[B", "java.base", arrays / 4096, arrays))), i == 10);
        }
        List<TrendSeries.Point> points = told.points("demo", GrowthVerdict.HEAP);
        assertThat(points.get(0).bytes()).as("the points before it kept their values").isEqualTo(9L << 20);
        assertThat(points).extracting(TrendSeries.Point::bytes).containsOnly(1L << 20, 9L << 20);
    }

    /**
     * The heap a target's collectors report (the figure a budgeted track is judged by) can swing by
     * more than the step between two samples (the detection benchmark's changing load: a saw of
     * 2.4 MiB over four samples), while the histogram's total, taken at its forced GC, does not:
     * wherever in the saw the step falls, what is left of it in the heap after levelling is small.
     * Sized from the heap's own point on either side, a step at the saw's top was left whole, and
     * that rest was confirmed.
     */
    @Test
    void theWatchersOwnStepIsSizedWhereverItFallsInASaw() {
        for (int phase = 0; phase < 4; phase++) {
            GrowthTracker told = new GrowthTracker(SETTINGS);
            told.update(new Sample("demo", SeriesGenerator.IDENTITY, at(0).minusSeconds(60), 10L << 20,
                    ClassHistogram.of(List.of()), List.of(), Duration.ZERO, Duration.ZERO, SampleTier.GC_REPORTED, 0));
            int stepAt = 24 + phase;
            Random r = new Random(phase);
            for (int i = 0; i < 40; i++) {
                long step = i >= stepAt ? (long) (1.9 * MB) : 0;
                long heap = (long) (10 * MB + 0.8 * MB * (i % 4)) + step;
                long arrays = (long) (6 * MB) + step + r.nextInt(20_000);
                told.update(SeriesGenerator.sample(at(i), SeriesGenerator.IDENTITY, heap, List.of(
                        new HistogramEntry("[B", "java.base", arrays / 4096, arrays))), i == stepAt);
            }
            List<TrendSeries.Point> points = told.points("demo", GrowthVerdict.HEAP);
            int stepIndex = points.size() - (40 - stepAt);
            double before = points.subList(stepIndex - 8, stepIndex).stream().mapToLong(TrendSeries.Point::bytes)
                    .average().orElseThrow();
            double after = points.subList(stepIndex, stepIndex + 8).stream().mapToLong(TrendSeries.Point::bytes)
                    .average().orElseThrow();
            assertThat(Math.abs(after - before)).as("what is left of the step at phase %d", phase)
                    .isLessThan(0.1 * MB);
        }
    }

    /**
     * Until the step's size is final (4 points after it here) the heap's state waits: what is left of
     * the step may pass for growth, and a size still off may dismiss a real suspicion. A leak is
     * confirmed after that.
     */
    @Test
    void theHeapIsNotConfirmedWhileTheWatchersOwnStepIsSized() {
        DetectorSettings quick = SETTINGS.toBuilder().warmUp(Duration.ZERO).minSamples(6)
                .minSpan(INTERVAL.multipliedBy(5)).sawtoothPeriod(INTERVAL).confirmAfter(1).build();
        GrowthTracker told = new GrowthTracker(quick);
        GrowthTracker notTold = new GrowthTracker(quick);
        int stepAt = 3;
        int toldConfirmedAt = -1;
        int notToldConfirmedAt = -1;
        for (int i = 0; i < 40; i++) {
            long heap = (long) (100 * MB + 2 * MB * i);
            Sample s = SeriesGenerator.sample(at(i), SeriesGenerator.IDENTITY, heap,
                    List.of(new HistogramEntry("[B", "java.base", heap / 4096, heap)));
            if (told.update(s, i == stepAt).heap().transition() == Transition.CONFIRMED) {
                toldConfirmedAt = i;
            }
            if (notTold.update(s).heap().transition() == Transition.CONFIRMED) {
                notToldConfirmedAt = i;
            }
        }
        assertThat(notToldConfirmedAt).as("a steady leak, not told").isEqualTo(5);
        assertThat(toldConfirmedAt).as("told at sample 3").isGreaterThanOrEqualTo(stepAt + 3);
    }

    private static long spread(GrowthTracker tracker, String type) {
        List<TrendSeries.Point> points = tracker.points("demo", type);
        return points.stream().mapToLong(TrendSeries.Point::bytes).max().orElseThrow()
                - points.stream().mapToLong(TrendSeries.Point::bytes).min().orElseThrow();
    }

    @Test
    void leakingTypeIsConfirmedOnceAndRankedFirst() {
        GrowthTracker tracker = new GrowthTracker(SETTINGS);
        Random r = new Random(1);
        List<GrowthVerdict> confirmations = new ArrayList<>();
        TargetVerdicts last = null;
        for (int i = 0; i < 72; i++) {
            last = tracker.update(sample(SeriesGenerator.IDENTITY, i, r, Integer.MAX_VALUE));
            confirmations.addAll(last.newlyConfirmed());
        }
        assertThat(confirmations).extracting(GrowthVerdict::type).containsExactly(LEAK);
        GrowthVerdict leak = type(last, LEAK);
        assertThat(leak.state()).isEqualTo(LeakState.CONFIRMED);
        assertThat(leak.bytesPerHour()).isCloseTo(1000 * 48 * 12, org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(leak.instancesPerHour()).isCloseTo(12_000, org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(leak.pValue()).isLessThan(1e-6);
        assertThat(type(last, "java.lang.String").state()).isEqualTo(LeakState.OK);
        assertThat(type(last, "[B").state()).isEqualTo(LeakState.OK);
        assertThat(last.topGrowers(1)).extracting(GrowthVerdict::type).containsExactly(LEAK);
        assertThat(tracker.latest("demo")).contains(last);
    }

    @Test
    void confirmedGrowthClearsAfterItStops() {
        GrowthTracker tracker = new GrowthTracker(SETTINGS);
        Random r = new Random(2);
        List<Transition> leakTransitions = new ArrayList<>();
        for (int i = 0; i < 110; i++) {
            TargetVerdicts v = tracker.update(sample(SeriesGenerator.IDENTITY, i, r, 45));
            leakTransitions.add(type(v, LEAK).transition());
        }
        assertThat(leakTransitions.stream().filter(t -> t != Transition.NONE))
                .containsSubsequence(Transition.SUSPECTED, Transition.CONFIRMED, Transition.CLEARED);
        assertThat(leakTransitions.stream().filter(t -> t == Transition.CONFIRMED)).hasSize(1);
        assertThat(leakTransitions.indexOf(Transition.CLEARED)).isGreaterThan(45);
    }

    @Test
    void typesAreBoundedToTheTopAndTheFloor() {
        DetectorSettings small = SETTINGS.toBuilder().topTypes(2).maxTrackedTypes(4).typeFloorBytes(100_000).build();
        GrowthTracker tracker = new GrowthTracker(small);
        TargetVerdicts v = tracker.update(sample(SeriesGenerator.IDENTITY, 0, new Random(3), 0));
        // Top 2 by bytes ([B, the leak), plus String above the floor; the 200 small types are not tracked.
        assertThat(v.types()).extracting(GrowthVerdict::type).containsExactlyInAnyOrder("[B", LEAK, "java.lang.String");
    }

    @Test
    void typeThatDisappearsIsForgottenAfterMinSamples() {
        GrowthTracker tracker = new GrowthTracker(SETTINGS);
        TargetIdentity id = SeriesGenerator.IDENTITY;
        for (int i = 0; i < 3; i++) {
            tracker.update(SeriesGenerator.sample(at(i), id, 1_000_000, List.of(new HistogramEntry("Gone", "", 1, 2 << 20))));
        }
        TargetVerdicts v = null;
        int gone = -1;
        for (int i = 3; i < 3 + SETTINGS.minSamples() + 2; i++) {
            v = tracker.update(SeriesGenerator.sample(at(i), id, 1_000_000, List.of()));
            if (gone < 0 && v.types().isEmpty()) {
                gone = i;
            }
        }
        assertThat(gone).isEqualTo(3 + SETTINGS.minSamples());
    }

    @Test
    void restartStartsAfreshWithoutJoiningTheOldHistory() {
        GrowthTracker tracker = new GrowthTracker(SETTINGS);
        Random r = new Random(4);
        for (int i = 0; i < 60; i++) {
            tracker.update(sample(SeriesGenerator.IDENTITY, i, r, Integer.MAX_VALUE));
        }
        assertThat(type(tracker.latest("demo").orElseThrow(), LEAK).state()).isEqualTo(LeakState.CONFIRMED);
        TargetIdentity restarted = new TargetIdentity(5151, at(60).toEpochMilli(), "demo.Main", "17");
        TargetVerdicts v = tracker.update(sample(restarted, 60, r, Integer.MAX_VALUE));
        assertThat(v.restarted()).isTrue();
        assertThat(v.identity()).isEqualTo(restarted);
        assertThat(type(v, LEAK).state()).isEqualTo(LeakState.OK);
        assertThat(v.heap().finding()).isEqualTo(Finding.INSUFFICIENT_DATA);
        assertThat(tracker.update(sample(restarted, 61, r, Integer.MAX_VALUE)).restarted()).isFalse();
    }

    @Test
    void sampleNotNewerThanTheLastIsIgnored() {
        GrowthTracker tracker = new GrowthTracker(SETTINGS);
        Random r = new Random(5);
        for (int i = 0; i < 40; i++) {
            tracker.update(sample(SeriesGenerator.IDENTITY, i, r, Integer.MAX_VALUE));
        }
        TargetVerdicts before = tracker.latest("demo").orElseThrow();
        TargetVerdicts again = tracker.update(sample(SeriesGenerator.IDENTITY, 39, r, Integer.MAX_VALUE));
        assertThat(again.transitions()).isEmpty();
        assertThat(again.heap().samples()).isEqualTo(before.heap().samples());
        assertThat(again.at()).isEqualTo(before.at());
    }

    @Test
    void warmUpCountsFromTheJvmStartWhenKnown() {
        Instant first = at(0);
        TargetIdentity longRunning = new TargetIdentity(77, first.minus(Duration.ofDays(1)).toEpochMilli(), "", "");
        TargetIdentity fresh = new TargetIdentity(78, first.toEpochMilli(), "", "");
        GrowthTracker tracker = new GrowthTracker(SETTINGS);
        TargetVerdicts a = null;
        TargetVerdicts b = null;
        for (int i = 0; i < 30; i++) {
            a = tracker.update(new Sample("a", longRunning, at(i), 1000, io.leakwatch.model.ClassHistogram.of(List.of()),
                    List.of(), Duration.ZERO, Duration.ZERO));
            b = tracker.update(new Sample("b", fresh, at(i), 1000, io.leakwatch.model.ClassHistogram.of(List.of()),
                    List.of(), Duration.ZERO, Duration.ZERO));
        }
        assertThat(a.heap().samples()).isEqualTo(30);
        assertThat(b.heap().samples()).isEqualTo(27);
    }

    @Test
    void replayRestoresStateWithoutTransitions() {
        Random r = new Random(6);
        List<Sample> history = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            history.add(sample(SeriesGenerator.IDENTITY, i, r, Integer.MAX_VALUE));
        }
        GrowthTracker tracker = new GrowthTracker(SETTINGS);
        Optional<TargetVerdicts> seeded = tracker.replay(history);
        assertThat(seeded).isPresent();
        assertThat(seeded.get().transitions()).isEmpty();
        assertThat(type(seeded.get(), LEAK).state()).isEqualTo(LeakState.CONFIRMED);
        assertThat(tracker.latest("demo")).isEqualTo(seeded);
        TargetVerdicts next = tracker.update(sample(SeriesGenerator.IDENTITY, 60, r, Integer.MAX_VALUE));
        assertThat(next.newlyConfirmed()).isEmpty();
        assertThat(type(next, LEAK).state()).isEqualTo(LeakState.CONFIRMED);
        assertThat(tracker.replay(List.of())).isEmpty();
    }

    @Test
    void settingsPerTargetAndForget() {
        DetectorSettings strict = SETTINGS.toBuilder().minSamples(100).maxSamples(200).build();
        GrowthTracker tracker = new GrowthTracker(t -> t.equals("demo") ? strict : SETTINGS);
        Random r = new Random(7);
        TargetVerdicts v = null;
        for (int i = 0; i < 72; i++) {
            v = tracker.update(sample(SeriesGenerator.IDENTITY, i, r, Integer.MAX_VALUE));
        }
        assertThat(type(v, LEAK).finding()).isEqualTo(Finding.INSUFFICIENT_DATA);
        assertThat(tracker.latestAll()).hasSize(1);
        tracker.forget("demo");
        assertThat(tracker.latestAll()).isEmpty();
    }

    @Test
    void targetsUpdatedFromSeveralThreadsGetTheSameVerdictsAsAlone() throws Exception {
        int targets = 4;
        List<List<Sample>> series = new ArrayList<>();
        for (int t = 0; t < targets; t++) {
            Random r = new Random(100 + t);
            List<Sample> samples = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                Sample s = sample(SeriesGenerator.IDENTITY, i, r, t % 2 == 0 ? Integer.MAX_VALUE : 0);
                samples.add(new Sample("t" + t, s.identity(), s.takenAt(), s.liveHeapBytes(), s.histogram(), s.markers(),
                        s.pause(), s.duration()));
            }
            series.add(samples);
        }
        GrowthTracker shared = new GrowthTracker(SETTINGS);
        ExecutorService pool = Executors.newFixedThreadPool(targets);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (List<Sample> samples : series) {
                done.add(pool.submit(() -> samples.forEach(shared::update)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        for (int t = 0; t < targets; t++) {
            GrowthTracker alone = new GrowthTracker(SETTINGS);
            TargetVerdicts expected = null;
            for (Sample s : series.get(t)) {
                expected = alone.update(s);
            }
            assertThat(shared.latest("t" + t)).contains(expected);
        }
        assertThat(type(shared.latest("t0").orElseThrow(), LEAK).state()).isEqualTo(LeakState.CONFIRMED);
        assertThat(type(shared.latest("t1").orElseThrow(), LEAK).state()).isEqualTo(LeakState.OK);
    }

    @Test
    void badSettingNamesTheKeyAndTheRule() {
        assertThatThrownBy(() -> SETTINGS.toBuilder().minSpan(Duration.ofMinutes(30)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minSpan = PT30M").hasMessageContaining("three sawtoothPeriods");
        assertThatThrownBy(() -> SETTINGS.toBuilder().maxPValue(0.7).build())
                .hasMessageContaining("maxPValue = 0.7 must be in (0, 0.5)");
    }

    private static Instant at(int i) {
        return SeriesGenerator.START.plus(INTERVAL.multipliedBy(i));
    }

    /** The points a capture's report charts are the window the verdict was judged on: newest last, bounded. */
    @Test
    void pointsAreTheJudgedWindowOfEachSeries() {
        DetectorSettings small = SETTINGS.toBuilder().maxSamples(SETTINGS.minSamples() + 2).build();
        GrowthTracker tracker = new GrowthTracker(small);
        TargetIdentity id = new TargetIdentity(4242, SeriesGenerator.START.toEpochMilli(), "", "");
        Random r = new Random(3);
        List<Sample> fed = new ArrayList<>();
        for (int i = 0; i < small.maxSamples() + 5; i++) {
            fed.add(sample(id, i, r, 1000));
            tracker.update(fed.get(i));
        }

        List<TrendSeries.Point> leak = tracker.points(fed.get(0).target(), LEAK);
        assertThat(leak).hasSize(small.maxSamples());
        List<Sample> window = fed.subList(fed.size() - small.maxSamples(), fed.size());
        for (int i = 0; i < window.size(); i++) {
            HistogramEntry e = window.get(i).histogram().entries().get(0);
            assertThat(leak.get(i).at()).isEqualTo(window.get(i).takenAt());
            assertThat(leak.get(i).bytes()).isEqualTo(e.bytes());
            assertThat(leak.get(i).instances()).isEqualTo(e.instances());
        }
        List<TrendSeries.Point> heap = tracker.points(fed.get(0).target(), GrowthVerdict.HEAP);
        assertThat(heap).hasSize(small.maxSamples()).allSatisfy(p -> assertThat(p.instances()).isEqualTo(-1));
        assertThat(heap.get(heap.size() - 1).bytes()).isEqualTo(window.get(window.size() - 1).histogram().totalBytes());
        assertThat(tracker.points(fed.get(0).target(), "com.acme.NotThere")).isEmpty();
        assertThat(tracker.points("no-such-target", LEAK)).isEmpty();
    }
}
