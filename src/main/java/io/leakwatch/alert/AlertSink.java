package io.leakwatch.alert;

/** Where alerts go (Alertmanager, a webhook, Slack, the log). Implementations never throw for delivery failures. */
public interface AlertSink {

    /** Short stable name, the {@code sink} label of {@code leakwatch_alerts_total}. */
    String name();

    /** Delivers {@code alert} once, within the sink's timeouts. */
    Delivery send(Alert alert);
}
