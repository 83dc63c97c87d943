package io.leakwatch.alert;

/**
 * Hears that a file the alerting keeps (the outbox, the deduplication state) could not be written,
 * e.g. on a full or read-only file system, for {@code leakwatch_alert_write_failures_total{store}}.
 * The state stays in memory and is written again later. Implementations are cheap and never throw.
 */
@FunctionalInterface
public interface StoreFailureListener {

    /** Ignores every failure. */
    StoreFailureListener NONE = store -> {
    };

    /** One failed write to {@code store}: {@code outbox}, {@code dedup} (what was alerted when) or {@code leaks} (which leaks are alerted). */
    void writeFailed(String store);
}
