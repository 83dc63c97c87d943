package io.leakwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.capture.CaptureRecord.CapturedFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureStoreTest {

    @TempDir
    Path root;

    @Test
    void recordsRoundTripThroughJsonAtomically() throws Exception {
        CaptureStore store = new CaptureStore(root);
        CaptureRecord record = new CaptureRecord("a", "orders", 7, Instant.parse("2026-11-25T10:00:00Z"),
                List.of("byte[]"), CaptureRecord.CAPTURED, "ok", 10, List.of(new CapturedFile("report.txt", 3)));
        Files.createDirectory(root.resolve("a"));

        store.write(record);

        assertThat(store.read("a")).isEqualTo(record);
        assertThat(Files.readString(root.resolve("a/capture.json"))).contains("\"time\" : \"2026-11-25T10:00:00Z\"");
        assertThat(root.resolve("a/capture.json.partial")).doesNotExist();
        assertThat(CaptureServiceIT.mode(root.resolve("a/capture.json"))).isEqualTo("rw-------");
    }

    @Test
    void listingSkipsDirectoriesWithoutRecordsAndNamesBrokenOnes() throws Exception {
        CaptureStore store = new CaptureStore(root);
        Files.createDirectory(root.resolve("in-progress"));
        Files.createDirectory(root.resolve("broken"));
        Files.writeString(root.resolve("broken/capture.json"), "{not json");

        CaptureStore.Listing listing = store.list();

        assertThat(listing.records()).isEmpty();
        assertThat(listing.problems()).singleElement().asString().contains("broken/capture.json");
    }
}
