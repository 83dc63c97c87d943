package io.leakwatch.cli;

import io.leakwatch.capture.ReportFiles;
import io.leakwatch.config.LeakwatchConfig;
import io.leakwatch.config.TargetConfig;
import io.leakwatch.export.HeapMetrics;
import io.leakwatch.export.MarkerMetrics;
import io.leakwatch.export.TargetHealthMetrics;
import io.leakwatch.export.TypeMetrics;
import io.leakwatch.http.MetricsServer;
import io.leakwatch.sample.SampleListener;
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
 * The running daemon, wired from a checked config: a Prometheus registry with the exporters, the
 * HTTP endpoint, and a sampler per target on the Quartz schedule. Every round goes to the
 * exporters first, then to the consumers given (log, console, growth detection, ...).
 */
public final class Daemon implements AutoCloseable {

    private final PrometheusMeterRegistry registry;
    private final MetricsServer server;
    private final SamplingScheduler scheduler;

    private Daemon(PrometheusMeterRegistry registry, MetricsServer server, SamplingScheduler scheduler) {
        this.registry = registry;
        this.server = server;
        this.scheduler = scheduler;
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
        TargetHealthMetrics health = new TargetHealthMetrics(registry);
        SampleFanout fanout = new SampleFanout()
                .add(health)
                .add(new HeapMetrics(registry))
                .add(new TypeMetrics(registry, config.export()))
                .add(new MarkerMetrics(registry));
        consumers.forEach(fanout::add);
        MetricsServer server = MetricsServer.start(registry, config.http(),
                new ReportFiles(config.reportsDirectory()));
        List<SamplingScheduler.Entry> entries = new ArrayList<>();
        try {
            for (TargetConfig t : config.targets()) {
                health.register(t.name());
                entries.add(new SamplingScheduler.Entry(samplers.create(t.name(), t.selector(), t.sampling()), t.schedule()));
            }
            SamplingScheduler scheduler = new SamplingScheduler(entries, fanout, clock);
            scheduler.start();
            return new Daemon(registry, server, scheduler);
        } catch (SchedulerException | RuntimeException e) {
            entries.forEach(en -> en.sampler().close());
            server.close();
            throw e;
        }
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

    /** The HTTP port actually bound. */
    public int httpPort() {
        return server.port();
    }

    /** Stops sampling (without waiting for a hung round), then the HTTP endpoint. */
    @Override
    public void close() {
        scheduler.close();
        server.close();
        registry.close();
    }
}
