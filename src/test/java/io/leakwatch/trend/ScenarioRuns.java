package io.leakwatch.trend;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import io.leakwatch.model.Sample;

/**
 * Runs a scenario over many seeds through a real {@link GrowthTracker} and summarises when (if
 * ever) the heap series was confirmed. Delays count samples from the leak's onset.
 */
final class ScenarioRuns {

    static final Duration INTERVAL = Duration.ofMinutes(5);

    /**
     * @param confirmedRuns runs in which the heap was confirmed at least once
     * @param delays        per run, samples from onset to the first confirmation (MAX_VALUE: never)
     */
    record Summary(int runs, int confirmedRuns, int[] delays) {
        double confirmedRate() {
            return confirmedRuns / (double) runs;
        }

        double detectedWithin(int samples) {
            return Arrays.stream(delays).filter(d -> d <= samples).count() / (double) runs;
        }

        int percentile(double p) {
            int[] sorted = delays.clone();
            Arrays.sort(sorted);
            return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
        }

        @Override
        public String toString() {
            return String.format("runs=%d confirmed=%.1f%% delay median=%s p95=%s", runs, 100 * confirmedRate(),
                    fmt(percentile(0.5)), fmt(percentile(0.95)));
        }

        private static String fmt(int d) {
            return d == Integer.MAX_VALUE ? "never" : Integer.toString(d);
        }
    }

    private ScenarioRuns() {
    }

    /** Runs the seeds in parallel (each run has its own tracker); the result does not depend on the order. */
    static Summary run(SeriesGenerator.Scenario scenario, DetectorSettings settings, int runs, int samples) {
        int[] delays = IntStream.range(0, runs).parallel()
                .map(seed -> delay(scenario, settings, seed, samples))
                .toArray();
        int confirmed = (int) Arrays.stream(delays).filter(d -> d != Integer.MAX_VALUE).count();
        return new Summary(runs, confirmed, delays);
    }

    /** Samples from onset to the first confirmation of the heap, MAX_VALUE when never confirmed. */
    private static int delay(SeriesGenerator.Scenario scenario, DetectorSettings settings, int seed, int samples) {
        SeriesGenerator.Shape shape = scenario.draw(SeriesGenerator.random(seed, 1));
        List<Sample> series = SeriesGenerator.heapSamples(shape, seed, INTERVAL, samples);
        GrowthTracker tracker = new GrowthTracker(settings);
        int first = -1;
        for (int i = 0; i < series.size() && first < 0; i++) {
            TargetVerdicts v = tracker.update(series.get(i));
            if (v.heap().state() == LeakState.CONFIRMED) {
                first = i;
            }
        }
        if (first < 0) {
            return Integer.MAX_VALUE;
        }
        double onset = Double.isNaN(shape.onsetHours()) ? 0 : shape.onsetHours();
        int onsetIndex = (int) Math.ceil(onset * 3_600_000.0 / INTERVAL.toMillis());
        return Math.max(0, first - onsetIndex);
    }
}
