package io.leakwatch.trend;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.model.ClassHistogram;
import io.leakwatch.model.HistogramEntry;
import io.leakwatch.model.Sample;
import io.leakwatch.model.SampleTier;
import io.leakwatch.model.TargetIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
}
