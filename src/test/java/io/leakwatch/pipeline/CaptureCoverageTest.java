package io.leakwatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.capture.CaptureAnalyzer.LeakFinding;
import io.leakwatch.model.LeakTrend;
import io.leakwatch.model.SeriesKey;
import io.leakwatch.model.TargetIdentity;
import io.leakwatch.model.TrendSeries;
import io.leakwatch.model.TrendSeries.Point;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaptureCoverageTest {

    private static final Instant T0 = Instant.parse("2026-12-06T08:00:00Z");
    private static final long MIB = 1024 * 1024;

    private static TrendSeries series(SeriesKey key, boolean trigger, long fromBytes, long toBytes, int seconds) {
        return new TrendSeries(key.text(), trigger, key.text() + " grows",
                List.of(new Point(T0, fromBytes, -1), new Point(T0.plusSeconds(seconds / 2), (fromBytes + toBytes) / 2, -1),
                        new Point(T0.plusSeconds(seconds), toBytes, -1)));
    }

    private static LeakFinding finding(long retained, double analyzedShare) {
        return new LeakFinding("sig", "54 × java.util.HashMap held by Registry.descriptorsByClass", "chain", retained, 54,
                new SeriesKey.Type("java.util.HashMap"), analyzedShare);
    }

    @Test
    void aFindingRetainingUnderATenthOfTheHeapGrowthExplainsLittle() {
        LeakTrend trend = new LeakTrend(30 * MIB, 0, List.of(series(SeriesKey.HEAP, true, 20 * MIB, 26 * MIB, 12),
                series(new SeriesKey.Type("java.util.HashMap"), false, MIB, MIB + 200_000, 12)));

        CaptureCoverage little = CaptureCoverage.of(trend, List.of(finding(186_000, 1))).orElseThrow();
        assertThat(little.grownBytes()).isEqualTo(6 * MIB);
        assertThat(little.window()).isEqualTo(Duration.ofSeconds(12));
        assertThat(little.explainsLittle()).isTrue();

        assertThat(CaptureCoverage.of(trend, List.of(finding(186_000, 1), finding(MIB, 1))).orElseThrow()
                .explainsLittle()).as("the largest finding counts").isFalse();
    }

    @Test
    void withoutAHeapTriggerTheLargestGrowingTriggerTypeCounts() {
        LeakTrend trend = new LeakTrend(30 * MIB, 0, List.of(
                series(new SeriesKey.Type("[B"), true, MIB, 3 * MIB, 60),
                series(new SeriesKey.Type("java.lang.String"), true, MIB, MIB + 10_000, 60)));

        CaptureCoverage coverage = CaptureCoverage.of(trend, List.of(finding(300_000, 1))).orElseThrow();
        assertThat(coverage.grownBytes()).isEqualTo(2 * MIB);
        assertThat(coverage.explainsLittle()).isFalse();
    }

    @Test
    void theHeapCountsWhenAMinorTypeTriggered() {
        // a small type confirmed first while the heap grew by 6 MiB: a 150 KiB holder explains little
        LeakTrend trend = new LeakTrend(30 * MIB, 0, List.of(
                series(new SeriesKey.Type("java.lang.Object"), true, MIB, MIB + 6_000, 12),
                series(SeriesKey.HEAP, false, 20 * MIB, 26 * MIB, 12)));
        CaptureCoverage coverage = CaptureCoverage.of(trend, List.of(finding(150_000, 1))).orElseThrow();
        assertThat(coverage.grownBytes()).isEqualTo(6 * MIB);
        assertThat(coverage.explainsLittle()).isTrue();
        // a type that is not a trigger and not the heap does not count
        LeakTrend other = new LeakTrend(30 * MIB, 0, List.of(
                series(new SeriesKey.Type("java.lang.Object"), true, MIB, MIB + 6_000, 12),
                series(new SeriesKey.Type("[B"), false, 20 * MIB, 26 * MIB, 12)));
        assertThat(CaptureCoverage.of(other, List.of(finding(150_000, 1))).orElseThrow().explainsLittle()).isFalse();
    }

    @Test
    void aLargerFindingThatDoesNotAlertExplainsNothing() {
        // a minor type confirmed first: its small holder alerts, the larger table of a type that only
        // grew alongside does not, so the capture explains little of the heap's 6 MiB
        LeakTrend trend = new LeakTrend(30 * MIB, 0, List.of(
                series(new SeriesKey.Type("java.lang.Object"), true, MIB, MIB + 6_000, 12),
                series(SeriesKey.HEAP, false, 20 * MIB, 26 * MIB, 12)));
        ConfirmedLeak leak = new ConfirmedLeak("tomcat", new TargetIdentity(7, 1000, "Bootstrap", "17"),
                List.of(LeakTrigger.type("java.lang.Object", 1.8e6, 0.1, 12)), List.of("java.lang.Object", "[B"), false, trend);
        List<LeakFinding> findings = List.of(
                new LeakFinding("table", "5 × byte[] held by Refresher.TABLE", "chain", 5 * MIB, 5, new SeriesKey.Type("[B"), 1),
                new LeakFinding("timer", "1 × java.lang.Object held by a timer", "chain", 150_000, 1,
                        new SeriesKey.Type("java.lang.Object"), 1));

        List<LeakFinding> alerted = new Incidents().alerting(leak, findings).stream().map(g -> g.get(0)).toList();
        assertThat(alerted).extracting(LeakFinding::signature).containsExactly("timer");
        assertThat(CaptureCoverage.of(trend, alerted).orElseThrow().explainsLittle()).isTrue();
    }

    @Test
    void aFindingOverPartOfItsTypeCountsForTheWhole() {
        LeakTrend heap = new LeakTrend(300 * MIB, 0, List.of(series(SeriesKey.HEAP, true, 200 * MIB, 260 * MIB, 120)));

        CaptureCoverage sampled = CaptureCoverage.of(heap, List.of(finding(2 * MIB, 0.01))).orElseThrow();
        assertThat(sampled.largestBytes()).isEqualTo(200 * MIB);
        assertThat(sampled.explainsLittle()).isFalse();
        assertThat(CaptureCoverage.of(heap, List.of(finding(2 * MIB, 1))).orElseThrow().explainsLittle()).isTrue();
    }

    @Test
    void noVerdictWithoutAGrowingTriggerWindow() {
        assertThat(CaptureCoverage.of(LeakTrend.NONE, List.of(finding(1, 1)))).as("marked survivors only").isEmpty();
        LeakTrend shrinking = new LeakTrend(30 * MIB, 0, List.of(series(SeriesKey.HEAP, true, 26 * MIB, 20 * MIB, 12)));
        assertThat(CaptureCoverage.of(shrinking, List.of(finding(1, 1)))).isEmpty();
    }
}
