package io.leakwatch.cli;

import io.leakwatch.capture.ReportFiles;
import io.leakwatch.config.ConfigDiff;
import io.leakwatch.config.LeakwatchConfig;
import io.leakwatch.config.TargetConfig;
import io.leakwatch.export.SelfMetrics;
import io.leakwatch.export.TargetHealthMetrics;
import io.leakwatch.export.TypeFilter;
import io.leakwatch.http.MetricsServer;
import io.leakwatch.sample.SampleListener;
import io.leakwatch.sample.TargetSampler;
import io.leakwatch.sample.TargetSamplerFactory;
import io.leakwatch.schedule.SampleFanout;
import io.leakwatch.schedule.SamplingScheduler;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.quartz.SchedulerException;

/**
 * The running daemon, wired from a checked config: a Prometheus registry with the exporters and the
 * daemon's own JVM and process metrics, the HTTP endpoint, and a sampler per target on the Quartz schedule. Every round goes to the
 * exporters first, then to the consumers given (log, console, growth detection, ...).
 */
public final class Daemon implements AutoCloseable {

    private final PrometheusMeterRegistry registry;
    private final MetricsServer server;
    private final SamplingScheduler scheduler;
    private final Exporters exporters;
    private final TargetSamplerFactory samplers;
    private final SelfMetrics self;

    private Daemon(PrometheusMeterRegistry registry, MetricsServer server, SamplingScheduler scheduler,
                   Exporters exporters, TargetSamplerFactory samplers, SelfMetrics self) {
        this.registry = registry;
        this.self = self;
        this.server = server;
        this.scheduler = scheduler;
        this.exporters = exporters;
        this.samplers = samplers;
    }

    /**
     * Starts serving metrics and sampling. The registry is the caller's so consumers can bind
     * their own meters to it; closing the daemon closes it.
     *
     * @throws IOException when the HTTP address cannot be bound; nothing is left running
     */
    public static Daemon start(LeakwatchConfig config, TargetSamplerFactory samplers, Clock clock,
                               PrometheusMeterRegistry registry, List<SampleListener> consumers)
            throws IOException, SchedulerException {
        Exporters exporters = new Exporters(registry, config.export());
        TargetHealthMetrics health = exporters.health();
        SampleFanout fanout = exporters.fanout();
        consumers.forEach(fanout::add);
        SelfMetrics self = new SelfMetrics(SelfMetrics.BuildInfo.load());
        self.bindTo(registry);
        MetricsServer server;
        try {
            server = MetricsServer.start(registry, config.http(), new ReportFiles(config.reportsDirectory()));
        } catch (IOException | RuntimeException e) {
            self.close();
            throw e;
        }
        List<SamplingScheduler.Entry> entries = new ArrayList<>();
        try {
            for (TargetConfig t : config.targets()) {
                health.register(t.name());
                entries.add(new SamplingScheduler.Entry(samplers.create(t.name(), t.selector(), t.sampling()), t.schedule()));
            }
            SamplingScheduler scheduler = new SamplingScheduler(entries, fanout, clock);
            scheduler.start();
            server.markReady();
            return new Daemon(registry, server, scheduler, exporters, samplers, self);
        } catch (SchedulerException | RuntimeException e) {
            entries.forEach(en -> en.sampler().close());
            server.close();
            self.close();
            throw e;
        }
    }

    /** Starts sampling a target added by a config reload, its first round right away. */
    void addTarget(TargetConfig t) throws SchedulerException {
        exporters.health().register(t.name());
        scheduler.add(new SamplingScheduler.Entry(samplers.create(t.name(), t.selector(), t.sampling()), t.schedule()));
    }

    /**
     * Applies a reloaded target's selector, timeouts and schedule: a new sampler only when the
     * selector or the timeouts changed (the old one finishes its round in flight first).
     */
    void changeTarget(ConfigDiff.TargetChange change) throws SchedulerException {
        TargetConfig t = change.after();
        SamplingScheduler.Entry running = scheduler.entry(t.name())
                .orElseThrow(() -> new IllegalStateException("target " + t.name() + " is not sampled"));
        TargetSampler sampler = change.samplerChanged() ? samplers.create(t.name(), t.selector(), t.sampling())
                : running.sampler();
        scheduler.replace(new SamplingScheduler.Entry(sampler, t.schedule()));
    }

    /**
     * Stops sampling a target a config reload removed. Once its round in flight, if any, is over,
     * its series go and {@code afterLastRound} runs (on another thread).
     */
    void removeTarget(String target, Runnable afterLastRound) throws SchedulerException {
        scheduler.remove(target, () -> {
            exporters.forget(target);
            afterLastRound.run();
        });
    }

    /** Which types get per-type series from each target's next round on. */
    void exportFilter(TypeFilter filter) {
        exporters.filter(filter);
    }

    /** The registry the daemon serves. */
    PrometheusMeterRegistry registry() {
        return registry;
    }

    /** A registry for a daemon: Prometheus naming, nothing global. */
    public static PrometheusMeterRegistry newRegistry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    /** The metrics URL actually served. */
    public String metricsUrl() {
        return server.url();
    }

    /** Where report files are served: {@code http://address:port/reports/}. */
    public String reportsUrl() {
        String metrics = server.url();
        return metrics.substring(0, metrics.lastIndexOf('/') + 1) + "reports/";
    }

    /** Stops sampling (without waiting for a hung round), then the HTTP endpoint. */
    @Override
    public void close() {
        scheduler.close();
        server.close();
        self.close();
        registry.close();
    }
}
