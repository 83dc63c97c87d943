package io.leakwatch.pipeline;

import io.leakwatch.alert.Alert;
import io.leakwatch.alert.AlertDeduplicator;
import io.leakwatch.alert.AlertOutbox;
import io.leakwatch.alert.AlertPolicy;
import io.leakwatch.alert.AlertService;
import io.leakwatch.alert.AlertSink;
import io.leakwatch.alert.Delivery;
import io.leakwatch.alert.RetryPolicy;
import io.leakwatch.alert.StoreFailureListener;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Test helper: the real alert service (dedup + persisted outbox) delivering into a list. */
public final class RecordingAlerts {

    /** The default policy, but a leak that clears resolves at once: these tests follow each clearance. */
    private static final AlertPolicy AT_ONCE = new AlertPolicy(AlertPolicy.defaults().repeatInterval(),
            AlertPolicy.defaults().growthFactor(), Duration.ZERO);

    private RecordingAlerts() {
    }

    /** An alert service with its outbox in {@code outbox} whose one sink appends to {@code sent}. */
    public static AlertService into(List<Alert> sent, Path outbox) throws IOException {
        Clock clock = Clock.systemUTC();
        return new AlertService(new AlertDeduplicator(AT_ONCE, clock),
                AlertOutbox.open(outbox, List.of(recorder(sent)), RetryPolicy.defaults(), clock));
    }

    /**
     * As {@link #into}, but the dedup state is persisted too, as the daemon keeps it: {@code dedup.json}
     * and {@code outbox/} under {@code alerts}, so a second service on the same directory is a restart.
     */
    public static AlertService persistentInto(List<Alert> sent, Path alerts) throws IOException {
        Clock clock = Clock.systemUTC();
        return new AlertService(AlertDeduplicator.open(AT_ONCE, clock, alerts.resolve("dedup.json"),
                StoreFailureListener.NONE),
                AlertOutbox.open(alerts.resolve("outbox"), List.of(recorder(sent)), RetryPolicy.defaults(), clock));
    }

    private static AlertSink recorder(List<Alert> sent) {
        return new AlertSink() {
            @Override
            public String name() {
                return "recorder";
            }

            @Override
            public Delivery send(Alert alert) {
                sent.add(alert);
                return new Delivery.Delivered();
            }
        };
    }
}
