package io.leakwatch.trend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The fast statistics (bracketed Theil-Sen, merge-sort Mann-Kendall) give bit for bit what the
 * old ones in {@link ReferenceStats} gave, and {@link GrowthDetector} the same {@link Assessment}
 * on them as on {@link ReferenceStats#PLAIN}, on random and adversarial series: ties, flat runs, constant
 * series, repeated times, periodic patterns that alias with the bracket's systematic sample,
 * outliers and huge values. Seeded, so a failure repeats.
 */
class FastStatsEquivalenceTest {

    private static final long HOUR = 3_600_000L;

    @Test
    void theilSenSlopeIsBitIdentical() {
        SplittableRandom r = new SplittableRandom(7);
        for (int run = 0; run < 6000; run++) {
            int n = 2 + r.nextInt(run % 10 == 0 ? 400 : 160);
            double[] x = times(r, n);
            double[] y = series(r, n);
            int from = r.nextInt(3) == 0 ? r.nextInt(n / 2 + 1) : 0;
            int to = r.nextInt(3) == 0 ? from + r.nextInt(n - from + 1) : n;
            double[] scratch = switch (r.nextInt(3)) {
                case 0 -> null;
                case 1 -> new double[RobustStats.scratchLength(to - from)];
                default -> new double[r.nextInt(50)];
            };
            double fast = RobustStats.theilSenSlope(x, y, from, to, scratch);
            double reference = ReferenceStats.theilSenSlope(x, y, from, to, null);
            assertThat(Double.doubleToRawLongBits(fast))
                    .as("run %d, n %d, [%d, %d): %s vs %s", run, n, from, to, fast, reference)
                    .isEqualTo(Double.doubleToRawLongBits(reference));
        }
    }

    @Test
    void mannKendallIsIdentical() {
        SplittableRandom r = new SplittableRandom(11);
        for (int run = 0; run < 6000; run++) {
            int n = r.nextInt(run % 10 == 0 ? 600 : 160);
            double[] y = series(r, Math.max(n, 1));
            int from = r.nextInt(4) == 0 ? r.nextInt(n / 2 + 1) : 0;
            int to = r.nextInt(4) == 0 ? from + r.nextInt(n - from + 1) : n;
            assertThat(MannKendall.statistic(y, from, to)).as("run %d", run)
                    .isEqualTo(ReferenceStats.statistic(y, from, to));
            assertThat(Double.doubleToRawLongBits(MannKendall.upwardPValue(y, from, to))).as("run %d", run)
                    .isEqualTo(Double.doubleToRawLongBits(ReferenceStats.upwardPValue(y, from, to)));
        }
    }

    @Test
    void mannKendallCountsPairsWithNaNAsTiesAsBefore() {
        double[] y = {1, Double.NaN, 3, 2, Double.NaN, 5, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 4};
        assertThat(MannKendall.statistic(y, 0, y.length)).isEqualTo(ReferenceStats.statistic(y, 0, y.length));
    }

    @Test
    void theilSenWithNaNOrInfinityFallsBackToTheOldSelection() {
        SplittableRandom r = new SplittableRandom(3);
        for (int run = 0; run < 200; run++) {
            int n = 16 + r.nextInt(100);
            double[] x = times(r, n);
            double[] y = series(r, n);
            y[r.nextInt(n)] = r.nextBoolean() ? Double.NaN : Double.POSITIVE_INFINITY;
            double fast = RobustStats.theilSenSlope(x, y, 0, n, null);
            double reference = ReferenceStats.theilSenSlope(x, y, 0, n, null);
            assertThat(Double.doubleToRawLongBits(fast)).as("run %d", run).isEqualTo(Double.doubleToRawLongBits(reference));
        }
    }

    @Test
    void detectorAssessmentsAreIdentical() {
        SplittableRandom r = new SplittableRandom(2026);
        Map<Finding, Integer> seen = new EnumMap<>(Finding.class);
        for (int run = 0; run < 3000; run++) {
            DetectorSettings settings = settings(r);
            GrowthDetector fast = new GrowthDetector(settings);
            GrowthDetector reference = new GrowthDetector(settings, ReferenceStats.PLAIN);
            int n = 1 + r.nextInt(run % 10 == 0 ? 300 : 150);
            long step = (1 + r.nextInt(10)) * 60_000L;
            long[] at = new long[n];
            for (int i = 0; i < n; i++) {
                at[i] = 1_700_000_000_000L + i * step + (r.nextInt(4) == 0 ? r.nextLong(step / 2) : 0);
            }
            double[] values = detectorSeries(r, n, step);
            long warmUpEnd = r.nextBoolean() ? 0 : at[r.nextInt(n)];
            double minPerHour = r.nextBoolean() ? 0 : r.nextInt(1 << 22);
            Assessment a = fast.assess(at, values, n, warmUpEnd, minPerHour);
            Assessment b = reference.assess(at, values, n, warmUpEnd, minPerHour);
            assertThat(a).as("run %d", run).isEqualTo(b);
            assertThat(Double.doubleToRawLongBits(fast.slopePerHour(at, values, n, warmUpEnd))).as("run %d", run)
                    .isEqualTo(Double.doubleToRawLongBits(reference.slopePerHour(at, values, n, warmUpEnd)));
            seen.merge(a.finding(), 1, Integer::sum);
        }
        // The comparison reached every test of the detector, not only the cheap early outs.
        assertThat(seen.keySet()).containsExactlyInAnyOrder(Finding.values());
    }

    private static DetectorSettings settings(SplittableRandom r) {
        Duration period = Duration.ofMinutes(5 + r.nextInt(30));
        Duration minSpan = period.multipliedBy(3 + r.nextInt(4));
        int minSamples = 4 + r.nextInt(20);
        return DetectorSettings.defaults().toBuilder()
                .warmUp(Duration.ZERO)
                .minSamples(minSamples)
                .maxSamples(minSamples + r.nextInt(200))
                .sawtoothPeriod(period)
                .minSpan(minSpan)
                .maxAge(minSpan.plusHours(r.nextInt(8)))
                .maxPValue(r.nextBoolean() ? 0.01 : 0.2)
                .minRelativeGrowth(r.nextBoolean() ? 0.05 : 0)
                .shapeFitRatio(r.nextInt(5) == 0 ? 0 : 0.75)
                .build();
    }

    /**
     * Times in hours as the detector makes them, sometimes with repeated (equal) times, often
     * evenly spaced so that a linear series has slopes differing only by roundings.
     */
    private static double[] times(SplittableRandom r, int n) {
        double[] x = new double[n];
        long t = 0;
        boolean repeats = r.nextInt(5) == 0;
        boolean even = r.nextBoolean();
        long step = 10_000L * (1 + r.nextInt(60));
        for (int i = 0; i < n; i++) {
            x[i] = t / (double) HOUR;
            if (!(repeats && r.nextInt(3) == 0)) {
                t += step + (!even && r.nextBoolean() ? r.nextLong(step / 2 + 1) : 0);
            }
        }
        return x;
    }

    /** Values of every awkward kind; never -0.0, which no byte or instance count is. */
    private static double[] series(SplittableRandom r, int n) {
        double[] y = new double[n];
        int kind = r.nextInt(12);
        double level = r.nextInt(4) == 0 ? 0 : Math.pow(10, r.nextInt(13));
        double slope = (r.nextDouble() - 0.3) * level / Math.max(1, n);
        double noise = level * 0.01 * r.nextInt(20);
        int period = 2 + r.nextInt(40);
        for (int i = 0; i < n; i++) {
            double v = switch (kind) {
                case 0 -> level;                                                  // constant
                case 1 -> r.nextInt(3);                                           // few distinct values, heavy ties
                case 2 -> Math.round(level + slope * i + noise * r.nextGaussian()); // integer counts
                case 3 -> level + slope * i + noise * r.nextGaussian();
                case 4 -> i < n / 2 ? level : level * 2;                           // one step
                case 5 -> level + (i % period) * slope + (i / period) * slope / 10;  // sawtooth aliasing the sample stride
                case 6 -> i % period == 0 ? level * 100 : level + slope * i;       // periodic outliers
                case 7 -> Math.floor(i / (double) period) * level;                // staircase of flat runs
                case 8 -> r.nextDouble() * Double.MAX_VALUE / 4;                  // huge values
                case 9, 10 -> level + Math.round(slope) * i;                        // exactly linear: slopes equal but for roundings
                default -> (r.nextBoolean() ? 1 : -1) * level * r.nextDouble();
            };
            y[i] = v == 0 ? 0.0 : v;
        }
        return y;
    }

    /** Heap-like series: leaks, caches filling to a bound, sawtooth batches, steps, noise. */
    private static double[] detectorSeries(SplittableRandom r, int n, long stepMillis) {
        double[] y = new double[n];
        int kind = r.nextInt(8);
        double level = (1 + r.nextInt(500)) * (double) (1 << 20);
        double perHour = level * (r.nextDouble() * 0.5);
        double sigma = level * 0.002 * r.nextInt(10);
        double hours = stepMillis / (double) HOUR;
        double tau = 0.2 + r.nextDouble() * 3;
        double period = 0.25 + r.nextDouble();
        int split = r.nextInt(n + 1);
        for (int i = 0; i < n; i++) {
            double h = i * hours;
            double v = switch (kind) {
                case 0 -> level + perHour * h;
                case 1 -> level + perHour * tau * (1 - Math.exp(-h / tau));
                case 2 -> level + perHour * period * ((h % period) / period) + perHour * h / 10;
                case 3 -> i < split ? level : level * 1.5;
                case 4 -> level;
                case 5 -> level + perHour * Math.min(h, tau);
                case 6 -> level - perHour * h / 4;
                default -> level + perHour * h + (i == split ? level : 0);
            };
            y[i] = Math.max(0, Math.round(v + sigma * r.nextGaussian()));
        }
        return y;
    }
}
