package io.leakwatch.trend;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

import io.leakwatch.model.ClassHistogram;
import io.leakwatch.model.HistogramEntry;
import io.leakwatch.model.Sample;
import io.leakwatch.model.TargetIdentity;

/**
 * Seeded synthetic live-heap series for the detector tests: each scenario draws its own random
 * parameters (phase, period, onset, time constant) from the seed, then a value per sample time.
 */
final class SeriesGenerator {

    static final double MB = 1 << 20;
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final TargetIdentity IDENTITY = new TargetIdentity(4242, START.toEpochMilli(), "demo.Main", "17");

    /** A shape of heap over time; {@link #onsetHours()} is when a real leak starts (NaN: no leak). */
    interface Shape {
        double value(double hours, Random noise);

        default double onsetHours() {
            return Double.NaN;
        }
    }

    /** A named scenario builds a fresh random shape per seed. */
    interface Scenario {
        Shape draw(Random parameters);
    }

    private SeriesGenerator() {
    }

    /**
     * A generator for run {@code seed} and purpose {@code stream}. {@code new Random(seed)} for
     * consecutive small seeds gives nearly the same first values, which would draw the same
     * scenario parameters in every run; SplittableRandom mixes the seed first.
     */
    static Random random(long seed, int stream) {
        return new Random(new SplittableRandom(seed * 1_000_003L + stream).nextLong());
    }

    static Scenario whiteNoise(double level, double sigma) {
        return r -> (h, n) -> level + sigma * n.nextGaussian();
    }

    /** Transient garbage caught by the GC: a skewed, heavy right tail (exponential spikes). */
    static Scenario spikyNoise(double level, double meanSpike) {
        return r -> (h, n) -> level - meanSpike * Math.log(1 - n.nextDouble());
    }

    static Scenario linear(double level, double perHour, double sigma) {
        return r -> new Shape() {
            public double value(double h, Random n) {
                return level + perHour * h + sigma * n.nextGaussian();
            }

            public double onsetHours() {
                return 0;
            }
        };
    }

    /** A cache filling exponentially to {@code bound} with a time constant drawn in [tauMin, tauMax] hours. */
    static Scenario warmUpToBound(double level, double bound, double tauMin, double tauMax, double sigma) {
        return r -> {
            double tau = tauMin + (tauMax - tauMin) * r.nextDouble();
            return (h, n) -> level + bound * (1 - Math.exp(-h / tau)) + sigma * n.nextGaussian();
        };
    }

    /** Batch jobs filling linearly by {@code amplitude} and releasing, period drawn among {@code periodsMinutes}. */
    static Scenario sawtooth(double level, double amplitude, int[] periodsMinutes, double sigma) {
        return r -> {
            double period = periodsMinutes[r.nextInt(periodsMinutes.length)] / 60.0;
            double phase = r.nextDouble() * period;
            return (h, n) -> {
                double cycle = ((h + phase) % period) / period;
                return level + amplitude * cycle + sigma * n.nextGaussian();
            };
        };
    }

    /**
     * Batches that grow with traffic: the peaks rise by {@code peakGrowthPerHour} while the
     * troughs (what survives between batches) stay flat.
     */
    static Scenario growingBatches(double level, double amplitude, double peakGrowthPerHour, int periodMinutes, double sigma) {
        return r -> {
            double period = periodMinutes / 60.0;
            double phase = r.nextDouble() * period;
            return (h, n) -> {
                double cycle = ((h + phase) % period) / period;
                return level + (amplitude + peakGrowthPerHour * h) * cycle + sigma * n.nextGaussian();
            };
        };
    }

    /** A leak of {@code perHour} under a batch sawtooth of {@code amplitude} and period {@code periodMinutes}. */
    static Scenario leakUnderSawtooth(double level, double perHour, double amplitude, int periodMinutes, double sigma) {
        return r -> {
            double period = periodMinutes / 60.0;
            double phase = r.nextDouble() * period;
            return new Shape() {
                public double value(double h, Random n) {
                    double cycle = ((h + phase) % period) / period;
                    return level + perHour * h + amplitude * cycle + sigma * n.nextGaussian();
                }

                public double onsetHours() {
                    return 0;
                }
            };
        };
    }

    /** One step of {@code height} at a time drawn in [fromHours, toHours], flat before and after. */
    static Scenario step(double level, double height, double fromHours, double toHours, double sigma) {
        return r -> {
            double at = fromHours + (toHours - fromHours) * r.nextDouble();
            return (h, n) -> level + (h >= at ? height : 0) + sigma * n.nextGaussian();
        };
    }

    /** Flat until an onset drawn in [fromHours, toHours], then linear growth. */
    static Scenario lateLeak(double level, double perHour, double fromHours, double toHours, double sigma) {
        return r -> {
            double onset = fromHours + (toHours - fromHours) * r.nextDouble();
            return new Shape() {
                public double value(double h, Random n) {
                    return level + perHour * Math.max(0, h - onset) + sigma * n.nextGaussian();
                }

                public double onsetHours() {
                    return onset;
                }
            };
        };
    }

    /** Heap-only samples (empty histogram) every {@code interval} for {@code count} samples. */
    static List<Sample> heapSamples(Shape shape, long seed, Duration interval, int count) {
        Random noise = random(seed, 2);
        List<Sample> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double hours = i * interval.toMillis() / 3_600_000.0;
            long heap = Math.max(0, Math.round(shape.value(hours, noise)));
            out.add(sample(START.plus(interval.multipliedBy(i)), IDENTITY, heap, List.of()));
        }
        return out;
    }

    static Sample sample(Instant at, TargetIdentity identity, long heap, List<HistogramEntry> entries) {
        return new Sample("demo", identity, at, heap, ClassHistogram.of(entries), List.of(), Duration.ZERO, Duration.ZERO);
    }
}
