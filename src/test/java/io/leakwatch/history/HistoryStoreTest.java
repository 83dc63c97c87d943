package io.leakwatch.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.leakwatch.model.ClassHistogram;
import io.leakwatch.model.HistogramEntry;
import io.leakwatch.model.MarkerSurvival;
import io.leakwatch.model.Sample;
import io.leakwatch.model.TargetIdentity;
import io.leakwatch.trend.DetectorSettings;
import io.leakwatch.trend.GrowthTracker;
import io.leakwatch.trend.LeakState;
import io.leakwatch.trend.TargetVerdicts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryStoreTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final TargetIdentity ID = new TargetIdentity(321, T0.minus(Duration.ofDays(1)).toEpochMilli(), "shop.Main", "17.0.15");

    @TempDir
    Path dir;

    private HistoryStore store(Instant now, HistoryRetention retention) {
        return new HistoryStore(dir, retention, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static HistoryRecord record(int i) {
        return new HistoryRecord(T0.plus(Duration.ofMinutes(5L * i)).plusNanos(123), ID, 100_000_000L + i * 1000L,
                List.of(new HistogramEntry("com.shop.Order", "", 10L + i, 480L + 48L * i),
                        new HistogramEntry("java.lang.String", "", 5000, 120_000)));
    }

    private static List<HistoryRecord> records(int from, int to) {
        List<HistoryRecord> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(record(i));
        }
        return out;
    }

    private void appendAll(HistoryStore store, String target, List<HistoryRecord> records) throws IOException {
        for (HistoryRecord r : records) {
            assertThat(store.append(target, r)).isEmpty();
        }
    }

    private List<Path> corruptFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("history"))) {
            return files.filter(f -> f.getFileName().toString().contains(".corrupt-")).toList();
        }
    }

    @Test
    void recordsSurviveARestartOfTheStore() throws IOException {
        appendAll(store(T0, HistoryRetention.defaults()), "orders api", records(0, 20));
        HistoryStore reopened = store(T0.plus(Duration.ofHours(2)), HistoryRetention.defaults());
        LoadedHistory loaded = reopened.load("orders api");
        assertThat(loaded.problem()).isEmpty();
        assertThat(loaded.records()).isEqualTo(records(0, 20));
        assertThat(reopened.targets()).containsExactly("orders api");
        assertThat(reopened.fileOf("orders api").getFileName().toString()).isEqualTo("orders%20api.lwh");
        appendAll(reopened, "orders api", records(20, 22));
        assertThat(reopened.load("orders api").records()).isEqualTo(records(0, 22));
    }

    @Test
    void truncatedLastRecordKeepsTheEarlierOnesAndSetsTheOriginalAside() throws IOException {
        HistoryStore store = store(T0, HistoryRetention.defaults());
        appendAll(store, "a", records(0, 10));
        Path file = store.fileOf("a");
        long size = Files.size(file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, (int) size - 7));

        HistoryStore restarted = store(T0, HistoryRetention.defaults());
        LoadedHistory loaded = restarted.load("a");
        assertThat(loaded.records()).isEqualTo(records(0, 9));
        HistoryProblem problem = loaded.problem().orElseThrow();
        assertThat(problem.message()).contains("cut short").contains("interrupted write");
        assertThat(problem.kept()).isEqualTo(9);
        assertThat(problem.offset()).isGreaterThan(0).isLessThan(size);
        assertThat(problem.setAsideTo()).exists();
        assertThat(Files.size(problem.setAsideTo())).isEqualTo(size - 7);
        assertThat(problem.setAsideTo().getFileName().toString()).isEqualTo("a.lwh.corrupt-20260301T100000Z");
        // The repaired file takes appends again and reads back sound.
        appendAll(restarted, "a", records(9, 12));
        LoadedHistory again = store(T0, HistoryRetention.defaults()).load("a");
        assertThat(again.problem()).isEmpty();
        assertThat(again.records()).isEqualTo(records(0, 12));
    }

    @Test
    void corruptRecordInTheMiddleIsReportedAndTheFileSetAside() throws IOException {
        HistoryStore store = store(T0, HistoryRetention.defaults());
        appendAll(store, "b", records(0, 10));
        Path file = store.fileOf("b");
        byte[] bytes = Files.readAllBytes(file);
        int frame = (bytes.length - 4) / 10;
        bytes[4 + 5 * frame + 20] ^= 0x40;
        Files.write(file, bytes);

        HistoryStore restarted = store(T0, HistoryRetention.defaults());
        LoadedHistory loaded = restarted.load("b");
        assertThat(loaded.records()).isEqualTo(records(0, 5));
        HistoryProblem problem = loaded.problem().orElseThrow();
        assertThat(problem.message()).isEqualTo("CRC mismatch in record 5");
        assertThat(problem.offset()).isEqualTo(4 + 5L * frame);
        assertThat(Files.readAllBytes(problem.setAsideTo())).isEqualTo(bytes);
        assertThat(problem.toString()).contains("b.lwh").contains("offset " + problem.offset()).contains("kept 5");
        assertThat(corruptFiles()).hasSize(1);
    }

    @Test
    void foreignFileIsSetAsideOnTheFirstAppend() throws IOException {
        Files.createDirectories(dir.resolve("history"));
        Files.writeString(dir.resolve("history").resolve("c.lwh"), "{\"not\": \"ours\"}");
        HistoryStore store = store(T0, HistoryRetention.defaults());
        Optional<HistoryProblem> problem = store.append("c", record(0));
        assertThat(problem).hasValueSatisfying(p -> {
            assertThat(p.message()).contains("bad header");
            assertThat(p.offset()).isZero();
        });
        assertThat(store.load("c").records()).containsExactly(record(0));
        assertThat(corruptFiles()).hasSize(1);
    }

    @Test
    void retentionBoundsSamplesAndAge() throws IOException {
        HistoryRetention keep20 = new HistoryRetention(Duration.ofDays(30), 20);
        HistoryStore store = store(T0, keep20);
        appendAll(store, "d", records(0, 100));
        // Appends compact once they outgrow the bound by a quarter (at least 16): the file never holds more than 36.
        LoadedHistory raw = store(T0, new HistoryRetention(Duration.ofDays(30), 1000)).load("d");
        assertThat(raw.records().size()).isBetween(20, 36);
        assertThat(store.load("d").records()).isEqualTo(records(80, 100));

        HistoryStore later = store(T0.plus(Duration.ofMinutes(5L * 99)).plus(Duration.ofMinutes(30)), new HistoryRetention(Duration.ofHours(1), 1000));
        assertThat(later.load("d").records()).isEqualTo(records(93, 100));
        assertThat(store(T0, keep20).load("d").records()).isEqualTo(records(93, 100));
    }

    @Test
    void recordKeepsOnlyTheTrackedTypes() {
        Sample s = new Sample("x", ID, T0, 5, ClassHistogram.of(List.of(new HistogramEntry("A", "m", 1, 2),
                new HistogramEntry("B", "m", 3, 4))), List.of(), Duration.ZERO, Duration.ZERO);
        HistoryRecord r = HistoryRecord.of(s, List.of("B"));
        assertThat(r.types()).containsExactly(new HistogramEntry("B", "", 3, 4));
        assertThat(r.toSample("x").histogram().totalBytes()).isEqualTo(4);
        assertThat(r.toSample("x").liveHeapBytes()).isEqualTo(5);
    }

    @Test
    void unknownTargetHasEmptyHistory() throws IOException {
        HistoryStore store = store(T0, HistoryRetention.defaults());
        assertThat(store.targets()).isEmpty();
        assertThat(store.load("nobody").records()).isEmpty();
    }

    @Test
    void targetNamesRoundTripThroughFileNames() {
        for (String name : List.of("orders", "a/b", "..", ".hidden", "ümlaut svc", "x%41", "C:\\x")) {
            String encoded = TargetFileName.encode(name);
            assertThat(encoded).matches("[A-Za-z0-9_%-][A-Za-z0-9_.%-]*");
            assertThat(TargetFileName.decode(encoded)).contains(name);
        }
        assertThat(TargetFileName.decode("bad%4")).isEmpty();
        assertThat(TargetFileName.decode("%2")).isEmpty();
    }

    @Test
    void trackerReseededFromHistoryReachesTheSameState() throws IOException {
        GrowthTracker live = new GrowthTracker(DetectorSettings.defaults());
        HistoryStore store = store(T0.plus(Duration.ofHours(6)), HistoryRetention.defaults());
        TargetVerdicts lastLive = null;
        for (int i = 0; i < 60; i++) {
            long orders = 100_000 + 1000L * i;
            List<HistogramEntry> entries = List.of(
                    new HistogramEntry("com.shop.Order", "app", orders, orders * 48),
                    new HistogramEntry("java.lang.String", "java.base", 50_000 + i % 3, (50_000 + i % 3) * 24L),
                    new HistogramEntry("com.shop.Tiny", "app", 1, 16));
            Sample s = new Sample("shop", ID, T0.plus(Duration.ofMinutes(5L * i)), 200_000_000L + orders * 48,
                    ClassHistogram.of(entries), List.of(new MarkerSurvival("req", 1, 10)), Duration.ofMillis(30), Duration.ofMillis(90));
            lastLive = live.update(s);
            assertThat(store.append("shop", HistoryRecord.of(s, lastLive))).isEmpty();
        }
        assertThat(lastLive.types().stream().filter(v -> v.state() == LeakState.CONFIRMED).map(v -> v.type()))
                .containsExactly("com.shop.Order");

        LoadedHistory loaded = store(T0.plus(Duration.ofHours(6)), HistoryRetention.defaults()).load("shop");
        GrowthTracker reseeded = new GrowthTracker(DetectorSettings.defaults());
        TargetVerdicts restored = reseeded.replay(loaded.samples()).orElseThrow();
        assertThat(restored.heap().state()).isEqualTo(lastLive.heap().state());
        assertThat(restored.heap().bytesPerHour()).isEqualTo(lastLive.heap().bytesPerHour());
        assertThat(restored.types()).hasSameSizeAs(lastLive.types());
        for (int i = 0; i < restored.types().size(); i++) {
            assertThat(restored.types().get(i).type()).isEqualTo(lastLive.types().get(i).type());
            assertThat(restored.types().get(i).state()).isEqualTo(lastLive.types().get(i).state());
            assertThat(restored.types().get(i).bytesPerHour()).isEqualTo(lastLive.types().get(i).bytesPerHour());
        }
    }
}
