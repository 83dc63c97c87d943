package io.leakwatch.attach;

import io.leakwatch.model.MarkerSurvival;
import io.leakwatch.model.Sample;
import io.leakwatch.sample.FailureKind;
import io.leakwatch.sample.HistogramFormatException;
import io.leakwatch.sample.HistogramParser;
import io.leakwatch.sample.ParsedHistogram;
import io.leakwatch.sample.SafepointTimeParser;
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
 * <p><b>Pause.</b> HotSpot runs the collection and the heap walk inside one safepoint, and its
 * perf counter {@code sun.rt.safepointTime} accumulates the time spent in safepoints. The sample
 * reads the counter (through {@code PerfCounter.print}, which needs no safepoint) just before and
 * just after the histogram call; the difference is the stop-the-world time of our GC and heap walk,
 * plus any other safepoint that happened to fall in that window, so it errs high, never low.
 * Collection-time deltas of the GarbageCollector MXBeans would miss the heap walk. When the
 * counters are unavailable ({@code -XX:-UsePerfData}, non-HotSpot) the pause falls back to the
 * wall time of the histogram call, again an upper bound.
 */
final class JvmSampleTaker {

    private final HistogramParser histogramParser = new HistogramParser();
    private final SafepointTimeParser safepointParser = new SafepointTimeParser();

    /** A sample and the timings behind it. */
    record Taken(Sample sample, SampleTimings timings, int skippedLines) {
    }

    Taken take(String target, JvmConnection connection, Instant takenAt, long startNanos, Duration connect)
            throws JvmCallException {
        OptionalLong before = safepointNanos(connection);
        long histogramStart = System.nanoTime();
        String text = connection.classHistogram();
        long histogramNanos = System.nanoTime() - histogramStart;
        OptionalLong after = before.isPresent() ? safepointNanos(connection) : OptionalLong.empty();
        long liveHeap = connection.liveHeapAfterGc();
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
                pause, Duration.ofNanos(System.nanoTime() - startNanos));
        SampleTimings timings = new SampleTimings(connect, Duration.ofNanos(histogramNanos),
                Duration.ofNanos(parseNanos), pause, fromSafepoints);
        return new Taken(sample, timings, parsed.skippedLines());
    }

    private OptionalLong safepointNanos(JvmConnection connection) throws JvmCallException {
        if (!connection.perfCountersReadable()) {
            return OptionalLong.empty();
        }
        try {
            OptionalLong nanos = safepointParser.safepointNanos(connection.perfCounters());
            if (nanos.isEmpty()) {
                connection.perfCountersUnreadable();
            }
            return nanos;
        } catch (JvmCallException e) {
            if (e.kind() != FailureKind.BAD_RESPONSE) {
                throw e;
            }
            connection.perfCountersUnreadable();
            return OptionalLong.empty();
        }
    }
}
