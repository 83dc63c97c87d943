package io.leakwatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.alert.Alert;
import io.leakwatch.alert.AlertService;
import io.leakwatch.alert.AlertState;
import io.leakwatch.alert.StoreFailureListener;
import io.leakwatch.capture.DumperSource;
import io.leakwatch.model.ClassHistogram;
import io.leakwatch.model.HistogramEntry;
import io.leakwatch.model.LeakTrend;
import io.leakwatch.model.Sample;
import io.leakwatch.model.SeriesKey;
import io.leakwatch.model.TargetIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerting without capture (capture disabled): one alert per confirmed series, a resolve when it
 * clears, all resolved when the process restarts. The alerts go through the real outbox; the sink
 * records what it is given.
 */
class LeakResponderTest {

    private static final TargetIdentity APP = new TargetIdentity(42, 1000, "App", "17");

    private final List<Alert> sent = new CopyOnWriteArrayList<>();
    private final List<String> deliveries = Collections.synchronizedList(new ArrayList<>());

    @TempDir
    Path dir;

    private LeakResponder responder() throws Exception {
        return responder(Duration.ofMinutes(1));
    }

    private LeakResponder responder(Duration deliveryPeriod) throws Exception {
        AlertService alerts = RecordingAlerts.into(sent, dir.resolve("outbox"));
        PipelineEvents events = new PipelineEvents() {
            @Override
            public void captured(String target, String outcome) {
                deliveries.add("capture " + outcome);
            }

            @Override
            public void delivered(String sink, String outcome) {
                deliveries.add(sink + " " + outcome);
            }
        };
        DumperSource none = (target, identity) -> {
            throw new AssertionError("capture is disabled");
        };
        return new LeakResponder(Optional.empty(), none, alerts, events, path -> "", deliveryPeriod);
    }

    private static ConfirmedLeak leak(LeakTrigger... triggers) {
        return new ConfirmedLeak("app", APP, List.of(triggers), List.of("com.example.Session"), false, LeakTrend.NONE);
    }

    @Test
    void seriesConfirmedTogetherWithoutADumpAreOneAlertThatResolvesOnceAllClear() throws Exception {
        try (LeakResponder responder = responder()) {
            responder.confirmed(leak(LeakTrigger.heap(2e6, 0.3, 20), LeakTrigger.type("com.example.Session", 1e6, 0.5, 20)));
            responder.cleared("app", List.of(SeriesKey.HEAP));
            responder.confirmed(leak(LeakTrigger.marker("session", 12, 90_000)));
            responder.cleared("app", List.of(new SeriesKey.Type("com.example.Session")));
            responder.clearedAll("app");
            responder.close(Duration.ofSeconds(10));
        }
        assertThat(sent).extracting(a -> a.signature() + " " + a.state())
                .as("the growth is one alert, resolved when its last series clears; the marks confirmed later are another")
                .containsExactly("heap " + AlertState.FIRING, "marker:session " + AlertState.FIRING,
                        "heap " + AlertState.RESOLVED, "marker:session " + AlertState.RESOLVED);
        assertThat(sent.get(0).summary()).startsWith("app: live heap grows ")
                .endsWith(" — also growing: com.example.Session");
        assertThat(sent.get(0).labels()).containsEntry("kind", "heap_growth");
        assertThat(deliveries).containsOnly("recorder delivered").hasSize(4);
    }

    private static Sample sessions(long bytes) {
        return new Sample("app", APP, Instant.now(), 50_000_000L + bytes,
                ClassHistogram.of(List.of(new HistogramEntry("com.example.Session", "", bytes / 64, bytes))),
                List.of(), Duration.ZERO, Duration.ZERO);
    }

    /**
     * Issue 17: a leak that grew 15× raised no new alert, because a notice's magnitude (here the
     * growth rate, which stays the same for a steady leak) was fixed when it was made and nothing
     * reported the leak again while it stayed confirmed.
     */
    @Test
    void aLeakThatKeepsGrowingReAlertsOnceItGrewByTheGrowthFactor() throws Exception {
        try (LeakResponder responder = responder(Duration.ofMillis(50))) {
            responder.observed(sessions(1_000_000));
            responder.confirmed(leak(LeakTrigger.type("com.example.Session", 1e6, 0.5, 20)));
            awaitSent(1);
            responder.observed(sessions(1_400_000));
            Thread.sleep(500);
            assertThat(sent).as("grown 1.4×, below the growth factor 1.5").hasSize(1);
            responder.observed(sessions(15_000_000));
            awaitSent(2);
            Thread.sleep(500);
            responder.close(Duration.ofSeconds(10));
        }
        assertThat(sent).hasSize(2).extracting(Alert::signature).containsOnly("type:com.example.Session");
        Alert again = sent.get(1);
        assertThat(again.state()).isEqualTo(AlertState.FIRING);
        assertThat(again.since()).isEqualTo(sent.get(0).since());
        assertThat(again.summary()).startsWith(sent.get(0).summary()).endsWith("(grown 15.0× since first alerted)");
    }

