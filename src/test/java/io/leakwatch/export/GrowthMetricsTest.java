package io.leakwatch.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import io.leakwatch.model.ClassHistogram;
import io.leakwatch.model.HistogramEntry;
import io.leakwatch.model.Sample;
import io.leakwatch.model.TargetIdentity;
import io.leakwatch.trend.DetectorSettings;
import io.leakwatch.trend.Finding;
import io.leakwatch.trend.GrowthTracker;
import io.leakwatch.trend.GrowthVerdict;
import io.leakwatch.trend.LeakState;
import io.leakwatch.trend.TargetVerdicts;
import io.leakwatch.trend.Transition;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class GrowthMetricsTest {

    private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");
    private static final TargetIdentity ID = new TargetIdentity(99, T0.minus(Duration.ofHours(1)).toEpochMilli(), "shop.Main", "17");

    private static String leakwatchLines(PrometheusMeterRegistry registry) {
        return registry.scrape().lines().filter(l -> l.contains("leakwatch_")).collect(Collectors.joining("\n"));
    }

    private static GrowthVerdict verdict(String type, LeakState state, double perHour) {
        return new GrowthVerdict(type, GrowthVerdict.HEAP.equals(type), state, Transition.NONE, Finding.GROWING,
                perHour, 0.1, 0.001, 0, 1000, 30);
    }

    @Test
    void scrapeShowsTheContractedSeries() {
        TargetVerdicts v = new TargetVerdicts("shop", ID, T0, false, verdict("heap", LeakState.SUSPECT, 1_048_576),
                List.of(verdict("com.shop.Order", LeakState.CONFIRMED, 524_288.5), verdict("java.lang.String", LeakState.OK, -12)));
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new GrowthMetrics(() -> List.of(v)).bindTo(registry);

        assertThat(leakwatchLines(registry)).isEqualTo(String.join("\n",
                "# HELP leakwatch_heap_growth_bytes_per_hour Growth of the live heap after GC (Theil-Sen slope over the detection window)",
                "# TYPE leakwatch_heap_growth_bytes_per_hour gauge",
                "leakwatch_heap_growth_bytes_per_hour{target=\"shop\"} 1048576.0",
                "# HELP leakwatch_leak_state Leak state: 0 ok, 1 suspect, 2 confirmed; type=\"heap\" for the whole heap",
                "# TYPE leakwatch_leak_state gauge",
                "leakwatch_leak_state{target=\"shop\",type=\"com.shop.Order\"} 2.0",
                "leakwatch_leak_state{target=\"shop\",type=\"heap\"} 1.0",
                "leakwatch_leak_state{target=\"shop\",type=\"java.lang.String\"} 0.0",
                "# HELP leakwatch_type_growth_bytes_per_hour Growth of a type's shallow bytes (Theil-Sen slope over the detection window)",
                "# TYPE leakwatch_type_growth_bytes_per_hour gauge",
                "leakwatch_type_growth_bytes_per_hour{target=\"shop\",type=\"com.shop.Order\"} 524288.5",
                "leakwatch_type_growth_bytes_per_hour{target=\"shop\",type=\"java.lang.String\"} -12.0"));
    }

    @Test
    void followsTheTrackerAndDropsSeriesOfForgottenTypesAndTargets() {
        GrowthTracker tracker = new GrowthTracker(DetectorSettings.defaults());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        GrowthMetrics metrics = new GrowthMetrics(tracker::latestAll);
        metrics.bindTo(registry);
        assertThat(leakwatchLines(registry)).isEmpty();

        int i = 0;
        for (; i < 60; i++) {
            long orders = 100_000 + 1000L * i;
            List<HistogramEntry> entries = new ArrayList<>(List.of(
                    new HistogramEntry("com.shop.Order", "", orders, orders * 48),
                    new HistogramEntry("com.shop.Batch", "", 10, 4096)));
            tracker.update(sample(i, 300_000_000L + orders * 48, entries));
            metrics.refresh();
        }
        TargetVerdicts latest = tracker.latest("shop").orElseThrow();
        GrowthVerdict order = latest.types().stream().filter(v -> v.type().equals("com.shop.Order")).findFirst().orElseThrow();
        assertThat(order.state()).isEqualTo(LeakState.CONFIRMED);
        String text = leakwatchLines(registry);
        assertThat(text).contains("leakwatch_leak_state{target=\"shop\",type=\"com.shop.Order\"} 2.0");
        assertThat(text).contains("leakwatch_type_growth_bytes_per_hour{target=\"shop\",type=\"com.shop.Order\"} " + order.bytesPerHour());
        assertThat(text).contains("leakwatch_heap_growth_bytes_per_hour{target=\"shop\"} " + latest.heap().bytesPerHour());
        assertThat(text).contains("type=\"com.shop.Batch\"");

        // Batch leaves the histogram; after minSamples the tracker forgets it and so do the metrics.
        for (int stop = i + DetectorSettings.defaults().minSamples() + 1; i < stop; i++) {
            long orders = 100_000 + 1000L * i;
            tracker.update(sample(i, 300_000_000L + orders * 48, List.of(new HistogramEntry("com.shop.Order", "", orders, orders * 48))));
            metrics.refresh();
        }
        text = leakwatchLines(registry);
        assertThat(text).doesNotContain("com.shop.Batch").contains("com.shop.Order");
        assertThat(registry.find("leakwatch.type.growth").tag("type", "com.shop.Batch").gauge()).isNull();

        tracker.forget("shop");
        metrics.refresh();
        assertThat(leakwatchLines(registry)).isEmpty();
        assertThat(registry.getMeters()).isEmpty();
    }

    @Test
    void scrapeNeverCallsTheTrackerSoAFailingSourceCannotBreakIt() {
        AtomicBoolean broken = new AtomicBoolean();
        TargetVerdicts v = new TargetVerdicts("shop", ID, T0, false, verdict("heap", LeakState.OK, 5), List.of());
        GrowthMetrics metrics = new GrowthMetrics(() -> {
            if (broken.get()) {
                throw new IllegalStateException("tracker gone");
            }
            return List.of(v);
        });
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        metrics.bindTo(registry);
        broken.set(true);
        assertThat(leakwatchLines(registry)).contains("leakwatch_heap_growth_bytes_per_hour{target=\"shop\"} 5.0");
    }

    private static Sample sample(int i, long heap, List<HistogramEntry> entries) {
        return new Sample("shop", ID, T0.plus(Duration.ofMinutes(5L * i)), heap, ClassHistogram.of(entries), List.of(),
                Duration.ZERO, Duration.ZERO);
    }
}
