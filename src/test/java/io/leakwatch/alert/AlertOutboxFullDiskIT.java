package io.leakwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.leakwatch.alert.AlertOutbox.Attempt;
import io.leakwatch.alert.AlertOutbox.Outcome;
import io.leakwatch.testing.MutableClock;
import io.leakwatch.testing.Tmpfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox on a real tmpfs that fills up and is remounted read-only, delivering to a real local
 * HTTP receiver: nothing is lost or sent twice while the disk refuses, and the files catch up when
 * it takes writes again. Needs root to mount; skipped otherwise.
 */
class AlertOutboxFullDiskIT {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    private final List<String> failures = new CopyOnWriteArrayList<>();

    private static Alert alert(String signature) {
        return new Alert("orders", signature, AlertState.FIRING, "s", "", "", Map.of(), T0, T0);
    }

    @Test
    void aFullThenReadOnlyDiskLosesNothingAndSendsNothingTwice() throws Exception {
        Tmpfs fs = Tmpfs.mountOrNull(dir.resolve("data"), 1);
        assumeTrue(fs != null, "mount -t tmpfs is not allowed here (needs root)");
        try (fs; LocalReceiver receiver = new LocalReceiver()) {
            Path outboxDir = fs.path().resolve("alerts");
            AlertOutbox outbox = AlertOutbox.open(outboxDir,
                    List.of(new WebhookSink(receiver.url("/hook"), HttpTimeouts.defaults(), Map.of())),
                    new RetryPolicy(Duration.ofSeconds(10), Duration.ofSeconds(40), Duration.ofHours(1)), clock,
                    failures::add);
            Path filler = fs.path().resolve("filler");
            fs.fill(filler);

            // full: queued in memory, delivered from there, in order
            outbox.enqueue(alert("s1"));
            receiver.answer(500);
            outbox.enqueue(alert("s2"));
            assertThat(outbox.pending()).isEqualTo(2);
            assertThat(failures).contains("outbox");
            assertThat(outbox.deliverDue()).extracting(Attempt::outcome).containsExactly(Outcome.RETRY);
            receiver.answer(200);
            clock.advance(Duration.ofSeconds(10));
            assertThat(outbox.deliverDue()).extracting(Attempt::outcome).containsExactly(Outcome.DELIVERED, Outcome.DELIVERED);
            assertThat(outbox.pending()).isZero();

            // a sink that is down while the disk is full keeps its queue in memory until space comes back
            receiver.answer(503);
            outbox.enqueue(alert("s3"));
            assertThat(outbox.deliverDue()).extracting(Attempt::outcome).containsExactly(Outcome.RETRY);
            Files.delete(filler);
            clock.advance(Duration.ofSeconds(10));
            assertThat(outbox.deliverDue()).extracting(Attempt::outcome).containsExactly(Outcome.RETRY);
            assertThat(entryFiles(outboxDir)).as("written out once the disk took it").hasSize(1);

            // read-only: the delivered entry cannot be deleted, and is not sent again
            fs.readOnly(true);
            receiver.answer(200);
            clock.advance(Duration.ofSeconds(20));
            assertThat(outbox.deliverDue()).extracting(Attempt::sink, Attempt::outcome)
                    .containsExactly(tuple("webhook", Outcome.DELIVERED));
            assertThat(outbox.deliverDue()).isEmpty();
            assertThat(outbox.deliverDue()).isEmpty();
            fs.readOnly(false);
            assertThat(outbox.deliverDue()).isEmpty();
            assertThat(entryFiles(outboxDir)).as("deleted once writable").isEmpty();

            List<String> delivered = receiver.received().stream().map(LocalReceiver.Received::body)
                    .filter(b -> !b.isEmpty()).map(b -> b.replaceAll(".*\"signature\":\"(s\\d)\".*", "$1")).toList();
            assertThat(delivered).as("every attempt, in order; s3 delivered exactly once")
                    .containsExactly("s1", "s1", "s2", "s3", "s3", "s3");
            assertThat(AlertOutbox.open(outboxDir, List.of(new LogSink()), RetryPolicy.defaults(), clock).pending()).isZero();
        }
    }

    private static List<Path> entryFiles(Path outboxDir) throws Exception {
        try (Stream<Path> files = Files.list(outboxDir.resolve("webhook"))) {
            return files.toList();
        }
    }
}
