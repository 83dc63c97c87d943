package io.leakwatch.alert;

import io.leakwatch.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.leakwatch.alert.AlertOutbox.Attempt;
import io.leakwatch.alert.AlertOutbox.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox against a real local HTTP receiver that fails and recovers. */
class AlertOutboxTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");


    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    private final RetryPolicy retry = new RetryPolicy(Duration.ofSeconds(10), Duration.ofSeconds(40), Duration.ofHours(1));
    private final LocalReceiver receiver;

    AlertOutboxTest() throws Exception {
        receiver = new LocalReceiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private AlertOutbox open() throws Exception {
        return AlertOutbox.open(dir.resolve("outbox"),
                List.of(new WebhookSink(receiver.url("/hook"), HttpTimeouts.defaults(), Map.of()), new LogSink()),
                retry, clock);
    }

    private static Alert alert(String signature, AlertState state) {
        return new Alert("orders", signature, state, "s", "", "", Map.of(), T0, T0);
    }

    @Test
    void aFailingSinkGetsTheAlertLaterInOrderAndAcrossARestart() throws Exception {
        AlertOutbox outbox = open();
        receiver.answer(500);
        outbox.enqueue(alert("s1", AlertState.FIRING));
        outbox.enqueue(alert("s1", AlertState.RESOLVED));

        List<Attempt> first = outbox.deliverDue();

        assertThat(first).extracting(Attempt::sink, Attempt::outcome).containsExactly(
                tuple("webhook", Outcome.RETRY),
                tuple("log", Outcome.DELIVERED),
                tuple("log", Outcome.DELIVERED));
        assertThat(outbox.pending()).isEqualTo(2);
        assertThat(receiver.received()).hasSize(1);

        clock.set(T0.plusSeconds(9));
        Files.writeString(dir.resolve("outbox/webhook/00000000000000000099.json.partial"), "{\"half");
        assertThat(open().deliverDue()).isEmpty();
        assertThat(dir.resolve("outbox/webhook/00000000000000000099.json.partial")).doesNotExist();

        receiver.answer(200);
        clock.set(T0.plusSeconds(10));
        AlertOutbox restarted = open();
        assertThat(restarted.pending()).isEqualTo(2);
        assertThat(restarted.deliverDue()).extracting(Attempt::outcome).containsExactly(Outcome.DELIVERED, Outcome.DELIVERED);
        assertThat(restarted.pending()).isZero();
        assertThat(receiver.received()).extracting(r -> r.body().contains("\"state\":\"resolved\""))
                .containsExactly(false, false, true);
    }

    @Test
    void backOffDoublesUpToTheMaximum() {
        assertThat(List.of(retry.backOff().delayAfter(1), retry.backOff().delayAfter(2), retry.backOff().delayAfter(3), retry.backOff().delayAfter(4), retry.backOff().delayAfter(10)))
                .containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40),
                        Duration.ofSeconds(40), Duration.ofSeconds(40));
    }

    @Test
    void aRejectedAlertIsDroppedToDeadAndDoesNotBlockTheNext() throws Exception {
        AlertOutbox outbox = open();
        receiver.answer(400);
        outbox.enqueue(alert("s1", AlertState.FIRING));
        outbox.deliverDue();
        receiver.answer(200);
        outbox.enqueue(alert("s2", AlertState.FIRING));

        assertThat(outbox.deliverDue()).extracting(Attempt::sink, Attempt::outcome)
                .contains(tuple("webhook", Outcome.DELIVERED));
        assertThat(outbox.pending()).isZero();
        try (var dead = Files.list(dir.resolve("outbox/dead"))) {
            assertThat(dead).singleElement().satisfies(p -> assertThat(Files.readString(p)).contains("\"s1\""));
        }
    }

    @Test
    void givesUpOnAnAlertOlderThanTheLimit() throws Exception {
        AlertOutbox outbox = open();
        receiver.answer(503);
        outbox.enqueue(alert("s1", AlertState.FIRING));
        outbox.deliverDue();

        clock.set(T0.plus(Duration.ofHours(1)));
        assertThat(outbox.deliverDue()).extracting(Attempt::sink, Attempt::outcome)
                .containsExactly(tuple("webhook", Outcome.DROPPED));
        assertThat(outbox.pending()).isZero();
    }

    @Test
    void anUnreadableEntryIsSetAsideWithoutBlockingTheQueue() throws Exception {
        AlertOutbox outbox = open();
        Files.writeString(dir.resolve("outbox/webhook/00000000000000000000.json"), "{broken");
        outbox.enqueue(alert("s1", AlertState.FIRING));

        assertThat(outbox.deliverDue()).extracting(Attempt::sink, Attempt::outcome).startsWith(
                tuple("webhook", Outcome.DROPPED),
                tuple("webhook", Outcome.DELIVERED));
    }

    @Test
    void entriesArePrivateFiles() throws Exception {
        AlertOutbox outbox = open();
        receiver.answer(500);
        outbox.enqueue(alert("s1", AlertState.FIRING));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("outbox")))).isEqualTo("rwx------");
        try (var files = Files.list(dir.resolve("outbox/webhook"))) {
            assertThat(files).singleElement().satisfies(p ->
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).isEqualTo("rw-------"));
        }
    }
}
