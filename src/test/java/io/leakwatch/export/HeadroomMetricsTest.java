package io.leakwatch.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.trend.Finding;
import io.leakwatch.trend.GrowthVerdict;
import io.leakwatch.trend.LeakState;
import io.leakwatch.trend.Transition;
import org.junit.jupiter.api.Test;

class HeadroomMetricsTest {

    private static final long GIB = 1L << 30;

    private static GrowthVerdict heap(LeakState state, double bytesPerHour, long latest) {
        return new GrowthVerdict(GrowthVerdict.HEAP, true, state, Transition.NONE, Finding.GROWING, bytesPerHour, 0.1,
                0.001, 0, latest, 30);
    }

    @Test
    void secondsUntilTheMaximumAtTheMeasuredGrowth() {
        // 1.5 GiB live, 6 GiB max, 1.8 GB/h: 4.5 GiB / 1.8 GB/h
        HeadroomMetrics.OptionalSeconds s = HeadroomMetrics.seconds(heap(LeakState.SUSPECT, 1.8e9, 3 * GIB / 2), 6 * GIB);
        assertThat(s.present()).isTrue();
        assertThat(s.value()).isCloseTo(4.5 * GIB / 1.8e9 * 3600, org.assertj.core.data.Offset.offset(1.0));
    }

    @Test
    void absentWithoutSustainedGrowthOrMaximum() {
        assertThat(HeadroomMetrics.seconds(heap(LeakState.OK, 1e9, GIB), 6 * GIB).present()).isFalse();
        assertThat(HeadroomMetrics.seconds(heap(LeakState.CONFIRMED, -1e6, GIB), 6 * GIB).present()).isFalse();
        assertThat(HeadroomMetrics.seconds(heap(LeakState.CONFIRMED, 1e9, GIB), 0).present()).isFalse();
        assertThat(HeadroomMetrics.seconds(null, 6 * GIB).present()).isFalse();
    }

    @Test
    void aHeapBeyondItsMaximumHasNoTimeLeft() {
        assertThat(HeadroomMetrics.seconds(heap(LeakState.CONFIRMED, 1e9, 7 * GIB), 6 * GIB).value()).isZero();
    }
}
