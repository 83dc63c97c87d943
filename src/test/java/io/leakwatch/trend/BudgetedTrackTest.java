package io.leakwatch.trend;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.model.ClassHistogram;
import io.leakwatch.model.HistogramEntry;
import io.leakwatch.model.Sample;
import io.leakwatch.model.SampleTier;
import io.leakwatch.model.TargetIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A target sampled under a pause budget: many samples without histogram (the live heap the
 * target's GCs reported), a histogram now and then. The heap is judged on every sample, the types
 * only at histograms, and the types are not forgotten between them.
 */
class BudgetedTrackTest {

    private static final TargetIdentity ID = new TargetIdentity(7, 1, "Main", "17");
    private static final Instant T0 = Instant.ofEpochMilli(1);
    private static final long MB = 1L << 20;
    private static final DetectorSettings STAGING = DetectorSettings.defaults().toBuilder()
            .warmUp(Duration.ofSeconds(60)).minSpan(Duration.ofMinutes(2)).sawtoothPeriod(Duration.ofSeconds(40))
            .confirmAfter(3).build();

    private static Sample reported(int i, long heap) {
        return new Sample("t", ID, T0.plusSeconds(10L * i), heap, ClassHistogram.of(List.of()), List.of(),
                Duration.ZERO, Duration.ZERO, SampleTier.GC_REPORTED, 6L << 30);
    }

    private static Sample histogram(int i, long heap, long leakBytes, SampleTier tier) {
        List<HistogramEntry> entries = List.of(new HistogramEntry("[B", "", 1000, 500 * MB),
                new HistogramEntry("com.x.Leak", "", leakBytes / 32, leakBytes));
        return new Sample("t", ID, T0.plusSeconds(10L * i), heap, ClassHistogram.of(entries), List.of(),
                Duration.ofSeconds(1), Duration.ofSeconds(1), tier, 6L << 30);
    }

    @Test
    void heapGrowsOnReportedSamplesAndTypesKeepTheirSeriesBetweenHistograms() {
        GrowthTracker tracker = new GrowthTracker(STAGING);
        TargetVerdicts v = null;
        int histograms = 0;
        for (int i = 0; i < 60; i++) {
            long heap = 1500 * MB + i * 10 * MB;
            boolean take = i % 2 == 0 && i >= 20;
            v = tracker.update(take ? histogram(i, heap, 10 * MB + i * 5 * MB, SampleTier.HISTOGRAM_NO_GC)
                    : reported(i, heap));
            histograms += take ? 1 : 0;
            if (i == 19) {
                assertThat(v.heap().state()).as("heap judged on reported samples alone").isNotEqualTo(LeakState.OK);
                assertThat(v.types()).isEmpty();
            }
        }
        assertThat(histograms).isEqualTo(20);
        assertThat(v.heap().state()).isEqualTo(LeakState.CONFIRMED);
        GrowthVerdict leak = v.types().stream().filter(t -> t.type().equals("com.x.Leak")).findFirst().orElseThrow();
        assertThat(leak.state()).isEqualTo(LeakState.CONFIRMED);
        assertThat(leak.samples()).as("only histogram points in the type window").isLessThanOrEqualTo(20);
        // the flat [B is not a leak, and survives 40 samples without it in a row's worth of reported samples
        assertThat(v.types()).extracting(GrowthVerdict::type).contains("[B");
    }

    @Test
    void aReportedSampleChangesNoTypeState() {
        GrowthTracker tracker = new GrowthTracker(STAGING);
        tracker.update(histogram(0, 1000 * MB, 10 * MB, SampleTier.HISTOGRAM));
        TargetVerdicts v = tracker.update(reported(1, 1001 * MB));
        assertThat(v.types()).hasSize(2);
        assertThat(v.transitions()).isEmpty();
        assertThat(v.heap().latestBytes()).as("heap point from the GC-reported figure").isEqualTo(1001 * MB);
    }

    private static Sample escalated(int i, long heap, long leakBytes, long smallBytes) {
        List<HistogramEntry> entries = List.of(new HistogramEntry("[B", "", 1000, 500 * MB),
                new HistogramEntry("com.x.Leak", "", leakBytes / 32, leakBytes),
                new HistogramEntry("com.x.Small", "", smallBytes / 32, smallBytes));
        return new Sample("t", ID, T0.plusSeconds(10L * i), heap, ClassHistogram.of(entries), List.of(),
                Duration.ofSeconds(1), Duration.ofSeconds(1), SampleTier.HISTOGRAM_NO_GC, 6L << 30);
    }

    /**
     * The sample index at which each series first reached {@code state} (-1 when it never did),
     * with histograms taken as escalation takes them: none in the first 20 samples, then every
     * {@code spacing}-th sample until a type is suspect, then every sample.
     */
    private static Map<String, Integer> firstReached(boolean heapGrows, int spacing, LeakState state) {
        return firstReached(heapGrows, spacing, 1, state);
    }

    /** As above, the heap's figure changing only every {@code collectEvery}-th sample, as a big heap's GCs report it. */
    private static Map<String, Integer> firstReached(boolean heapGrows, int spacing, int collectEvery, LeakState state) {
        GrowthTracker tracker = new GrowthTracker(STAGING);
        Map<String, Integer> first = new HashMap<>(Map.of("com.x.Leak", -1, "com.x.Small", -1, "heap", -1));
        boolean typeSuspect = false;
        int last = -spacing;
        for (int i = 0; i < 60; i++) {
            long leak = 10 * MB + i * 10 * MB;
            long collected = 10 * MB + (i - i % collectEvery) * 10 * MB;
            long heap = 1500 * MB + (heapGrows ? collected : 10 * MB);
            boolean take = i >= 20 && (typeSuspect || i - last >= spacing);
            last = take ? i : last;
            TargetVerdicts v = tracker.update(take ? escalated(i, heap, leak, 20 * MB + i * MB) : reported(i, heap));
            typeSuspect |= v.types().stream().anyMatch(t -> t.state() != LeakState.OK);
            int at = i;
            v.types().stream().filter(t -> t.state() == state).forEach(t -> first.computeIfPresent(t.type(),
                    (k, was) -> was < 0 ? at : was));
            if (v.heap().state() == state) {
                first.computeIfPresent("heap", (k, was) -> was < 0 ? at : was);
            }
        }
        return first;
    }

    @Test
    void whileTheHeapGrowsTheTypeThatCarriesItIsNamedOnFewerHistograms() {
        Map<String, Integer> suspect = firstReached(true, 3, LeakState.SUSPECT);
        assertThat(suspect.get("heap")).as("heap suspect before any histogram").isBetween(0, 19);
        // histograms 30 s apart from sample 20: 6 of them (20..35) span minSpan; two more in a row confirm
        assertThat(suspect.get("com.x.Leak")).isEqualTo(35);
        Map<String, Integer> confirmed = firstReached(true, 3, LeakState.CONFIRMED);
        assertThat(confirmed.get("com.x.Leak")).isEqualTo(37);
        assertThat(confirmed.get("heap")).as("the heap confirms with its type").isBetween(37, 38);
        // grows steadily too, but carries a tenth of the heap's growth: judged on a full window (12 points)
        assertThat(suspect.get("com.x.Small")).as("Small").isGreaterThan(37);
    }

    @Test
    void withoutAGrowingHeapATypeNeedsItsFullWindow() {
        Map<String, Integer> suspect = firstReached(false, 3, LeakState.SUSPECT);
        assertThat(suspect.get("heap")).isEqualTo(-1);
        assertThat(suspect.get("com.x.Leak")).as("12 histograms 30 s apart from sample 20").isEqualTo(53);
    }

    @Test
    void attributionOutlastsAStaircaseHeapTrendThatIsDismissedNowAndThen() {
        // the heap's figure moves every 90 s: its window is dismissed (a plateau) between steps,
        // OK at the type's first evaluation (sample 35); attributing only while the heap is suspect
        // named the type at sample 48
        assertThat(firstReached(true, 3, 9, LeakState.CONFIRMED).get("com.x.Leak")).isEqualTo(37);
    }
}
