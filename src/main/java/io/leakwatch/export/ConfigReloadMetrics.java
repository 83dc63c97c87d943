package io.leakwatch.export;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Instant;
import java.util.Objects;

/**
 * Config reloads:
 * <pre>
 * leakwatch_config_reloads_total{outcome}                   outcome = applied | rejected
 * leakwatch_config_last_reload_successful                   1 when the last load or reload was applied, 0 when rejected
 * leakwatch_config_last_reload_success_timestamp_seconds    when the running config was loaded (start or reload)
 * </pre>
 * The initial load at start-up counts as a success (timestamp set) but not as a reload.
 */
public final class ConfigReloadMetrics implements MeterBinder {

    private final BoundRegistry bound = new BoundRegistry("ConfigReloadMetrics");
    private volatile double lastSuccessful = 1;
    private volatile double lastSuccessSeconds;

    /** @param loadedAt when the config the daemon started with was read */
    public ConfigReloadMetrics(Instant loadedAt) {
        this.lastSuccessSeconds = seconds(Objects.requireNonNull(loadedAt, "loadedAt"));
    }

    /** Both outcomes' counters at 0 and the two gauges. */
    @Override
    public void bindTo(MeterRegistry registry) {
        bound.bind(registry);
        counter(registry, "applied");
        counter(registry, "rejected");
        Gauge.builder("leakwatch.config.last.reload.successful", this, m -> m.lastSuccessful)
                .description("1 when the last config reload was applied (or none was tried), 0 when it was rejected")
                .strongReference(true).register(registry);
        Gauge.builder("leakwatch.config.last.reload.success.timestamp", this, m -> m.lastSuccessSeconds)
                .description("When the running config was loaded, at start-up or by the last applied reload")
                .baseUnit("seconds").strongReference(true).register(registry);
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder("leakwatch.config.reloads")
                .description("Config reloads (SIGHUP) by outcome: applied, or rejected with the running config kept")
                .baseUnit("reloads").tags("outcome", outcome).register(registry);
    }

    /** A reload that took effect at {@code at}. */
    public void applied(Instant at) {
        counter(bound.get(), "applied").increment();
        lastSuccessful = 1;
        lastSuccessSeconds = seconds(at);
    }

    /** A reload refused; the running config stays. */
    public void rejected() {
        counter(bound.get(), "rejected").increment();
        lastSuccessful = 0;
    }

    private static double seconds(Instant at) {
        return at.getEpochSecond() + at.getNano() / 1e9;
    }
}
