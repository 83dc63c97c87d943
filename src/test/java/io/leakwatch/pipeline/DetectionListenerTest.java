package io.leakwatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.alert.Alert;
import io.leakwatch.alert.AlertService;
import io.leakwatch.alert.AlertState;
import io.leakwatch.alert.StoreFailureListener;
import io.leakwatch.capture.CaptureAnalyzer;
import io.leakwatch.capture.CaptureFailure;
import io.leakwatch.capture.CapturePolicy;
import io.leakwatch.capture.CaptureService;
import io.leakwatch.capture.DumperSource;
import io.leakwatch.capture.HeapDumper;
import io.leakwatch.capture.TargetFilesystem;
import io.leakwatch.history.HistoryRetention;
import io.leakwatch.history.HistoryStore;
import io.leakwatch.model.CaptureContext;
import io.leakwatch.model.ClassHistogram;
import io.leakwatch.model.HistogramEntry;
import io.leakwatch.model.LeakTrend;
import io.leakwatch.model.MarkerSurvival;
import io.leakwatch.model.Sample;
import io.leakwatch.model.TargetIdentity;
import io.leakwatch.model.TrendSeries;
import io.leakwatch.sample.SampleOutcome;
import io.leakwatch.trend.DetectorSettings;
import io.leakwatch.trend.GrowthTracker;
import io.leakwatch.trend.LeakState;
import io.leakwatch.trend.MarkerLeakDetector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Samples of a steadily growing heap through the real tracker, history store, alert service and
 * outbox (capture disabled): the growth alerts once, the history holds the samples, and a tracker
 * re-seeded from it after a "restart" of the daemon knows the leak without alerting it again.
 */
class DetectionListenerTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final TargetIdentity APP = new TargetIdentity(42, T0.toEpochMilli(), "App", "17");
    private static final DetectorSettings FAST = DetectorSettings.defaults().toBuilder()
            .warmUp(Duration.ZERO).minSamples(6).minSpan(Duration.ofSeconds(8)).sawtoothPeriod(Duration.ofSeconds(2))
            .maxAge(Duration.ofMinutes(5)).confirmAfter(2).build();

    @TempDir
    Path dir;

    private final List<Alert> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger refreshes = new AtomicInteger();

    private static Sample sample(int i, List<MarkerSurvival> markers) {
        long session = 1000L + 500L * i;
        return new Sample("app", APP, T0.plusSeconds(i), 50_000_000L + 1_000_000L * i,
                ClassHistogram.of(List.of(new HistogramEntry("com.example.Session", "", session, session * 1024),
                        new HistogramEntry("java.lang.String", "", 9000, 2_000_000))),
                markers, Duration.ZERO, Duration.ZERO);
    }

    private HistoryStore history() {
        return new HistoryStore(dir, HistoryRetention.defaults(), Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC));
    }

    private LeakResponder responder() throws Exception {
        AlertService alerts = RecordingAlerts.into(sent, dir.resolve("outbox"));
        DumperSource none = (target, identity) -> {
            throw new AssertionError("capture is disabled");
        };
        return new LeakResponder(Optional.empty(), none, alerts, PipelineEvents.NONE, path -> "", Duration.ofMinutes(1));
    }

    private DetectionListener listener(GrowthTracker tracker, LeakResponder responder) {
        return new DetectionListener(tracker, history(), refreshes::incrementAndGet,
                target -> new MarkerLeakDetector(Duration.ofSeconds(5)), responder);
    }

    @Test
    void growthAndSurvivorsAlertOnceAndTheHistoryReseedsTheTracker() throws Exception {
        GrowthTracker tracker = new GrowthTracker(FAST);
        try (LeakResponder responder = responder()) {
            DetectionListener listener = listener(tracker, responder);
            for (int i = 0; i < 20; i++) {
                List<MarkerSurvival> markers = i < 10 ? List.of() : List.of(new MarkerSurvival("session", 3, 6_000));
                listener.onRound("app", List.of(new SampleOutcome.Sampled(sample(i, markers))));
            }
            responder.close(Duration.ofSeconds(10));
        }
        assertThat(refreshes).hasValue(20);
        assertThat(tracker.latest("app").orElseThrow().heap().state()).isEqualTo(LeakState.CONFIRMED);
        // the heap and the type confirmed together, without a dump: one alert; the marks came later
        assertOncePerLeakExceptGrowth("heap", "marker:session");
        assertThat(sent.get(0).summary()).endsWith(" — also growing: com.example.Session");
        assertThat(sent).allMatch(a -> a.state() == AlertState.FIRING);
        assertThat(history().load("app").records()).hasSize(20);

        GrowthTracker restarted = new GrowthTracker(FAST);
        DetectionReload.reseed(restarted, history(), List.of("app"));
        assertThat(restarted.latest("app").orElseThrow().heap().state()).isEqualTo(LeakState.CONFIRMED);
        sent.clear();
        try (LeakResponder responder = responder()) {
            listener(restarted, responder).onRound("app", List.of(new SampleOutcome.Sampled(sample(20, List.of()))));
            responder.close(Duration.ofSeconds(10));
        }
        assertThat(sent).as("a leak confirmed before the restart is not confirmed again").isEmpty();
    }

    /**
     * Each leak alerted once, and again only as a growth re-alert: the series here grow so fast that
     * one may have grown by the growth factor between its alert and the last sample, depending on
     * which sample the responder's thread had seen when it reported.
     */
    private void assertOncePerLeakExceptGrowth(String... signatures) {
        assertThat(sent).extracting(Alert::signature).as("each leak alerted").containsOnly(signatures);
        List<String> first = new ArrayList<>();
        for (Alert a : sent) {
            if (first.contains(a.signature())) {
                assertThat(a.summary()).as("a repeat is a growth re-alert").contains("since first alerted)");
            } else {
                first.add(a.signature());
            }
        }
        assertThat(first).containsExactlyInAnyOrder(signatures);
    }

    /** A responder whose dedup, outbox and alerted leaks live under {@code dir/<state>}, as the daemon's do. */
    private LeakResponder persistentResponder(String state) throws Exception {
        Path alerts = dir.resolve(state);
        AlertService service = RecordingAlerts.persistentInto(sent, alerts);
        DumperSource none = (target, identity) -> {
            throw new AssertionError("capture is disabled");
        };
        return new LeakResponder(Optional.empty(), none, service, PipelineEvents.NONE, path -> "", Duration.ofMinutes(1),
                LeakResponder.stateFile(alerts.resolve("leaks.json"), StoreFailureListener.NONE, Clock.systemUTC()));
    }

    @Test
    void afterARestartOnlyLeaksTheDaemonDidNotFinishAreActedUpon() throws Exception {
        List<MarkerSurvival> survivors = List.of(new MarkerSurvival("session", 3, 6_000));
        try (LeakResponder responder = persistentResponder("finished")) {
            DetectionListener listener = listener(new GrowthTracker(FAST), responder);
            for (int i = 0; i < 20; i++) {
                listener.onRound("app", List.of(new SampleOutcome.Sampled(sample(i, i < 10 ? List.of() : survivors))));
            }
            responder.close(Duration.ofSeconds(10));
        }
        assertOncePerLeakExceptGrowth("heap", "marker:session");
        sent.clear();

        GrowthTracker restarted = new GrowthTracker(FAST);
        DetectionReload.reseed(restarted, history(), List.of("app"));
        try (LeakResponder responder = persistentResponder("finished")) {
            listener(restarted, responder).onRound("app", List.of(new SampleOutcome.Sampled(sample(20, survivors))));
            responder.close(Duration.ofSeconds(10));
        }
        assertThat(sent).as("everything was acted upon before the restart").isEmpty();

        // the same history, but the daemon died before it had alerted anything (killed mid-capture)
        GrowthTracker killed = new GrowthTracker(FAST);
        DetectionReload.reseed(killed, history(), List.of("app"));
        try (LeakResponder responder = persistentResponder("killed")) {
            DetectionListener listener = listener(killed, responder);
            listener.onRound("app", List.of(new SampleOutcome.Sampled(sample(21, survivors))));
            listener.onRound("app", List.of(new SampleOutcome.Sampled(sample(22, survivors))));
            responder.close(Duration.ofSeconds(10));
        }
        // all three resumed together, without a dump: one alert
        assertThat(sent).extracting(Alert::signature).as("finished once, at the first sample after the restart")
                .containsExactly("heap");
        assertThat(sent.get(0).summary()).endsWith(" — also growing: com.example.Session, objects marked \"session\"");
    }

    /**
     * The capture of a confirmed leak carries the trend that confirmed it down to the analyser: each
     * trigger's window as the tracker judged it (one point per sample so far, the last the confirming
     * one) and the heap at that sample, through a real capture service (a dumper that writes a file).
     */
    @Test
    void theCaptureIsHandedTheTrendThatConfirmedTheLeak() throws Exception {
        TargetIdentity self = new TargetIdentity(ProcessHandle.current().pid(), T0.toEpochMilli(), "App", "17");
        List<CaptureAnalyzer.Request> analysed = new CopyOnWriteArrayList<>();
        CaptureAnalyzer recording = request -> {
            analysed.add(request);
            return new CaptureAnalyzer.AnalysisResult.Analyzed("recorded", List.of(), List.of());
        };
        Instant capturedAt = T0.plusSeconds(3600);
        CaptureService capture = CaptureService.open(dir.resolve("captures"), CapturePolicy.defaults(), recording,
                new TargetFilesystem(), Clock.fixed(capturedAt, ZoneOffset.UTC));
        DumperSource dumpers = (target, identity) -> new DumperSource.Dumper() {
            @Override
            public HeapDumper.HeapFacts facts() {
                return new HeapDumper.HeapFacts(1000, dir.toString());
            }

            @Override
            public HeapDumper.DumpResult dump(String path, Duration timeout) {
                try {
                    Files.writeString(Path.of(path), "JAVA PROFILE 1.0.2");
                    return new HeapDumper.DumpResult.Written(Duration.ZERO);
                } catch (java.io.IOException e) {
                    return new HeapDumper.DumpResult.Failed(CaptureFailure.IO_ERROR, e.toString());
                }
            }

            @Override
            public void close() {
            }
        };
        GrowthTracker tracker = new GrowthTracker(FAST);
        List<Sample> fed = new ArrayList<>();
        try (LeakResponder responder = new LeakResponder(Optional.of(capture), dumpers, RecordingAlerts.into(sent, dir.resolve("outbox")),
                PipelineEvents.NONE, path -> "", Duration.ofMinutes(1))) {
            DetectionListener listener = listener(tracker, responder);
            // up to the sample that confirms the first leak: the capture is made for that one
            while (tracker.latest("app").map(v -> v.newlyConfirmed().isEmpty()).orElse(true)) {
                Sample s = sample(fed.size(), List.of());
                Sample mine = new Sample(s.target(), self, s.takenAt(), s.liveHeapBytes(), s.histogram(), s.markers(),
                        s.pause(), s.duration(), s.tier(), 256L << 20);
                fed.add(mine);
                listener.onRound("app", List.of(new SampleOutcome.Sampled(mine)));
                assertThat(fed).as("confirmed within 20 samples").hasSizeLessThan(20);
            }
            responder.close(Duration.ofSeconds(10));
        }

        assertThat(analysed).hasSize(1);
        List<String> confirmed = tracker.latest("app").orElseThrow().newlyConfirmed().stream()
                .map(v -> v.heap() ? "heap" : "type:" + v.type()).toList();
        assertThat(confirmed).contains("type:com.example.Session");
        CaptureContext context = analysed.get(0).context();
        assertThat(context.target()).isEqualTo("app");
        assertThat(context.capturedAt()).isEqualTo(capturedAt);
        LeakTrend trend = context.trend();
        Sample confirming = fed.get(fed.size() - 1);
        assertThat(trend.liveHeapBytes()).isEqualTo(confirming.liveHeapBytes());
        assertThat(trend.heapMaxBytes()).isEqualTo(256L << 20);
        assertThat(trend.triggers()).extracting(TrendSeries::key).containsExactlyInAnyOrderElementsOf(confirmed);
        TrendSeries session = trend.series().stream().filter(t -> t.key().equals("type:com.example.Session"))
                .findFirst().orElseThrow();
        assertThat(session.summary()).startsWith("com.example.Session grows ");
        assertThat(session.points()).hasSize(fed.size());
        for (int i = 0; i < fed.size(); i++) {
            HistogramEntry e = fed.get(i).histogram().entries().get(0);
            assertThat(session.points().get(i)).isEqualTo(new TrendSeries.Point(fed.get(i).takenAt(), e.bytes(), e.instances()));
        }
    }
}
