package io.leakwatch.attach;

import io.leakwatch.model.MarkerSurvival;
import io.leakwatch.model.ClassHistogram;
import io.leakwatch.model.Sample;
import io.leakwatch.model.SampleTier;
import io.leakwatch.sample.FailureKind;
import io.leakwatch.sample.HistogramFormatException;
import io.leakwatch.sample.HistogramParser;
import io.leakwatch.sample.ParsedHistogram;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * Takes one sample over an open connection.
 *
 * <p>The GC is the one {@code GC.class_histogram} runs itself (without {@code -all} it collects
 * fully before walking the heap), so the sample pauses the target no more than
 * {@code jcmd <pid> GC.class_histogram} alone: there is no extra {@code System.gc()}.
 *
 * <p><b>Pause.</b> HotSpot runs the collection and the heap walk inside one safepoint (the VM
 * operation {@code GC_HeapInspection}), and its perf counter {@code sun.rt.safepointTime}
 * accumulates the time spent in safepoints. For a local JVM the sample reads that counter from the
 * target's perf-data file (a plain file read, no call into the target) just before and just after
 * the histogram call; the difference is the stop-the-world time of our GC and heap walk, plus any
 * other safepoint that happened to fall in that window, so it errs high, never low.
 * Collection-time deltas of the GarbageCollector MXBeans would miss the heap walk. For remote JVMs,
 * or without perf data ({@code -XX:-UsePerfData}, {@code -XX:+PerfDisableSharedMem}), the pause
 * falls back to the wall time of the histogram call, again an upper bound.
 *
 * <p><b>Live heap.</b> Read from the collectors' last GC info right after the histogram (whose
 * forced GC is then the newest collection), or alone for a sample without histogram
 * ({@link #takeReported}): the same figure in both tiers, so the heap series does not jump between
 * them. See {@link GcReading}.
 */
final class JvmSampleTaker {

    private final HistogramParser histogramParser = new HistogramParser();

    /** A sample and the timings behind it. */
    record Taken(Sample sample, SampleTimings timings, int skippedLines) {
    }

    Taken take(String target, JvmConnection connection, Instant takenAt, long startNanos, Duration connect)
            throws JvmCallException {
        return take(target, connection, takenAt, startNanos, connect, SampleTier.HISTOGRAM);
    }

    /** A histogram sample, {@code tier} {@link SampleTier#HISTOGRAM} or {@link SampleTier#HISTOGRAM_NO_GC}. */
    Taken take(String target, JvmConnection connection, Instant takenAt, long startNanos, Duration connect,
               SampleTier tier) throws JvmCallException {
        if (!tier.hasHistogram()) {
            throw new IllegalArgumentException("not a histogram tier: " + tier);
        }
        OptionalLong before = connection.safepointNanos();
        long histogramStart = System.nanoTime();
        String text = connection.classHistogram(tier == SampleTier.HISTOGRAM_NO_GC);
        long histogramNanos = System.nanoTime() - histogramStart;
        OptionalLong after = before.isPresent() ? connection.safepointNanos() : OptionalLong.empty();
        GcReading reading = connection.gcReading();
        long liveHeap = reading.liveHeapBytes();
        List<MarkerSurvival> markers = connection.markers();

        long parseStart = System.nanoTime();
        ParsedHistogram parsed;
        try {
            parsed = histogramParser.parse(text);
        } catch (HistogramFormatException e) {
            throw new JvmCallException(FailureKind.BAD_RESPONSE,
                    "unreadable class histogram from pid " + connection.identity().pid() + ": " + e.getMessage());
        }
        long parseNanos = System.nanoTime() - parseStart;

        boolean fromSafepoints = after.isPresent() && after.getAsLong() >= before.getAsLong();
        long pauseNanos = fromSafepoints ? after.getAsLong() - before.getAsLong() : histogramNanos;
        Duration pause = Duration.ofNanos(pauseNanos);
        Sample sample = new Sample(target, connection.identity(), takenAt, liveHeap, parsed.histogram(), markers,
                pause, Duration.ofNanos(System.nanoTime() - startNanos), tier, reading.heapMaxBytes());
        SampleTimings timings = new SampleTimings(connect, Duration.ofNanos(histogramNanos),
                Duration.ofNanos(parseNanos), pause, fromSafepoints);
        return new Taken(sample, timings, parsed.skippedLines());
    }

    /**
     * A sample without histogram and without pause: the live heap the target's last collection
     * reported, and the marker survivors as they stand (not proven by a GC of ours).
     */
    Taken takeReported(String target, JvmConnection connection, Instant takenAt, long startNanos, Duration connect,
                       GcReading reading, SampleTier tier) throws JvmCallException {
        if (tier.hasHistogram()) {
            throw new IllegalArgumentException("a histogram tier: " + tier);
        }
        List<MarkerSurvival> markers = connection.markers();
        Sample sample = new Sample(target, connection.identity(), takenAt, reading.liveHeapBytes(),
                ClassHistogram.of(List.of()), markers, Duration.ZERO, Duration.ofNanos(System.nanoTime() - startNanos),
                tier, reading.heapMaxBytes());
        SampleTimings timings = new SampleTimings(connect, Duration.ZERO, Duration.ZERO, Duration.ZERO, false);
        return new Taken(sample, timings, 0);
    }
}
