package io.leakwatch.pipeline;

import io.leakwatch.alert.Alert;
import io.leakwatch.alert.AlertDeduplicator;
import io.leakwatch.alert.AlertOutbox;
import io.leakwatch.alert.AlertPolicy;
import io.leakwatch.alert.AlertService;
import io.leakwatch.alert.AlertSink;
import io.leakwatch.alert.Delivery;
import io.leakwatch.alert.RetryPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** Test helper: the real alert service (dedup + persisted outbox) delivering into a list. */
final class RecordingAlerts {

    private RecordingAlerts() {
    }

    /** An alert service with its outbox in {@code outbox} whose one sink appends to {@code sent}. */
    static AlertService into(List<Alert> sent, Path outbox) throws IOException {
        AlertSink recorder = new AlertSink() {
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
        Clock clock = Clock.systemUTC();
        return new AlertService(new AlertDeduplicator(AlertPolicy.defaults(), clock),
                AlertOutbox.open(outbox, List.of(recorder), RetryPolicy.defaults(), clock));
    }
}
