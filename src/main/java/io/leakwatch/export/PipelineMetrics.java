package io.leakwatch.export;

import io.leakwatch.alert.StoreFailureListener;
import io.leakwatch.capture.CaptureFailure;
import io.leakwatch.pipeline.PipelineEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Meters of what the leak pipeline does:
 * <pre>
 * leakwatch_captures_total{target,outcome}   outcome = captured or a capture failure (rate_limited, ...)
 * leakwatch_capture_disk_bytes               bytes the captures use on disk
 * leakwatch_capture_quota_bytes              the configured capture quota
 * leakwatch_alerts_total{sink,outcome}       outcome = delivered | retry | dropped
 * leakwatch_history_write_failures_total{target}   samples not recorded in the history (disk full, read-only)
 * leakwatch_alert_write_failures_total{store}      failed writes of the alert files (outbox, dedup, leaks)
 * </pre>
 * The disk gauge reads a value the capture service keeps, so a scrape does no I/O.
 */
public final class PipelineMetrics implements PipelineEvents, StoreFailureListener, MeterBinder {

    private final BoundRegistry bound = new BoundRegistry("PipelineMetrics");
    private final LongSupplier diskBytes;
    private final long quotaBytes;

    /**
     * @param diskBytes  the captures' current disk use (read without I/O)
     * @param quotaBytes the capture quota, 0 when capture is off
     */
    public PipelineMetrics(LongSupplier diskBytes, long quotaBytes) {
        this.diskBytes = Objects.requireNonNull(diskBytes, "diskBytes");
        this.quotaBytes = quotaBytes;
    }

    /** The two capture gauges; the counters come with their targets and sinks. */
    @Override
    public void bindTo(MeterRegistry registry) {
        bound.bind(registry);
        Gauge.builder("leakwatch.capture.disk", diskBytes, s -> (double) s.getAsLong())
                .description("Disk space the heap-dump captures use").baseUnit("bytes").strongReference(true)
                .register(registry);
        Gauge.builder("leakwatch.capture.quota", () -> quotaBytes)
                .description("Disk space the heap-dump captures may use").baseUnit("bytes").strongReference(true)
                .register(registry);
    }

    @Override
    public void captured(String target, String outcome) {
        captures(target, outcome).increment();
    }

    private Counter captures(String target, String outcome) {
        return Counter.builder("leakwatch.captures").description("Heap-dump captures by outcome")
                .tags("target", target, "outcome", outcome).register(bound.get());
    }

    @Override
    public void delivered(String sink, String outcome) {
        Counter.builder("leakwatch.alerts").description("Alert delivery attempts by sink and outcome")
                .tags("sink", sink, "outcome", outcome).register(bound.get()).increment();
    }

    /**
     * Starts the failure counters of {@code targets}' history, their capture counters (every
     * outcome) and the alert files' failure counters at 0, so that {@code increase()} sees the
     * first event.
     */
    public void registerWriteFailures(Collection<String> targets) {
        targets.forEach(this::historyFailures);
        for (String target : targets) {
            captures(target, "captured");
            for (CaptureFailure f : CaptureFailure.values()) {
                captures(target, f.label());
            }
        }
        List.of("outbox", "dedup", "leaks").forEach(this::alertFailures);
    }

    @Override
    public void historyWriteFailed(String target) {
        historyFailures(target).increment();
    }

    @Override
    public void writeFailed(String store) {
        alertFailures(store).increment();
    }

    private Counter historyFailures(String target) {
        return Counter.builder("leakwatch.history.write.failures")
                .description("Samples that could not be recorded in the history (disk full, read-only); detection goes on in memory")
                .tags("target", target).register(bound.get());
    }

    private Counter alertFailures(String store) {
        return Counter.builder("leakwatch.alert.write.failures")
                .description("Failed writes of the alert outbox and state files (disk full, read-only); kept in memory meanwhile")
                .tags("store", store).register(bound.get());
    }
}
