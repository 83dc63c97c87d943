package io.leakwatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.alert.Alert;
import io.leakwatch.alert.AlertState;
import io.leakwatch.capture.DumperSource;
import io.leakwatch.config.ConfigReader;
import io.leakwatch.history.HistoryRetention;
import io.leakwatch.history.HistoryStore;
import io.leakwatch.model.ClassHistogram;
import io.leakwatch.model.HistogramEntry;
import io.leakwatch.model.Sample;
import io.leakwatch.model.TargetIdentity;
import io.leakwatch.sample.SampleOutcome;
import io.leakwatch.trend.DetectorSettings;
import io.leakwatch.trend.GrowthTracker;
import io.leakwatch.trend.LeakState;
import io.leakwatch.trend.MarkerLeakDetector;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload that changes a target's detection settings (read from YAML as the daemon reads them),
 * through the real tracker, history store, responder, alert deduplication and outbox (capture off;
 * the one alert sink appends to a list):
 * the tracker is rebuilt from the history under the new settings, a leak still confirmed does not
 * alert again, and one the new settings no longer confirm resolves.
 */
class DetectionReloadTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final TargetIdentity APP = new TargetIdentity(42, T0.toEpochMilli(), "App", "17");
    private static final String CONFIG = """
            targets:
              - name: app
                pid: 42
                interval: 1s
                detection: {warmUp: 1ms, minSamples: 6, minSpan: 8s, sawtoothPeriod: 2s, maxAge: 5m, confirmAfter: 2%s}
            """;

    @TempDir
    Path dir;

    private final List<Alert> sent = new CopyOnWriteArrayList<>();

    private static Sample sample(int i) {
        long session = 1000L + 500L * i;
        return new Sample("app", APP, T0.plusSeconds(i), 50_000_000L + 1_000_000L * i,
                ClassHistogram.of(List.of(new HistogramEntry("com.example.Session", "", session, session * 1024),
                        new HistogramEntry("java.lang.String", "", 9000, 2_000_000))),
                List.of(), Duration.ZERO, Duration.ZERO);
    }

    private static DetectorSettings detection(String extraDetection) throws Exception {
        return new ConfigReader().read("lw.yml", CONFIG.formatted(extraDetection)).targets().get(0).detection();
    }

    @Test
    void changedDetectionRebuildsFromHistoryWithoutRepeatingAlertsAndResolvesWhatNoLongerHolds() throws Exception {
        AtomicReference<DetectorSettings> settings = new AtomicReference<>(detection(""));
        GrowthTracker tracker = new GrowthTracker(name -> settings.get());
        HistoryStore history = new HistoryStore(dir, HistoryRetention.defaults(), Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC));
        DumperSource none = (target, identity) -> {
            throw new AssertionError("capture is disabled");
        };
        LeakResponder responder = new LeakResponder(Optional.empty(), none, RecordingAlerts.into(sent, dir.resolve("outbox")), PipelineEvents.NONE, path -> "", Duration.ofMinutes(1));
        MarkerLeakDetector markers = new MarkerLeakDetector(Duration.ofMinutes(1));
        DetectionListener detection = new DetectionListener(tracker, history, () -> { }, name -> markers, responder);
        DetectionReload reload = new DetectionReload(tracker, history, () -> { }, responder);
        try (responder) {
            int i = 0;
            for (; i < 20; i++) {
                round(reload, detection, i);
            }
            // confirmed together without a dump: one alert, the type listed as also growing
            awaitAlerts(1);
            assertThat(sent).extracting(Alert::signature).containsExactly("heap");
            assertThat(sent.get(0).summary()).endsWith(" — also growing: com.example.Session");
            assertThat(tracker.latest("app").orElseThrow().heap().samples()).as("window after warm-up").isEqualTo(19);

            // Still confirmed under other settings: rebuilt (the window now holds at most 12 samples), no new alert.
            settings.set(detection(", maxSamples: 12"));
            reload.reseedBeforeNextRound("app");
            round(reload, detection, i++);
            assertThat(tracker.latest("app").orElseThrow().heap().samples()).as("window under the new settings").isEqualTo(12);
            assertThat(tracker.latest("app").orElseThrow().heap().state()).isEqualTo(LeakState.CONFIRMED);
            Thread.sleep(500);
            assertThat(sent).as("nothing alerted again").hasSize(1);

            // Growth below the new thresholds: no longer confirmed, the alert resolves.
            settings.set(detection(", maxSamples: 12, minHeapBytesPerHour: 1000GiB, minTypeBytesPerHour: 1000GiB"));
            reload.reseedBeforeNextRound("app");
            round(reload, detection, i++);
            assertThat(tracker.latest("app").orElseThrow().heap().state()).isNotEqualTo(LeakState.CONFIRMED);
            awaitAlerts(2);
            assertThat(sent.get(1).state()).isEqualTo(AlertState.RESOLVED);
            assertThat(sent.get(1).signature()).isEqualTo("heap");

            // A target removed: forgotten by the tracker.
            reload.forget("app");
            assertThat(tracker.latest("app")).isEmpty();
        }
    }

    private static void round(DetectionReload reload, DetectionListener detection, int i) {
        List<SampleOutcome> outcomes = List.of(new SampleOutcome.Sampled(sample(i)));
        reload.onRound("app", outcomes);
        detection.onRound("app", outcomes);
    }

    private void awaitAlerts(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (sent.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(sent).hasSizeGreaterThanOrEqualTo(count);
    }
}
