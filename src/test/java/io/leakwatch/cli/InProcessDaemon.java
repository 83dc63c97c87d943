package io.leakwatch.cli;

import io.leakwatch.attach.AttachTargetSamplerFactory;
import io.leakwatch.config.LeakwatchConfig;
import io.leakwatch.sample.SampleListener;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The daemon and its leak pipeline wired as {@code run} wires them, in the test's process, for
 * tests outside this package (the detection benchmark). {@code observers} hear every round after
 * the pipeline has judged it, so they can read the growth metrics that round produced.
 */
public final class InProcessDaemon implements AutoCloseable {

    private final PrometheusMeterRegistry registry;
    private final LeakPipeline pipeline;
    private final Daemon daemon;

    private InProcessDaemon(PrometheusMeterRegistry registry, LeakPipeline pipeline, Daemon daemon) {
        this.registry = registry;
        this.pipeline = pipeline;
        this.daemon = daemon;
    }

    /** Starts sampling every configured target. */
    public static InProcessDaemon start(LeakwatchConfig config, List<SampleListener> observers) throws Exception {
        Clock clock = Clock.systemUTC();
        PrometheusMeterRegistry registry = Daemon.newRegistry();
        AttachTargetSamplerFactory attach = new AttachTargetSamplerFactory(clock);
        LeakPipeline pipeline = LeakPipeline.open(config, attach, registry, clock, List.of(), Duration.ofMillis(500));
        List<SampleListener> consumers = new ArrayList<>(SampleConsumers.forRun(pipeline));
        consumers.addAll(observers);
        Daemon daemon;
        try {
            daemon = Daemon.start(config, attach, clock, registry, consumers);
        } catch (Exception e) {
            pipeline.close();
            throw e;
        }
        pipeline.reportLinks(daemon.reportsUrl());
        return new InProcessDaemon(registry, pipeline, daemon);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Stops sampling, then waits up to {@code captureWait} for a capture in progress. */
    public void close(Duration captureWait) {
        daemon.close();
        pipeline.close(captureWait);
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
