package io.leakwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deduplication state on disk: a restarted daemon (a new deduplicator on the same file) does
 * not alert again for a leak it alerted, a damaged file never stops it, and a file system that
 * refuses the write (here: the state's directory replaced by a plain file, a real ENOTDIR) costs
 * nothing but a counted failure until it takes the write again.
 */
class DeduplicatorStateTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final AlertPolicy POLICY = new AlertPolicy(Duration.ofHours(6), 1.5);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    private final List<String> failures = new CopyOnWriteArrayList<>();

    private AlertDeduplicator open(Path file) {
        return AlertDeduplicator.open(POLICY, clock, file, failures::add);
    }

    private static LeakNotice notice(String signature, long magnitude) {
        return new LeakNotice("orders", signature, "byte[] grows", "root -> x", "http://r/1", Map.of("kind", "heap_growth"),
                magnitude);
    }

    @Test
    void aRestartedDeduplicatorRemembersWhatItSentAndResolvesIt() throws Exception {
        Path file = dir.resolve("dedup.json");
        AlertDeduplicator before = open(file);
        assertThat(before.onLeak(notice("s1", 100))).isPresent();
        assertThat(before.onLeak(notice("s2", 100))).isPresent();
        assertThat(before.onCleared("orders", "s2")).isPresent();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        clock.set(T0.plus(Duration.ofHours(1)));
        AlertDeduplicator after = open(file);

        assertThat(after.onLeak(notice("s1", 140))).as("same leak, not grown by 1.5, within 6 h").isEmpty();
        assertThat(after.onLeak(notice("s2", 100))).as("s2 had resolved: a new leak").isPresent();
        assertThat(after.onLeak(notice("s1", 150))).as("grown by the factor since the alert before the restart")
                .hasValueSatisfying(a -> assertThat(a.since()).isEqualTo(T0));
        assertThat(after.retain("orders", Set.of("s2"))).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.RESOLVED);
            assertThat(a.signature()).isEqualTo("s1");
            assertThat(a.reportUrl()).isEqualTo("http://r/1");
        });
        assertThat(open(file).onLeak(notice("s2", 100))).as("s2 still firing after a second restart").isEmpty();
        assertThat(failures).isEmpty();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).containsExactly(file);
        }
    }

    @Test
    void aDamagedFileIsSetAsideAndTheStateStartsEmpty() throws Exception {
        Path file = dir.resolve("dedup.json");
        open(file).onLeak(notice("s1", 100));
        byte[] good = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(good, good.length / 2));

        AlertDeduplicator after = open(file);

        assertThat(after.onLeak(notice("s1", 100))).as("nothing known: alerts again rather than failing").isPresent();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("dedup.json", "dedup.json.corrupt-20261125T100000Z");
        }
        assertThat(Files.readAllBytes(dir.resolve("dedup.json.corrupt-20261125T100000Z"))).hasSize(good.length / 2);
        assertThat(open(file).onLeak(notice("s1", 100))).as("the new state was written").isEmpty();
    }

    @Test
    void aRefusedWriteIsCountedKeptInMemoryAndWrittenOnceTheDiskTakesItAgain() throws Exception {
        Path stateDir = Files.createDirectory(dir.resolve("alerts"));
        Path file = stateDir.resolve("dedup.json");
        AlertDeduplicator dedup = open(file);
        dedup.onLeak(notice("s1", 100));
        byte[] saved = Files.readAllBytes(file);

        Files.move(stateDir, dir.resolve("alerts-away"));
        Files.writeString(stateDir, "not a directory");
        assertThat(dedup.onLeak(notice("s2", 100))).as("alerting goes on").isPresent();
        assertThat(dedup.onLeak(notice("s1", 100))).as("in-memory state still deduplicates").isEmpty();
        dedup.flush();
        assertThat(failures).containsExactly("dedup", "dedup");

        Files.delete(stateDir);
        Files.move(dir.resolve("alerts-away"), stateDir);
        assertThat(Files.readAllBytes(file)).as("the file before the failures is intact").isEqualTo(saved);
        dedup.flush();

        assertThat(failures).hasSize(2);
        AlertDeduplicator restarted = open(file);
        assertThat(restarted.onLeak(notice("s2", 100))).as("s2, alerted while the disk refused, was saved by flush")
                .isEmpty();
        try (Stream<Path> left = Files.list(stateDir)) {
            assertThat(left).as("no temporary file left").containsExactly(file);
        }
    }
}
