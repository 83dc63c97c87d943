package io.leakwatch.trend;

import static io.leakwatch.trend.SeriesGenerator.MB;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Detection quality over many seeded runs with the default settings, samples every 5 minutes:
 * series that are not leaks are confirmed in at most 1 % of runs; leaks are confirmed within a
 * bounded number of samples from their onset in at least 95 % of runs. Each gate is also shown to
 * matter: switched off, its scenario gets confirmed. Figures go to stdout for the record.
 */
class GrowthDetectorScenarioTest {

    private static final int RUNS = 200;
    private static final int TWELVE_HOURS = 144;
    private static final DetectorSettings DEFAULTS = DetectorSettings.defaults();

    private static ScenarioRuns.Summary run(String name, SeriesGenerator.Scenario scenario, DetectorSettings s, int runs, int samples) {
        ScenarioRuns.Summary summary = ScenarioRuns.run(scenario, s, runs, samples);
        System.out.println("scenario " + name + ": " + summary);
        return summary;
    }

    private static void assertNoMoreFalsePositivesThan(double rate, ScenarioRuns.Summary summary) {
        assertThat(summary.confirmedRate()).as("share of runs confirmed").isLessThanOrEqualTo(rate);
    }

    @Test
    void whiteNoiseIsNotALeak() {
        assertNoMoreFalsePositivesThan(0.01, run("white noise", SeriesGenerator.whiteNoise(200 * MB, 5 * MB), DEFAULTS, RUNS, TWELVE_HOURS));
    }

    @Test
    void skewedGarbageSpikesAreNotALeak() {
        assertNoMoreFalsePositivesThan(0.01, run("spiky noise", SeriesGenerator.spikyNoise(200 * MB, 10 * MB), DEFAULTS, RUNS, TWELVE_HOURS));
    }

    @Test
    void cacheWarmingUpToABoundIsNotALeak() {
        assertNoMoreFalsePositivesThan(0.01, run("cache warm-up (tau 0.5-1.5 h, noise 2 MB)",
                SeriesGenerator.warmUpToBound(150 * MB, 100 * MB, 0.5, 1.5, 2 * MB), DEFAULTS, RUNS, TWELVE_HOURS));
    }

    /** Heavier noise hides the deceleration longer; the tail of the fill then passes a few times. */
    @Test
    void noisyCacheWarmingUpIsRarelyTakenForALeak() {
        assertNoMoreFalsePositivesThan(0.03, run("cache warm-up (tau 0.5-1.5 h, noise 6 MB)",
                SeriesGenerator.warmUpToBound(150 * MB, 100 * MB, 0.5, 1.5, 6 * MB), DEFAULTS, RUNS, TWELVE_HOURS));
    }

    @Test
    void batchSawtoothIsNotALeak() {
        assertNoMoreFalsePositivesThan(0.01, run("sawtooth (15-30 min, 60 MB)",
                SeriesGenerator.sawtooth(200 * MB, 60 * MB, new int[] {15, 20, 30}, 2 * MB), DEFAULTS, RUNS, TWELVE_HOURS));
    }

    @Test
    void batchesGrowingWithTrafficOverFlatTroughsAreNotALeak() {
        assertNoMoreFalsePositivesThan(0.01, run("growing batches",
                SeriesGenerator.growingBatches(200 * MB, 40 * MB, 10 * MB, 30, 2 * MB), DEFAULTS, RUNS, TWELVE_HOURS));
    }

    @Test
    void oneStepThenFlatIsNotALeak() {
        assertNoMoreFalsePositivesThan(0.01, run("step +40 MB, noise 2 MB",
                SeriesGenerator.step(200 * MB, 40 * MB, 1, 8, 2 * MB), DEFAULTS, RUNS, TWELVE_HOURS));
        assertNoMoreFalsePositivesThan(0.01, run("step +20 MB, noise 5 MB",
                SeriesGenerator.step(200 * MB, 20 * MB, 1, 8, 5 * MB), DEFAULTS, RUNS, TWELVE_HOURS));
    }

    /** Warm-up (15 min) + minimum span (2 h) + confirmation (5 evaluations) is about 32 samples. */
    @Test
    void linearGrowthIsConfirmedSoonAfterTheMinimumSpan() {
        ScenarioRuns.Summary s = run("linear 20 MB/h, noise 2 MB", SeriesGenerator.linear(200 * MB, 20 * MB, 2 * MB), DEFAULTS, RUNS, TWELVE_HOURS);
        assertThat(s.detectedWithin(40)).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void slowGrowthUnderHeavyNoiseIsConfirmed() {
        ScenarioRuns.Summary s = run("linear 4 MB/h, noise 8 MB", SeriesGenerator.linear(200 * MB, 4 * MB, 8 * MB), DEFAULTS, RUNS, TWELVE_HOURS);
        assertThat(s.detectedWithin(85)).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void leakStartingAfterAWhileIsConfirmedAfterItsOnset() {
        ScenarioRuns.Summary s = run("late leak 10 MB/h after 3-6 h, noise 3 MB",
                SeriesGenerator.lateLeak(200 * MB, 10 * MB, 3, 6, 3 * MB), DEFAULTS, RUNS, 200);
        assertThat(s.detectedWithin(50)).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void withoutTheEnvelopeGrowingBatchesWouldBeConfirmed() {
        DetectorSettings off = DEFAULTS.toBuilder().minEnvelopeSlopeRatio(0).build();
        ScenarioRuns.Summary s = run("growing batches, envelope off",
                SeriesGenerator.growingBatches(200 * MB, 40 * MB, 10 * MB, 30, 2 * MB), off, 40, TWELVE_HOURS);
        assertThat(s.confirmedRate()).isGreaterThan(0.5);
    }

    @Test
    void withoutDecelerationAndShapeTestsACacheWouldBeConfirmed() {
        DetectorSettings off = DEFAULTS.toBuilder().decelerationZ(1e9).shapeFitRatio(0).build();
        ScenarioRuns.Summary s = run("cache warm-up, deceleration and shape off",
                SeriesGenerator.warmUpToBound(150 * MB, 100 * MB, 0.5, 1.5, 2 * MB), off, 40, TWELVE_HOURS);
        assertThat(s.confirmedRate()).isGreaterThan(0.5);
    }

    @Test
    void withoutPlateauAndShapeTestsAStepWouldBeConfirmed() {
        DetectorSettings off = DEFAULTS.toBuilder().minRecentSlopeRatio(0).shapeFitRatio(0).build();
        ScenarioRuns.Summary s = run("step, plateau and shape off",
                SeriesGenerator.step(200 * MB, 40 * MB, 1, 8, 2 * MB), off, 40, TWELVE_HOURS);
        assertThat(s.confirmedRate()).isGreaterThan(0.5);
    }
}
