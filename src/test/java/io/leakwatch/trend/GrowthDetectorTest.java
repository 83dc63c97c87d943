package io.leakwatch.trend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.function.IntToDoubleFunction;

import org.junit.jupiter.api.Test;

/** One series per finding: each test shows the shape a gate exists for, 72 samples 5 minutes apart. */
class GrowthDetectorTest {

    private static final long STEP_MILLIS = 300_000;
    private static final int N = 72;
    private static final double MB = 1 << 20;
    private final GrowthDetector detector = new GrowthDetector(DetectorSettings.defaults());

    private Assessment assess(IntToDoubleFunction shape, double sigma) {
        return assess(detector, shape, sigma);
    }

    /** Value at sample i plus Gaussian noise of {@code sigma}, seeded. */
    private static Assessment assess(GrowthDetector detector, IntToDoubleFunction shape, double sigma) {
        Random r = new Random(11);
        long[] at = new long[N];
        double[] v = new double[N];
        for (int i = 0; i < N; i++) {
            at[i] = 1_000_000_000_000L + i * STEP_MILLIS;
            v[i] = shape.applyAsDouble(i) + sigma * r.nextGaussian();
        }
        return detector.assess(at, v, N, 0, 1 << 20);
    }

    private static double hours(int i) {
        return i / 12.0;
    }

    @Test
    void linearGrowthIsGrowingWithItsSlope() {
        Assessment a = assess(i -> 200 * MB + 10 * MB * hours(i), 1 * MB);
        assertThat(a.finding()).isEqualTo(Finding.GROWING);
        assertThat(a.slopePerHour() / MB).isCloseTo(10, within(0.5));
        assertThat(a.relativeGrowth()).isCloseTo(10 * 71 / 12.0 / (200 + 10 * 35.5 / 12), within(0.02));
        assertThat(a.pValue()).isLessThan(1e-10);
        assertThat(a.samples()).isEqualTo(N);
    }

    @Test
    void flatNoiseHasNoTrend() {
        assertThat(assess(i -> 200 * MB, 5 * MB).finding()).isEqualTo(Finding.NO_TREND);
    }

    @Test
    void slowSignificantGrowthIsBelowThreshold() {
        Assessment a = assess(i -> 200 * MB + 0.5 * MB * hours(i), 0.1 * MB);
        assertThat(a.pValue()).isLessThan(0.01);
        assertThat(a.finding()).isEqualTo(Finding.BELOW_THRESHOLD);
    }

    @Test
    void batchesGrowingOverFlatTroughsAreSawtooth() {
        assertThat(assess(i -> 200 * MB + (40 * MB + 10 * MB * hours(i)) * (i % 6) / 6.0, 1 * MB).finding())
                .isEqualTo(Finding.SAWTOOTH);
    }

    @Test
    void growthThatStoppedIsPlateau() {
        assertThat(assess(i -> 200 * MB + 20 * MB * Math.min(hours(i), 3), 1 * MB).finding()).isEqualTo(Finding.PLATEAU);
    }

    @Test
    void cacheFillingToABoundIsDecelerating() {
        assertThat(assess(i -> 150 * MB + 100 * MB * (1 - Math.exp(-hours(i) / 2.5)), 1 * MB).finding())
                .isEqualTo(Finding.DECELERATING);
    }

    /**
     * A recent step leaves the lower envelope flat, so the envelope test already rejects it; with
     * that test off the shape test names it.
     */
    @Test
    void oneStepIsAStep() {
        IntToDoubleFunction step = i -> 200 * MB + (i >= 55 ? 40 * MB : 0);
        assertThat(assess(step, 2 * MB).finding()).isEqualTo(Finding.SAWTOOTH);
        GrowthDetector noEnvelope = new GrowthDetector(DetectorSettings.defaults().toBuilder().minEnvelopeSlopeRatio(0).build());
        assertThat(assess(noEnvelope, step, 2 * MB).finding()).isEqualTo(Finding.STEP);
    }

    @Test
    void leakStartingLateIsGrowing() {
        assertThat(assess(i -> 200 * MB + 15 * MB * Math.max(0, hours(i) - 2.5), 2 * MB).finding()).isEqualTo(Finding.GROWING);
    }

    @Test
    void warmUpAndMinimumSpanAreRespected() {
        long[] at = new long[N];
        double[] v = new double[N];
        for (int i = 0; i < N; i++) {
            at[i] = i * STEP_MILLIS;
            v[i] = 1e8 + 1e7 * i;
        }
        assertThat(detector.assess(at, v, 20, 0, 0).finding()).isEqualTo(Finding.INSUFFICIENT_DATA);
        assertThat(detector.assess(at, v, 30, 0, 0).finding()).isEqualTo(Finding.GROWING);
        Assessment warm = detector.assess(at, v, 30, 10 * STEP_MILLIS, 0);
        assertThat(warm.finding()).isEqualTo(Finding.INSUFFICIENT_DATA);
        assertThat(warm.samples()).isEqualTo(20);
        assertThat(detector.assess(at, v, 1, 0, 0)).isEqualTo(new Assessment(Finding.INSUFFICIENT_DATA, 0, 0, 1, 1));
        assertThatThrownBy(() -> detector.assess(at, v, N + 1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
