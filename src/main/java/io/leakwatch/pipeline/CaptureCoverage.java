package io.leakwatch.pipeline;

import io.leakwatch.capture.CaptureAnalyzer.LeakFinding;
import io.leakwatch.model.Bytes;
import io.leakwatch.model.LeakTrend;
import io.leakwatch.model.TrendSeries;
import io.leakwatch.model.TrendSeries.Point;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * How much of the growth that triggered a capture its findings account for. A dump taken when a
 * leak has only just started can find a larger neighbour that also grew a little (a container's
 * registry that gains entries on every redeploy) and miss the leak that drives the heap; alerting
 * that neighbour as the culprit sends the on-call person the wrong way, and the rate limit would
 * keep the right answer out for an hour. Such a capture is checked once more after the leak had as
 * long again to grow.
 *
 * @param grownBytes    how much the series that grew most over its window grew: the live heap (a
 *                      trigger or not) or a triggering type
 * @param window        how long that growth took
 * @param largestBytes  what the largest finding the capture would alert retains (extrapolated when
 *                      the analysis took only part of its type's instances); a larger finding that
 *                      does not alert (the holder of a type that only grew alongside) explains
 *                      nothing the alert would say
 */
record CaptureCoverage(long grownBytes, Duration window, long largestBytes) {

    /** Findings retaining less than 1/SHARE of the triggering growth explain too little of it. */
    static final long SHARE = 10;

    /**
     * The coverage of the findings a capture would alert ({@code alerted}, see
     * {@link Incidents#alerting}) for the growth {@code trend} shows; empty when no series grew over
     * a window.
     */
    static Optional<CaptureCoverage> of(LeakTrend trend, List<LeakFinding> alerted) {
        // the live heap counts whether it triggered or not: a minor type can confirm first while
        // the heap grows by megabytes elsewhere
        Optional<TrendSeries> grown = trend.series().stream().filter(s -> s.trigger() || s.heap())
                .filter(s -> s.points().size() >= 2).max(Comparator.comparingLong(CaptureCoverage::growth));
        long largest = (long) alerted.stream().mapToDouble(LeakFinding::estimatedRetainedBytes).max().orElse(0);
        return grown.filter(s -> growth(s) > 0).map(s -> new CaptureCoverage(growth(s),
                Duration.between(s.points().get(0).at(), s.points().get(s.points().size() - 1).at()), largest));
    }

    /** Whether the largest finding retains less than a tenth of the growth: the leak itself may not be among them. */
    boolean explainsLittle() {
        return largestBytes * SHARE < grownBytes;
    }

    @Override
    public String toString() {
        return Bytes.format(largestBytes) + " of the " + Bytes.format(grownBytes) + " it grew in " + window.toSeconds() + " s";
    }

    private static long growth(TrendSeries series) {
        List<Point> points = series.points();
        return points.get(points.size() - 1).bytes() - points.get(0).bytes();
    }
}
