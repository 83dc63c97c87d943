package io.leakwatch.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.model.ClassHistogram;
import io.leakwatch.model.HistogramEntry;
import io.leakwatch.model.MarkerSurvival;
import io.leakwatch.model.Sample;
import io.leakwatch.model.SampleTier;
import io.leakwatch.model.TargetIdentity;
import io.leakwatch.sample.FailureKind;
import io.leakwatch.sample.SampleListener;
import io.leakwatch.sample.SampleOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The exporters' series as the Prometheus registry renders them, fed with sample records. */
class ExportMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final TargetHealthMetrics health = bound(new TargetHealthMetrics(), registry);
    private final List<SampleListener> binders = List.of(health, bound(new HeapMetrics(), registry),
            bound(new TypeMetrics(new TypeFilter(List.of(), List.of(Pattern.compile("^\\[")), 2, Set.of("com.x.Rare"))),
                    registry),
            bound(new MarkerMetrics(), registry));

    private static <T extends MeterBinder> T bound(T binder, MeterRegistry registry) {
        binder.bindTo(registry);
        return binder;
    }

    private static Sample sample(long pid, long heap, List<HistogramEntry> types, List<MarkerSurvival> markers) {
        return new Sample("api", new TargetIdentity(pid, 1000, "com.x.Main", "17"), Instant.EPOCH, heap,
                ClassHistogram.of(types), markers, Duration.ofMillis(20), Duration.ofMillis(150));
    }

    private void round(SampleOutcome... outcomes) {
        binders.forEach(b -> b.onRound("api", List.of(outcomes)));
    }

    private PrometheusText scrape() {
        return PrometheusText.parse(registry.scrape());
    }

    @Test
    void sampleBecomesTheAgreedSeries() {
        health.register("api");
        assertThat(scrape().value("leakwatch_up", Map.of("target", "api"))).contains(0.0);
        round(new SampleOutcome.Sampled(sample(42, 5_000_000, List.of(
                new HistogramEntry("[B", "", 100, 9000),
                new HistogramEntry("com.x.Big", "", 50, 8000),
                new HistogramEntry("com.x.Mid", "", 40, 4000),
                new HistogramEntry("com.x.Small", "", 3, 48),
                new HistogramEntry("com.x.Rare", "", 1, 16)),
                List.of(new MarkerSurvival("request", 3, 90_000)))));
        health.onMisfire("api", 2);
        PrometheusText m = scrape();
        Map<String, String> api = Map.of("target", "api");
        Map<String, String> pid = Map.of("target", "api", "pid", "42");
        assertThat(m.value("leakwatch_up", api)).contains(1.0);
        assertThat(m.value("leakwatch_samples_total", Map.of("target", "api", "outcome", "ok"))).contains(1.0);
        assertThat(m.value("leakwatch_sample_misfires_total", api)).contains(2.0);
        assertThat(m.value("leakwatch_live_heap_bytes", pid)).contains(5_000_000.0);
        assertThat(m.value("leakwatch_sample_duration_seconds_count", api)).contains(1.0);
        assertThat(m.value("leakwatch_sample_duration_seconds_sum", api)).contains(0.15);
        assertThat(m.value("leakwatch_target_pause_seconds_sum", api)).contains(0.02);
        assertThat(m.value("leakwatch_marker_survivors", Map.of("target", "api", "label", "request"))).contains(3.0);
        assertThat(m.value("leakwatch_marker_oldest_age_seconds", Map.of("target", "api", "label", "request"))).contains(90.0);
        // top 2 by bytes without arrays, plus the allow list; the rest is not exported
        assertThat(m.all("leakwatch_type_instances", pid)).extracting(s -> s.labels().get("type"))
                .containsExactlyInAnyOrder("com.x.Big", "com.x.Mid", "com.x.Rare");
        assertThat(m.value("leakwatch_type_bytes", Map.of("type", "com.x.Big"))).contains(8000.0);
        assertThat(m.families().values()).allSatisfy(f -> assertThat(f.help()).as(f.name()).isNotBlank());
        assertThat(m.family("leakwatch_samples_total").orElseThrow().type()).isEqualTo("counter");
        assertThat(m.family("leakwatch_live_heap_bytes").orElseThrow().type()).isEqualTo("gauge");
    }

    @Test
    void typeSeriesFollowNewValuesAndStayForAJvmSampledWithoutAHistogram() {
        round(new SampleOutcome.Sampled(sample(42, 1000, List.of(new HistogramEntry("com.x.Big", "", 50, 8000)), List.of())),
                new SampleOutcome.Sampled(sample(43, 1000, List.of(new HistogramEntry("com.x.Big", "", 5, 800),
                        new HistogramEntry("com.x.Mid", "", 4, 400)), List.of())));
        Sample between = new Sample("api", new TargetIdentity(42, 1000, "com.x.Main", "17"), Instant.EPOCH, 2000,
                ClassHistogram.of(List.of()), List.of(), Duration.ZERO, Duration.ofMillis(5), SampleTier.GC_REPORTED, 0);
        round(new SampleOutcome.Sampled(between),
                new SampleOutcome.Sampled(sample(43, 1000, List.of(new HistogramEntry("com.x.Big", "", 9, 999)), List.of())));

        PrometheusText m = scrape();
        assertThat(m.value("leakwatch_type_bytes", Map.of("pid", "42", "type", "com.x.Big"))).contains(8000.0);
        assertThat(m.value("leakwatch_type_bytes", Map.of("pid", "43", "type", "com.x.Big"))).contains(999.0);
        assertThat(m.value("leakwatch_type_instances", Map.of("pid", "43", "type", "com.x.Big"))).contains(9.0);
        assertThat(m.all("leakwatch_type_bytes", Map.of("pid", "43"))).hasSize(1);
        assertThat(m.value("leakwatch_live_heap_bytes", Map.of("pid", "42"))).contains(2000.0);
    }

    @Test
    void aRegisteredTargetHasEveryCounterAtZeroBeforeItsFirstRound() {
        health.register("api");
        PrometheusText m = scrape();
        for (FailureKind kind : FailureKind.values()) {
            assertThat(m.value("leakwatch_samples_total", Map.of("target", "api", "outcome", kind.label())))
                    .as(kind.label()).contains(0.0);
        }
        assertThat(m.all("leakwatch_attach_failures_total", Map.of("target", "api")))
                .extracting(s -> s.labels().get("reason"))
                .containsExactlyInAnyOrder("attach_refused", "connection_failed", "timeout")
                .hasSize(3);
        assertThat(m.value("leakwatch_sample_misfires_total", Map.of("target", "api"))).contains(0.0);
    }

    @Test
    void typeLabelsAreJavaNamesAndPatternsMatchEitherForm() {
        PrometheusMeterRegistry own = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        TypeMetrics types = bound(new TypeMetrics(new TypeFilter(List.of(), List.of(Pattern.compile("^char\\[\\]$")), 1,
                Set.of("java.lang.String[]", "[I"))), own);
        types.onRound("api", List.of(new SampleOutcome.Sampled(sample(7, 1, List.of(
                new HistogramEntry("[B", "", 10, 9000),
                new HistogramEntry("[C", "", 10, 8000),
                new HistogramEntry("[I", "", 1, 16),
                new HistogramEntry("[Ljava.lang.String;", "", 1, 24)), List.of()))));
        assertThat(PrometheusText.parse(own.scrape()).all("leakwatch_type_bytes", Map.of()))
                .extracting(s -> s.labels().get("type"))
                .containsExactlyInAnyOrder("byte[]", "int[]", "java.lang.String[]");
    }

    @Test
    void helpAndTypeLinesMatchTheGoldenFile() throws Exception {
        round(new SampleOutcome.Failed("api", FailureKind.ATTACH_REFUSED, "refused", Duration.ZERO));
        round(new SampleOutcome.Sampled(sample(42, 1, List.of(new HistogramEntry("com.x.Big", "", 1, 8)),
                List.of(new MarkerSurvival("m", 1, 1)))));
        health.onMisfire("api", 1);
        List<String> metadata = registry.scrape().lines().filter(l -> l.startsWith("# ")).sorted().toList();
        String golden;
        try (var in = getClass().getResourceAsStream("/golden/metrics-metadata.txt")) {
            golden = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(String.join("\n", metadata) + "\n").isEqualTo(golden);
    }

    @Test
    void seriesOfJvmsThatWentAwayAreRemoved() {
        round(new SampleOutcome.Sampled(sample(42, 1, List.of(new HistogramEntry("com.x.Big", "", 1, 8)),
                        List.of(new MarkerSurvival("m", 1, 1)))),
                new SampleOutcome.Sampled(sample(43, 2, List.of(new HistogramEntry("com.x.Big", "", 1, 8)), List.of())));
        assertThat(scrape().all("leakwatch_live_heap_bytes", Map.of())).hasSize(2);
        round(new SampleOutcome.Sampled(sample(43, 3, List.of(), List.of())));
        PrometheusText m = scrape();
        assertThat(m.all("leakwatch_live_heap_bytes", Map.of())).extracting(s -> s.labels().get("pid")).containsExactly("43");
        assertThat(m.all("leakwatch_type_instances", Map.of())).isEmpty();
        assertThat(m.all("leakwatch_marker_survivors", Map.of())).isEmpty();
        assertThat(m.value("leakwatch_up", Map.of("target", "api"))).contains(1.0);
    }

    @Test
    void failureCountsItsReasonAndDropsUp() {
        round(new SampleOutcome.Sampled(sample(42, 1, List.of(), List.of())));
        round(new SampleOutcome.Failed("api", FailureKind.TIMEOUT, "hung", Duration.ofSeconds(3)));
        round(new SampleOutcome.Failed("api", FailureKind.NOT_FOUND, "gone", Duration.ofMillis(2)));
        PrometheusText m = scrape();
        assertThat(m.value("leakwatch_up", Map.of("target", "api"))).contains(0.0);
        assertThat(m.value("leakwatch_samples_total", Map.of("outcome", "timeout"))).contains(1.0);
        assertThat(m.value("leakwatch_samples_total", Map.of("outcome", "not_found"))).contains(1.0);
        assertThat(m.value("leakwatch_attach_failures_total", Map.of("target", "api", "reason", "timeout"))).contains(1.0);
        assertThat(m.all("leakwatch_attach_failures_total", Map.of("reason", "not_found"))).isEmpty();
        assertThat(m.all("leakwatch_live_heap_bytes", Map.of())).isEmpty();
        assertThat(m.value("leakwatch_sample_duration_seconds_count", Map.of("target", "api"))).contains(3.0);
    }

    @Test
    void forgottenTargetLosesEverySeriesAndComesBackWhenSampledAgain() {
        TargetHealthMetrics h = health;
        HeapMetrics heap = (HeapMetrics) binders.get(1);
        TypeMetrics types = (TypeMetrics) binders.get(2);
        MarkerMetrics markers = (MarkerMetrics) binders.get(3);
        h.register("api");
        round(new SampleOutcome.Sampled(sample(42, 1, List.of(new HistogramEntry("com.x.Big", "", 1, 8)),
                List.of(new MarkerSurvival("m", 1, 1)))));
        round(new SampleOutcome.Failed("api", FailureKind.TIMEOUT, "hung", Duration.ofSeconds(1)));
        round(new SampleOutcome.Sampled(sample(42, 1, List.of(new HistogramEntry("com.x.Big", "", 1, 8)),
                List.of(new MarkerSurvival("m", 1, 1)))));
        h.onMisfire("api", 1);
        assertThat(seriesOf(scrape(), "api")).hasSizeGreaterThan(10);

        h.forget("api");
        heap.forget("api");
        types.forget("api");
        markers.forget("api");
        assertThat(seriesOf(scrape(), "api")).isEmpty();

        round(new SampleOutcome.Sampled(sample(43, 7, List.of(new HistogramEntry("com.x.Big", "", 1, 8)), List.of())));
        PrometheusText m = scrape();
        assertThat(m.value("leakwatch_up", Map.of("target", "api"))).contains(1.0);
        assertThat(m.value("leakwatch_samples_total", Map.of("target", "api", "outcome", "ok"))).as("counted afresh").contains(1.0);
        assertThat(m.value("leakwatch_live_heap_bytes", Map.of("target", "api", "pid", "43"))).contains(7.0);
        assertThat(m.value("leakwatch_type_instances", Map.of("target", "api", "type", "com.x.Big"))).contains(1.0);
    }

    @Test
    void typeSeriesFollowAFilterChangedMeanwhile() {
        java.util.concurrent.atomic.AtomicReference<TypeFilter> filter =
                new java.util.concurrent.atomic.AtomicReference<>(new TypeFilter(List.of(), List.of(), 1, Set.of()));
        TypeMetrics types = bound(new TypeMetrics(filter::get), registry);
        List<HistogramEntry> histogram = List.of(new HistogramEntry("com.x.Big", "", 1, 800),
                new HistogramEntry("com.x.Small", "", 1, 8));
        types.onRound("api", List.of(new SampleOutcome.Sampled(sample(42, 1, histogram, List.of()))));
        assertThat(scrape().all("leakwatch_type_bytes", Map.of())).extracting(s -> s.labels().get("type"))
                .containsExactly("com.x.Big");
        filter.set(new TypeFilter(List.of(), List.of(), 0, Set.of("com.x.Small")));
        types.onRound("api", List.of(new SampleOutcome.Sampled(sample(42, 1, histogram, List.of()))));
        assertThat(scrape().all("leakwatch_type_bytes", Map.of())).extracting(s -> s.labels().get("type"))
                .containsExactly("com.x.Small");
    }

    private static List<PrometheusText.Series> seriesOf(PrometheusText m, String target) {
        return m.families().values().stream().flatMap(f -> f.series().stream())
                .filter(s -> target.equals(s.labels().get("target"))).toList();
    }

    @Test
    void typeFilterKeepsTopNAndAllowList() {
        TypeFilter f = new TypeFilter(List.of(Pattern.compile("^com\\.")), List.of(Pattern.compile("Lambda")), 1,
                Set.of("java.lang.String"));
        List<HistogramEntry> chosen = f.select(ClassHistogram.of(List.of(
                new HistogramEntry("java.lang.String", "", 10, 100),
                new HistogramEntry("com.x.Lambda$1", "", 10, 5000),
                new HistogramEntry("com.x.A", "", 10, 300),
                new HistogramEntry("com.x.B", "", 10, 200))));
        assertThat(chosen).extracting(HistogramEntry::className).containsExactly("com.x.A", "java.lang.String");
    }

    @Test
    void anEventBeforeBindToNamesTheMissingBinding() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new HeapMetrics().onRound("api", List.of(
                        new SampleOutcome.Sampled(sample(1, 1, List.of(), List.of())))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("HeapMetrics").hasMessageContaining("bindTo");
    }
}