    private void awaitSent(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (sent.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(sent).hasSizeGreaterThanOrEqualTo(n);
    }

    @Test
    void aSeriesConfirmedAgainWhileFiringDoesNotRepeatTheAlert() throws Exception {
        try (LeakResponder responder = responder()) {
            responder.confirmed(leak(LeakTrigger.marker("session", 12, 90_000)));
            responder.confirmed(leak(LeakTrigger.marker("session", 13, 91_000)));
            responder.close(Duration.ofSeconds(10));
        }
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).summary()).isEqualTo("app: 12 object(s) marked \"session\" still alive, the oldest marked 90 s ago");
    }

    /** A responder as a restarted daemon opens it: dedup and alerted leaks from files in {@code dir}. */
    private LeakResponder persistentResponder() throws Exception {
        AlertService alerts = RecordingAlerts.persistentInto(sent, dir);
        DumperSource none = (target, identity) -> {
            throw new AssertionError("capture is disabled");
        };
        return new LeakResponder(Optional.empty(), none, alerts, PipelineEvents.NONE, path -> "", Duration.ofMinutes(1),
                LeakResponder.stateFile(dir.resolve("leaks.json"), StoreFailureListener.NONE, Clock.systemUTC()));
    }

    @Test
    void afterARestartANewLeakDoesNotResolveTheOldOnesAndAClearedOneStillResolves() throws Exception {
        try (LeakResponder before = persistentResponder()) {
            before.confirmed(leak(LeakTrigger.heap(2e6, 0.3, 20)));
            before.close(Duration.ofSeconds(10));
        }
        try (LeakResponder after = persistentResponder()) {
            after.confirmed(leak(LeakTrigger.marker("session", 12, 90_000)));
            after.confirmed(leak(LeakTrigger.heap(2e6, 0.3, 20)));
            after.cleared("app", List.of(SeriesKey.HEAP));
            after.close(Duration.ofSeconds(10));
        }
        try (LeakResponder again = persistentResponder()) {
            again.clearedAll("app");
            again.close(Duration.ofSeconds(10));
        }
        assertThat(sent).extracting(a -> a.signature() + " " + a.state()).containsExactly(
                "heap " + AlertState.FIRING,
                "marker:session " + AlertState.FIRING,
                "heap " + AlertState.RESOLVED,
                "marker:session " + AlertState.RESOLVED);
    }

    @Test
    void aStateFileFiledByTextKeysIsReadBackAsTheirSeries() throws Exception {
        // as the responder wrote it before series keys were typed, and still writes it
        String notice = "{\"target\":\"app\",\"signature\":\"%s\",\"summary\":\"s\",\"topChains\":\"\","
                + "\"reportUrl\":\"\",\"labels\":{},\"magnitude\":1}";
        Files.writeString(dir.resolve("leaks.json"), "{\"version\":1,\"targets\":{\"app\":{"
                + "\"heap\":[" + notice.formatted("heap") + "],"
                + "\"type:com.example.Session\":[" + notice.formatted("type:com.example.Session") + "]}}}");
        try (LeakResponder after = persistentResponder()) {
            after.resumed(leak(LeakTrigger.heap(2e6, 0.3, 20), LeakTrigger.type("com.example.Session", 1e6, 0.5, 20),
                    LeakTrigger.marker("session", 3, 90_000)));
            after.close(Duration.ofSeconds(10));
        }
        assertThat(sent).extracting(a -> a.signature() + ": " + a.summary()).as("the saved notices, and the one new series")
                .containsExactlyInAnyOrder("heap: s", "type:com.example.Session: s",
                        "marker:session: app: 3 object(s) marked \"session\" still alive, the oldest marked 90 s ago");
        assertThat(Files.readString(dir.resolve("leaks.json"))).as("written back in the same form")
                .contains("\"heap\":[", "\"type:com.example.Session\":[", "\"marker:session\":[");
    }

    @Test
    void aStateFileWithAKeyThatNamesNoSeriesIsSetAside() throws Exception {
        Files.writeString(dir.resolve("leaks.json"), "{\"version\":1,\"targets\":{\"app\":{\"heap:x\":[]}}}");
        try (LeakResponder after = persistentResponder()) {
            after.resumed(leak(LeakTrigger.heap(2e6, 0.3, 20)));
            after.close(Duration.ofSeconds(10));
        }
        assertThat(sent).extracting(a -> a.signature() + " " + a.state()).as("nothing known: the heap is acted upon")
                .containsExactly("heap " + AlertState.FIRING);
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).anyMatch(n -> n.startsWith("leaks.json.corrupt-"));
        }
    }

    @Test
    void aLeakConfirmedBeforeARestartIsActedUponOnlyIfItWasNotBefore() throws Exception {
        try (LeakResponder killedMidCapture = persistentResponder()) {
            killedMidCapture.close(Duration.ofSeconds(10));
        }
        try (LeakResponder after = persistentResponder()) {
            after.resumed(leak(LeakTrigger.heap(2e6, 0.3, 20)));
            after.close(Duration.ofSeconds(10));
        }
        try (LeakResponder again = persistentResponder()) {
            again.resumed(leak(LeakTrigger.heap(2e6, 0.3, 20), LeakTrigger.marker("session", 3, 90_000)));
            again.close(Duration.ofSeconds(10));
        }
        try (LeakResponder inMemory = responder()) {
            inMemory.resumed(leak(LeakTrigger.type("com.example.Session", 1e6, 0.5, 20)));
            inMemory.close(Duration.ofSeconds(10));
        }
        assertThat(sent).extracting(a -> a.signature() + " " + a.state()).as("heap finished once; only the new marker after")
                .containsExactly("heap " + AlertState.FIRING, "marker:session " + AlertState.FIRING);
    }
}
