package io.leakwatch.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
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
    void scrapeShowsTheContractedSeriesInBytesPerSecondWithJavaTypeNames() {
        TargetVerdicts v = new TargetVerdicts("shop", ID, T0, false, verdict("heap", LeakState.SUSPECT, 3_600_000),
                List.of(verdict("com.shop.Order", LeakState.CONFIRMED, 1_800_000), verdict("[B", LeakState.OK, -36)));
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new GrowthMetrics(() -> List.of(v), TypeFilter::defaults).bindTo(registry);

        assertThat(leakwatchLines(registry)).isEqualTo(String.join("\n",
                "# HELP leakwatch_heap_growth_bytes_per_second Growth of the live heap after GC (Theil-Sen slope over the detection window)",
                "# TYPE leakwatch_heap_growth_bytes_per_second gauge",
                "leakwatch_heap_growth_bytes_per_second{target=\"shop\"} 1000.0",
                "# HELP leakwatch_leak_state Leak state: 0 ok, 1 suspect, 2 confirmed; type=\"heap\" for the whole heap",
                "# TYPE leakwatch_leak_state gauge",
                "leakwatch_leak_state{target=\"shop\",type=\"byte[]\"} 0.0",
                "leakwatch_leak_state{target=\"shop\",type=\"com.shop.Order\"} 2.0",
                "leakwatch_leak_state{target=\"shop\",type=\"heap\"} 1.0",
                "# HELP leakwatch_type_growth_bytes_per_second Growth of a type's shallow bytes (Theil-Sen slope over the detection window)",
                "# TYPE leakwatch_type_growth_bytes_per_second gauge",
                "leakwatch_type_growth_bytes_per_second{target=\"shop\",type=\"byte[]\"} -0.01",
                "leakwatch_type_growth_bytes_per_second{target=\"shop\",type=\"com.shop.Order\"} 500.0"));
    }

    @Test
    void exportFilterBoundsTheGrowthAndStateFamiliesAndAReloadedFilterApplies() {
        List<GrowthVerdict> types = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            types.add(new GrowthVerdict("com.shop.T" + i, false, LeakState.OK, Transition.NONE, Finding.GROWING,
                    3600, 0.1, 0.001, 0, 1000 + i, 30));
        }
        types.add(new GrowthVerdict("[Ljava.lang.String;", false, LeakState.OK, Transition.NONE, Finding.GROWING,
                3600, 0.1, 0.001, 0, 1, 30));
        types.add(new GrowthVerdict("com.shop.Leak", false, LeakState.CONFIRMED, Transition.NONE, Finding.GROWING,
                3600, 0.1, 0.001, 0, 2, 30));
        TargetVerdicts v = new TargetVerdicts("shop", ID, T0, false, verdict("heap", LeakState.OK, 0), types);
        AtomicReference<TypeFilter> filter = new AtomicReference<>(new TypeFilter(List.of(),
                List.of(Pattern.compile("T1")), 3, Set.of("java.lang.String[]")));
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        GrowthMetrics metrics = new GrowthMetrics(() -> List.of(v), filter::get);
        metrics.bindTo(registry);

        // worst state first, then largest; T1x excluded; the allow list named in Java form
        assertThat(typeLabels(registry, "leakwatch.type.growth"))
                .containsExactlyInAnyOrder("com.shop.Leak", "com.shop.T29", "com.shop.T28", "java.lang.String[]");
        assertThat(typeLabels(registry, "leakwatch.leak.state"))
                .containsExactlyInAnyOrder("heap", "com.shop.Leak", "com.shop.T29", "com.shop.T28", "java.lang.String[]");

        filter.set(new TypeFilter(List.of(Pattern.compile("^\\[L")), List.of(), 5, Set.of()));
        metrics.refresh();
        assertThat(typeLabels(registry, "leakwatch.type.growth")).containsExactly("java.lang.String[]");
    }

    private static List<String> typeLabels(PrometheusMeterRegistry registry, String name) {
        return registry.find(name).gauges().stream().map(g -> g.getId().getTag("type")).toList();
    }

    @Test
    void followsTheTrackerAndDropsSeriesOfForgottenTypesAndTargets() {
        GrowthTracker tracker = new GrowthTracker(DetectorSettings.defaults());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        GrowthMetrics metrics = new GrowthMetrics(tracker::latestAll, TypeFilter::defaults);
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
        assertThat(text).contains("leakwatch_type_growth_bytes_per_second{target=\"shop\",type=\"com.shop.Order\"} " + order.bytesPerHour() / 3600);
        assertThat(text).contains("leakwatch_heap_growth_bytes_per_second{target=\"shop\"} " + latest.heap().bytesPerHour() / 3600);
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
        TargetVerdicts v = new TargetVerdicts("shop", ID, T0, false, verdict("heap", LeakState.OK, 18_000), List.of());
        GrowthMetrics metrics = new GrowthMetrics(() -> {
            if (broken.get()) {
                throw new IllegalStateException("tracker gone");
            }
            return List.of(v);
        }, TypeFilter::defaults);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        metrics.bindTo(registry);
        broken.set(true);
        assertThat(leakwatchLines(registry)).contains("leakwatch_heap_growth_bytes_per_second{target=\"shop\"} 5.0");
    }

    private static Sample sample(int i, long heap, List<HistogramEntry> entries) {
        return new Sample("shop", ID, T0.plus(Duration.ofMinutes(5L * i)), heap, ClassHistogram.of(entries), List.of(),
                Duration.ZERO, Duration.ZERO);
    }
}
