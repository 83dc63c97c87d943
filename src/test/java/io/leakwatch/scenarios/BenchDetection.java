package io.leakwatch.scenarios;

import java.time.Duration;

/**
 * The detector settings of the benchmark: the defaults' shape with time compressed, the same for
 * every scenario. Production samples every few minutes; here one sample interval {@code T} stands
 * for five minutes, so time scales by {@code 300 s / T}.
 *
 * <ul>
 *   <li>Times in samples: warm-up 2 T, minimum span 5 T, sawtooth period 5/3 T (the longest
 *       batch cycle ignored; minSpan must hold three), window 60 T and 60 samples.</li>
 *   <li>Byte rates keep their meaning per sample: the defaults' 1 MiB/h for the heap and
 *       256 KiB/h per type become the same bytes per 12 samples (one scaled hour).</li>
 *   <li>The pause budget (0.1 % of wall time by default) scales with time like the rest.</li>
 *   <li>The evidence is shortened to reach a verdict within about ten samples: at least 6 points
 *       over 5 T (the defaults ask for 12 over 2 h, i.e. 24 samples) and 2 positive evaluations in
 *       a row (defaults: 5). Significance (p at most 0.01), the relative-growth floor (5 %), the
 *       envelope, recent-slope, deceleration and shape tests keep their default thresholds.</li>
 * </ul>
 */
final class BenchDetection {

    /**
     * The shipped pause budget (a fraction of wall time). A histogram pauses the target as long here
     * as in production while the time between samples is compressed, so the budget scales with time
     * too: 0.1 % of five minutes per sample is 30 % of a one-second interval.
     */
    static final double PAUSE_BUDGET = 0.001;

    /** Production's interval that one benchmark interval stands for. */
    static final Duration STANDS_FOR = Duration.ofMinutes(5);

    private BenchDetection() {
    }

    /** The {@code detection:} section of the daemon's config for sampling every {@code interval}. */
    static String yaml(Duration interval) {
        long t = interval.toMillis();
        double scale = STANDS_FOR.toMillis() / (double) t;
        return """
                detection:
                  warmUp: %dms
                  minSamples: 6
                  minSpan: %dms
                  sawtoothPeriod: %dms
                  compactionCycle: 4
                  maxSamples: 60
                  maxAge: %dms
                  maxPValue: 0.01
                  minHeapBytesPerHour: %d
                  minTypeBytesPerHour: %d
                  minRelativeGrowth: 0.05
                  confirmAfter: 2
                  clearAfter: 6
                sampling:
                  pauseBudget: %s
                """.formatted(2 * t, 5 * t, 5 * t / 3, 60 * t,
                Math.round((1L << 20) * scale), Math.round((256L << 10) * scale),
                String.format(java.util.Locale.ROOT, "%.4f", Math.min(0.999, PAUSE_BUDGET * scale)));
    }
}
