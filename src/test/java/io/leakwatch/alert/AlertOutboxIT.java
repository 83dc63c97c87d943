package io.leakwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.alert.AlertOutbox.Attempt;
import io.leakwatch.alert.AlertOutbox.Outcome;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An alert queued while the real Alertmanager is down reaches it once it is up, across a daemon restart. */
class AlertOutboxIT {

    @TempDir
    Path dir;

    @Test
    void deliversToAnAlertmanagerThatWasDownAfterItComesBack() throws Exception {
        try (RealAlertmanager alertmanager = RealAlertmanager.start(dir)) {
            alertmanager.stop();
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Clock clock = Clock.fixed(now, ZoneOffset.UTC);
            RetryPolicy retry = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofHours(1));
            List<AlertSink> sinks = List.of(new AlertmanagerSink(alertmanager.baseUrl(),
                    new HttpTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2)), Duration.ofHours(1)));
            AlertOutbox outbox = AlertOutbox.open(dir.resolve("outbox"), sinks, retry, clock);
            outbox.enqueue(new Alert("orders", "sig-outbox", AlertState.FIRING, "byte[] grows", "root -> byte[]", "",
                    Map.of(), now, now));

            assertThat(outbox.deliverDue()).extracting(Attempt::outcome).containsExactly(Outcome.RETRY);

            alertmanager.start();
            Clock later = Clock.offset(clock, Duration.ofSeconds(1));
            AlertOutbox restarted = AlertOutbox.open(dir.resolve("outbox"), sinks, retry, later);
            assertThat(restarted.deliverDue()).extracting(Attempt::outcome).containsExactly(Outcome.DELIVERED);

            assertThat(AlertmanagerSinkIT.leakAlerts(alertmanager, "sig-outbox")).singleElement()
                    .satisfies(a -> assertThat(a.path("labels").path("target").asText()).isEqualTo("orders"));
            assertThat(restarted.pending()).isZero();
        }
    }
}
