package io.leakwatch.trend;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.model.ClassHistogram;
import io.leakwatch.model.HistogramEntry;
import io.leakwatch.model.Sample;
import io.leakwatch.model.TargetIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Series the detection benchmark recorded from real JVMs (KiB per sample, one sample a second,
 * judged under the benchmark's time-scaled settings) that were false alerts before the gate each
 * test names. Each test shows the series confirmed with its gate off and not with it on.
 *
 * <p>The program behind them keeps requests in flight for 2 s at a rate that changes every 10 s
 * (100, 300, 150, 400, 50 per second): its byte[] steps between levels with the load. Its
 * Serial collector compacts fully only every 4th full GC (each sample forces one) and fills the
 * dead space it leaves with int[] objects that the class histogram counts, so int[] and the
 * histogram's total rise in a saw that returns to its base every 4 samples, higher at higher load.
 */
class RecordedSeriesTest {

    /** The benchmark's settings (BenchDetection) for a 1 s interval. */
    static final DetectorSettings BENCH = DetectorSettings.defaults().toBuilder()
            .warmUp(Duration.ofSeconds(2)).minSamples(6).minSpan(Duration.ofSeconds(5))
            .sawtoothPeriod(Duration.ofMillis(1666)).maxSamples(60).maxAge(Duration.ofSeconds(60))
            .maxPValue(0.01).minHeapBytesPerHour(314_572_800).minTypeBytesPerHour(78_643_200)
            .minRelativeGrowth(0.05).confirmAfter(2).clearAfter(6).compactionCycle(4).build();

    /** byte[] of the load staircase, short profile: 100, 300, 150 and 400 requests per second. */
    static final long[] STAIRCASE = {3905, 3926, 4047, 4048, 4048, 4028, 4029, 4066, 4067, 4067, 4148, 4551, 4855,
        4856, 4916, 4916, 4856, 4856, 4917, 4917, 4796, 4554, 4252, 4282, 4284, 4253, 4284, 4284, 4253, 4284, 4384, 4871,
        5325, 5325, 5244, 5325, 5325, 5245, 5325, 5325};

    /**
     * byte[] of the same program in the CI run of 2026-12-06 that alerted on it (its 400 requests/s level
     * had six points, too short to be judged flat), Flight Recorder's share (0.2 MiB from sample 16) in.
     */
    static final long[] STAIRCASE_CI = {5789, 5789, 5790, 5811, 5811, 5792, 5813, 5915, 6338, 6661, 6661, 6661, 6661,
        6661, 6852, 6912, 6914, 6823, 6460, 6279, 6249, 6249, 6279, 6279, 6279, 6249, 6280, 6431, 6905, 7257, 7337, 7257,
        7337, 7337, 7257};

    /** The same program in another run: byte[], int[] and the histogram's total. */
    static final long[] BYTES = {4026, 4047, 4028, 4029, 4050, 4050, 4050, 4030, 4252, 4656, 4898, 4898, 4898, 4899,
        4899, 4839, 4840, 4900, 4749, 4386, 4235, 4266, 4266, 4266, 4236, 4266, 4236, 4266, 4468, 5021, 5323, 5323, 5323};
    static final long[] INTS = {380, 545, 774, 380, 568, 776, 984, 380, 569, 779, 1152, 380, 996, 1612, 2228, 938,
        1555, 2109, 380, 1057, 1520, 1800, 380, 690, 1031, 1310, 380, 598, 878, 1219, 380, 1196, 2013};
    static final long[] HEAP = {6479, 6697, 6912, 6521, 6729, 6937, 7150, 6525, 6941, 7560, 8179, 7407, 8024, 8641,
        9257, 7907, 8527, 9143, 7260, 7570, 7881, 8191, 6772, 7082, 7392, 7703, 6742, 6991, 7474, 8373, 7842, 8658, 9474};

    /**
     * A batch job (1 MiB/s collected for 3 s, then dropped): byte[] saws with the batch, its
     * troughs shifting with the sampling phase, int[] carries dead space, full profile.
     */
    static final long[] BATCH_BYTES = {4625, 4827, 5832, 3824, 4828, 5833, 3825, 4829, 5834, 3727, 4732, 5736, 3729,
        4733, 5737, 6741, 4633, 5638, 6642, 4634, 5638};
    static final long[] BATCH_INTS = {380, 402, 408, 380, 384, 389, 2602, 380, 384, 2597, 2602, 380, 2492, 2497, 2501,
        380, 3496, 3518, 380, 3396, 3400};
    static final long[] BATCH_HEAP = {7074, 7330, 8349, 6313, 7322, 8330, 8540, 7322, 8333, 8439, 9449, 8232, 8337,
        9345, 10354, 9239, 10251, 11274, 9141, 10149, 11157};

    private static final long T0 = 1_800_000_000_000L;

    /** The sample (1-based) on which two positive evaluations in a row confirm the series, or 0. */
    static int confirmedAt(GrowthDetector detector, long[] kib, boolean heap) {
        long[] at = new long[kib.length];
        double[] v = new double[kib.length];
        int positive = 0;
        for (int i = 0; i < kib.length; i++) {
            at[i] = T0 + 1000L * i;
            v[i] = kib[i] * 1024.0;
            Finding f = detector.assess(at, v, i + 1, T0 + BENCH.warmUp().toMillis(), BENCH.minBytesPerHour(heap)).finding();
            positive = f == Finding.GROWING ? positive + 1 : 0;
            if (positive == BENCH.confirmAfter()) {
                return i + 1;
            }
        }
        return 0;
    }

    @Test
    void aLiveSetSteppingWithTheLoadIsNotALeak() {
        assertThat(confirmedAt(new GrowthDetector(BENCH), STAIRCASE, false)).as("several levels").isZero();
        assertThat(confirmedAt(new GrowthDetector(BENCH, 1), STAIRCASE, false)).as("one level shift only").isPositive();
    }

    /**
     * Up with the load, down, and up higher: a later level clearly below an earlier one says the series
     * follows a load, even while its newest level is too short to be judged flat.
     */
    @Test
    void aLiveSetThatFellBetweenItsLevelsIsNotALeak() {
        assertThat(confirmedAt(new GrowthDetector(BENCH), STAIRCASE_CI, false)).as("several levels, one fell").isZero();
    }

    @Test
    void deadSpaceTheCollectorLeftIsNotALeak() {
        assertThat(confirmedAt(new GrowthDetector(BENCH), INTS, false)).as("compaction cycle 4").isZero();
        DetectorSettings off = BENCH.toBuilder().compactionCycle(1).build();
        assertThat(confirmedAt(new GrowthDetector(off), INTS, false)).as("compaction cycle off").isPositive();
    }

    /**
     * The histogram's total is a byte[] step plus int[] dead space: judged with its types it is
     * not a leak; the same totals without a histogram (the pools' usage) are confirmed.
     */
    @Test
    void aHeapWhoseRiseItsTypesExplainIsNotALeak() {
        assertThat(heapConfirmed(HEAP, BYTES, INTS, true)).as("with the types").isFalse();
        assertThat(heapConfirmed(HEAP, BYTES, INTS, false)).as("the total alone").isTrue();
    }

    /** The batch's heap: neither byte[] nor int[] shows a trend of its own, their sum does. */
    @Test
    void aHeapWhoseTypesShowNoTrendIsNotALeak() {
        assertThat(heapConfirmed(BATCH_HEAP, BATCH_BYTES, BATCH_INTS, true)).as("with the types").isFalse();
        assertThat(heapConfirmed(BATCH_HEAP, BATCH_BYTES, BATCH_INTS, false)).as("the total alone").isTrue();
    }

    private static boolean heapConfirmed(long[] heap, long[] bytes, long[] ints, boolean withTypes) {
        GrowthTracker tracker = new GrowthTracker(BENCH);
        TargetIdentity id = new TargetIdentity(77, T0, "Recorded", "17");
        boolean confirmed = false;
        for (int i = 0; i < heap.length; i++) {
            List<HistogramEntry> entries = new ArrayList<>();
            if (withTypes) {
                entries.add(new HistogramEntry("[B", "", 1000, bytes[i] << 10));
                entries.add(new HistogramEntry("[I", "", 100, ints[i] << 10));
                entries.add(new HistogramEntry("java.lang.String", "", 9000, (heap[i] - bytes[i] - ints[i]) << 10));
            }
            Sample s = new Sample("recorded", id, Instant.ofEpochMilli(T0 + 1000L * i), heap[i] << 10,
                    ClassHistogram.of(entries), List.of(), Duration.ZERO, Duration.ZERO);
            confirmed |= tracker.update(s).heap().state() == LeakState.CONFIRMED;
        }
        return confirmed;
    }
}
