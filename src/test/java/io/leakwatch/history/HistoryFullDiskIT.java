package io.leakwatch.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.leakwatch.model.HistogramEntry;
import io.leakwatch.model.TargetIdentity;
import io.leakwatch.testing.Tmpfs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * History appends on a real tmpfs that fills up and is remounted read-only: a refused append leaves
 * no partial record behind (the file is cut back to the last good record), earlier records stay
 * readable, and appends resume once the disk takes them. Needs root to mount; skipped otherwise.
 */
class HistoryFullDiskIT {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final TargetIdentity ID = new TargetIdentity(321, T0.minus(Duration.ofDays(1)).toEpochMilli(), "shop.Main", "17");

    @TempDir
    Path dir;

    /** A record of about 3 KiB, so appends cross page boundaries of the tmpfs often. */
    private static HistoryRecord record(int i) {
        List<HistogramEntry> types = new ArrayList<>();
        for (int t = 0; t < 60; t++) {
            types.add(new HistogramEntry("com.shop.generated.Type" + t + "WithAFairlyLongName", "", 10L + i, 480L + i));
        }
        return new HistoryRecord(T0.plusSeconds(i), ID, 100_000_000L + i, types);
    }

    @Test
    void aFullDiskCutsTheRefusedRecordAndAppendsResumeWhenSpaceComesBack() throws Exception {
        Tmpfs fs = Tmpfs.mountOrNull(dir.resolve("data"), 1);
        assumeTrue(fs != null, "mount -t tmpfs is not allowed here (needs root)");
        try (fs) {
            HistoryStore store = new HistoryStore(fs.path(), HistoryRetention.defaults(), Clock.fixed(T0.plusSeconds(600), ZoneOffset.UTC));
            int written = 0;
            for (; written < 5; written++) {
                assertThat(store.append("orders", record(written))).isEmpty();
            }
            Path filler = fs.path().resolve("filler");
            fs.fill(filler);

            IOException refused = null;
            for (int tries = 0; tries < 200 && refused == null; tries++) {
                try {
                    store.append("orders", record(written));
                    written++;
                } catch (IOException e) {
                    refused = e;
                }
            }
            assertThat(refused).as("an append was refused").isNotNull();
            assertThat(refused.getMessage()).contains("No space left");
            assertSound(fs.path(), written);
            // a second refusal in a row leaves the file as sound
            assertThatThrownBy(() -> store.append("orders", record(999))).isInstanceOf(IOException.class);
            assertSound(fs.path(), written);

            Files.delete(filler);
            for (int i = 0; i < 3; i++) {
                assertThat(store.append("orders", record(written++))).isEmpty();
            }
            assertSound(fs.path(), written);

            fs.readOnly(true);
            int next = written;
            assertThatThrownBy(() -> store.append("orders", record(next)))
                    .isInstanceOf(IOException.class).hasMessageContaining("Read-only file system");
            fs.readOnly(false);
            assertThat(store.append("orders", record(written))).isEmpty();
            assertSound(fs.path(), written + 1);
            try (Stream<Path> files = Files.list(fs.path().resolve("history"))) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly("orders.lwh");
            }
        }
    }

    /** The file as a restarted daemon would load it: every record appended, nothing damaged. */
    private static void assertSound(Path data, int records) throws IOException {
        LogScan scan = LogScan.of(Files.readAllBytes(data.resolve("history/orders.lwh")));
        assertThat(scan.sound()).as(scan.damage()).isTrue();
        assertThat(scan.records()).hasSize(records);
        for (int i = 0; i < records; i++) {
            assertThat(scan.records().get(i)).isEqualTo(record(i));
        }
    }
}
