package io.leakwatch.report;

import io.leakwatch.analysis.LeakAnalysis;
import io.leakwatch.analysis.LeakSignature;
import io.leakwatch.analysis.LeakSuspect;
import io.leakwatch.analysis.TargetGroup;
import io.leakwatch.graph.TypeNames;
import io.leakwatch.model.CaptureContext;
import io.leakwatch.model.LeakTrend;
import io.leakwatch.model.TrendSeries;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the top of a capture's HTML page says, worked out once for the template {@code capture.peb}:
 * the summary (target, time, heap, verdict, culprit), a chart per triggering series and the growth
 * of each type detection saw growing, first to last point of its window. Pure: times are the
 * capture's and the samples', formatted in UTC.
 *
 * @param target     configured target name
 * @param capturedAt when the capture started, UTC
 * @param heap       live heap at the confirming sample, of the maximum when known
 * @param verdict    one line: a leak with a holder, or growth the dump does not explain
 * @param why        the triggering series' own words (how fast each grew)
 * @param found      the lead signature in one line, "" when the dump holds none
 * @param culprit    the field holding the lead signature ({@code Holder.field}), "" when none
 * @param charts     one per triggering series with at least two points
 * @param growth     one row per growing type, triggers first
 */
record CaptureSection(String target, String capturedAt, String heap, String verdict, List<String> why, String found,
                      String culprit, List<Chart> charts, List<GrowthRow> growth) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    CaptureSection {
        Objects.requireNonNull(target, "target");
        why = List.copyOf(why);
        charts = List.copyOf(charts);
        growth = List.copyOf(growth);
    }

    /**
     * One series' chart.
     *
     * @param title  what grows and how fast
     * @param svg    the chart ({@link TrendChart}), safe to print unescaped: only numbers and times
     * @param points vertices drawn
     */
    record Chart(String title, String svg, int points) {
    }

    /**
     * One type's growth over detection's window.
     *
     * @param type    Java source name ({@code byte[]})
     * @param trigger its growth triggered the capture
     * @param over    the span between its first and last point
     */
    record GrowthRow(String type, boolean trigger, long instancesBefore, long instancesNow, long bytesBefore,
                     long bytesNow, String over) {

        public long instanceDelta() {
            return instancesNow - instancesBefore;
        }

        public long byteDelta() {
            return bytesNow - bytesBefore;
        }
    }

    static CaptureSection of(LeakAnalysis analysis, CaptureContext context) {
        LeakTrend trend = context.trend();
        List<String> why = trend.triggers().stream().map(TrendSeries::summary).toList();
        Lead lead = lead(analysis);
        String verdict;
        if (lead != null) {
            verdict = "Leak: " + lead.type() + " held by " + lead.culprit();
        } else if (why.isEmpty()) {
            verdict = "No strongly held instances of the analysed types";
        } else {
            verdict = "Growth confirmed, but the dump holds no strongly reachable instances of the growing types";
        }
        List<Chart> charts = new ArrayList<>();
        for (TrendSeries s : trend.triggers()) {
            if (s.points().size() >= 2) {
                charts.add(new Chart(s.summary(), TrendChart.svg(s.points()), s.points().size()));
            }
        }
        List<GrowthRow> growth = new ArrayList<>();
        for (TrendSeries s : trend.series()) {
            if (!s.type().isEmpty() && !s.points().isEmpty()) {
                TrendSeries.Point first = s.points().get(0);
                TrendSeries.Point last = s.points().get(s.points().size() - 1);
                growth.add(new GrowthRow(TypeNames.javaName(s.type()), s.trigger(), first.instances(), last.instances(),
                        first.bytes(), last.bytes(), TrendChart.human(Duration.between(first.at(), last.at()))));
            }
        }
        growth.sort(Comparator.comparing((GrowthRow r) -> !r.trigger()));
        return new CaptureSection(context.target(), TIME.format(context.capturedAt()), heap(trend), verdict, why,
                lead == null ? "" : lead.description(), lead == null ? "" : lead.culprit(), charts, growth);
    }

    private static String heap(LeakTrend trend) {
        if (trend.liveHeapBytes() == 0) {
            return "not sampled";
        }
        String live = Sizes.bytes(trend.liveHeapBytes()) + " live";
        return trend.heapMaxBytes() == 0 ? live + " (maximum unknown)"
                : String.format(Locale.ROOT, "%s of %s maximum (%.0f %%)", live, Sizes.bytes(trend.heapMaxBytes()),
                        100.0 * trend.liveHeapBytes() / trend.heapMaxBytes());
    }

    /** The lead finding and its words. */
    private record Lead(String type, String culprit, String description) {
    }

    /**
     * The signature keeping the most alive (retained, or shallow when retained sizes were not
     * computed), as the capture's findings rank them; the top suspect when no type was analysed.
     */
    private static Lead lead(LeakAnalysis analysis) {
        TargetGroup bestGroup = null;
        LeakSignature best = null;
        for (TargetGroup g : analysis.groups()) {
            for (LeakSignature s : g.signatures()) {
                if (best == null || weight(s) > weight(best)) {
                    best = s;
                    bestGroup = g;
                }
            }
        }
        if (best != null) {
            return new Lead(bestGroup.name(), ChainSummary.culprit(best.example()), ChainSummary.describe(bestGroup, best));
        }
        if (analysis.suspects() != null && !analysis.suspects().suspects().isEmpty()) {
            LeakSuspect top = analysis.suspects().suspects().get(0);
            return new Lead(top.type(), top.culprit(), top.type() + " held by " + top.culprit() + " retains "
                    + Sizes.bytes(top.retainedBytes()));
        }
        return null;
    }

    private static long weight(LeakSignature s) {
        return Math.max(s.retainedBytes(), s.shallowBytes());
    }
}
