package io.leakwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.capture.CaptureRecord;
import io.leakwatch.capture.CaptureRecord.CapturedFile;
import io.leakwatch.capture.CaptureStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CapturesCommandTest {

    @TempDir
    Path dataDir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return new CommandLine(new CapturesCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
    }

    private static void write(CaptureStore store, CaptureRecord record) throws Exception {
        Files.createDirectories(store.root().resolve(record.id()));
        store.write(record);
    }

    @Test
    void listsCapturesOldestFirstWithFailuresExplained() throws Exception {
        CaptureStore store = CaptureStore.inDataDirectory(dataDir);
        write(store, new CaptureRecord("orders-2", "orders", 42, Instant.parse("2026-11-25T11:00:00Z"),
                List.of("byte[]"), "disk_full", "No space left on device", 0, List.of()));
        write(store, new CaptureRecord("orders-1", "orders", 42, Instant.parse("2026-11-25T10:00:00Z"),
                List.of("byte[]", "java.lang.String"), CaptureRecord.CAPTURED, "2 signatures", 3 * 1024 * 1024,
                List.of(new CapturedFile("report.html", 2048), new CapturedFile("heap.hprof.gz", 1024 * 1024))));

        int code = run("--data-dir", dataDir.toString());

        assertThat(code).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).startsWith("TIME").contains("TARGET", "OUTCOME");
        assertThat(lines.get(1)).contains("2026-11-25T10:00:00Z", "orders", "42", "captured", "3.0 MiB", "1.0 MiB",
                "byte[],java.lang.String", "orders-1");
        assertThat(lines.get(2)).contains("2026-11-25T11:00:00Z", "disk_full", "orders-2");
        assertThat(lines.get(3)).contains("No space left on device");
        assertThat(err.toString()).isEmpty();
        // aligned: every column starts at the same offset in the header and in each row
        int outcome = lines.get(0).indexOf("OUTCOME");
        assertThat(lines.get(1).substring(outcome)).startsWith("captured");
        assertThat(lines.get(2).substring(outcome)).startsWith("disk_full");
        int id = lines.get(0).indexOf(" ID") + 1;
        assertThat(lines.get(1).substring(id)).isEqualTo("orders-1");
        assertThat(lines.get(2).substring(id)).isEqualTo("orders-2");
        // right-aligned sizes end under their header
        int dumpEnd = lines.get(0).indexOf("DUMP") + "DUMP".length();
        assertThat(lines.get(1).substring(0, dumpEnd)).endsWith(" 3.0 MiB");
        int keptEnd = lines.get(0).indexOf("KEPT") + "KEPT".length();
        assertThat(lines.get(1).substring(0, keptEnd)).endsWith(" 1.0 MiB");
    }

    @Test
    void jsonListsTheRecords() throws Exception {
        CaptureStore store = CaptureStore.inDataDirectory(dataDir);
        write(store, new CaptureRecord("orders-1", "orders", 42, Instant.parse("2026-11-25T10:00:00Z"),
                List.of("byte[]"), CaptureRecord.CAPTURED, "1 signature", 1024, List.of(new CapturedFile("report.html", 2048))));

        assertThat(run("--data-dir", dataDir.toString(), "--json")).isZero();

        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
        assertThat(json.isArray()).isTrue();
        assertThat(json.get(0).path("id").asText()).isEqualTo("orders-1");
        assertThat(json.get(0).path("time").asText()).isEqualTo("2026-11-25T10:00:00Z");
        assertThat(json.get(0).path("triggerTypes").get(0).asText()).isEqualTo("byte[]");
        assertThat(json.get(0).path("files").get(0).path("name").asText()).isEqualTo("report.html");
    }

    @Test
    void readsTheDataDirectoryFromTheConfigLikeRun(@TempDir Path confDir) throws Exception {
        CaptureStore store = CaptureStore.inDataDirectory(dataDir);
        write(store, new CaptureRecord("billing-1", "billing", 7, Instant.parse("2026-11-25T10:00:00Z"),
                List.of("byte[]"), CaptureRecord.CAPTURED, "", 1024, List.of()));
        Path config = confDir.resolve("leakwatch.yml");
        Files.writeString(config, "dataDir: " + dataDir + "\ntargets:\n  - name: billing\n    pid: 7\n");

        assertThat(run("--config", config.toString())).isZero();
        assertThat(out.toString()).contains("billing-1");

        Files.writeString(config, "dataDir: " + dataDir + "\nbogus: 1\n");
        assertThat(run("--config", config.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("bogus");
    }

    @Test
    void saysSoWhenThereAreNone() {
        assertThat(run("--data-dir", dataDir.toString())).isZero();
        assertThat(out.toString()).startsWith("No captures in " + dataDir.resolve("captures"));
    }

    @Test
    void aCaptureRootThatIsNotADirectoryHoldsNoCaptures() throws Exception {
        Files.writeString(dataDir.resolve("captures"), "not a directory");

        assertThat(run("--data-dir", dataDir.toString())).isZero();
        assertThat(out.toString()).startsWith("No captures in");
    }

    @Test
    void namesAnUnreadableRecordAndFails() throws Exception {
        Path bad = Files.createDirectories(dataDir.resolve("captures/broken"));
        Files.writeString(bad.resolve("capture.json"), "{\"id\": \"broken\", \"unknownKey\": 1}");

        assertThat(run("--data-dir", dataDir.toString())).isEqualTo(1);
        assertThat(err.toString()).contains(bad.resolve("capture.json").toString());
    }
}
