package io.leakwatch.cli;

import io.leakwatch.config.ConfigDiff;
import io.leakwatch.config.ConfigException;
import io.leakwatch.config.ConfigProblem;
import io.leakwatch.config.ConfigReader;
import io.leakwatch.config.LeakwatchConfig;
import io.leakwatch.config.TargetConfig;
import io.leakwatch.export.ConfigReloadMetrics;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads the config file on request (SIGHUP) and applies it to the running daemon, or refuses it
 * whole. A file with any problem is rejected: every problem is logged at ERROR with file, line,
 * column and key, and the running config goes on untouched. A good file is applied target by
 * target: added targets start, removed ones stop (their series go once their last round is over),
 * changed ones get their new selector, timeouts, schedule, detection or marker settings; targets
 * that did not change are not touched at all. {@code http}, {@code dataDir}, {@code capture} and
 * {@code alerts} stay as started, with a WARN naming what needs a restart.
 *
 * <p>Reloads run one at a time on their own thread; requests during a reload make one more
 * reload after it, so the last version of the file always gets read.
 */
final class ConfigReloader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigReloader.class);

    private final Path file;
    private final ConfigReader reader;
    private final Daemon daemon;
    private final LeakPipeline pipeline;
    private final ConfigReloadMetrics metrics;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "leakwatch-config-reload");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean requested = new AtomicBoolean();
    /** The config in effect: the file's targets and export, the started-with restart-only sections. */
    private LeakwatchConfig running;

    ConfigReloader(Path file, ConfigReader reader, LeakwatchConfig running, Daemon daemon, LeakPipeline pipeline,
                   ConfigReloadMetrics metrics, Clock clock) {
        this.file = Objects.requireNonNull(file, "file");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.running = Objects.requireNonNull(running, "running");
        this.daemon = Objects.requireNonNull(daemon, "daemon");
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A reloader of {@code file} for the running daemon, called on each SIGHUP {@code hup} gets,
     * with its metrics on the daemon's registry.
     */
    static ConfigReloader onSighup(ReloadSignal hup, Path file, LeakwatchConfig running, Daemon daemon,
                                   LeakPipeline pipeline, Clock clock) {
        ConfigReloadMetrics metrics = new ConfigReloadMetrics(clock.instant());
        metrics.bindTo(daemon.registry());
        ConfigReloader reloader = new ConfigReloader(file, new ConfigReader(), running, daemon, pipeline, metrics, clock);
        hup.onReload(reloader::request);
        return reloader;
    }

    /** Asks for a reload soon, on the reload thread; returns at once (safe from a signal handler). */
    void request() {
        if (!requested.compareAndSet(false, true)) {
            return;
        }
        try {
            worker.execute(() -> {
                requested.set(false);
                try {
                    reload();
                } catch (RuntimeException e) {
                    LOG.error("Config reload of {} failed", file, e);
                }
            });
        } catch (RejectedExecutionException stopping) {
            LOG.info("Config reload not done: the daemon is stopping");
        }
    }

    /** Reads the file and applies it, or rejects it keeping the running config. Reload thread only. */
    private void reload() {
        LOG.info("Reloading the config from {}", file);
        LeakwatchConfig next;
        try {
            next = reader.read(file);
        } catch (ConfigException e) {
            metrics.rejected();
            LOG.error("Config reload rejected, the running config stays in effect; {} problem(s) in {}:",
                    e.problems().size(), file);
            for (ConfigProblem p : e.problems()) {
                LOG.error("  {}", p);
            }
            return;
        }
        ConfigDiff diff = ConfigDiff.between(running, next);
        List<String> failed = apply(diff, next);
        running = new LeakwatchConfig(next.targets(), running.http(), running.dataDir(), next.export(),
                next.detection(), running.capture(), running.alerts());
        if (!diff.restartOnly().isEmpty()) {
            LOG.warn("Config reload: {} changed, which only a restart applies; running with the settings started with",
                    diff.restartOnly());
        }
        if (!failed.isEmpty()) {
            metrics.rejected();
            LOG.error("Config reload applied only in part ({}); failed: {}", diff.summary(), failed);
            return;
        }
        metrics.applied(clock.instant());
        LOG.info("Config reloaded from {}: {}", file, diff.summary());
    }

    /**
     * Removes, changes, then adds; the pipeline learns a target before its first round. Failures
     * here are bugs or Quartz refusing a job (in-memory store): logged per target, the rest goes on.
     */
    private List<String> apply(ConfigDiff diff, LeakwatchConfig next) {
        List<String> failed = new ArrayList<>();
        for (String target : diff.removed()) {
            try {
                daemon.removeTarget(target, () -> pipeline.forget(target));
            } catch (Exception e) {
                failed.add(target);
                LOG.error("Cannot stop sampling {}", target, e);
            }
        }
        pipeline.retarget(diff);
        for (ConfigDiff.TargetChange c : diff.changed()) {
            try {
                daemon.changeTarget(c);
            } catch (Exception e) {
                failed.add(c.after().name());
                LOG.error("Cannot apply the new settings of {}", c.after().name(), e);
            }
        }
        for (TargetConfig t : diff.added()) {
            try {
                daemon.addTarget(t);
            } catch (Exception e) {
                failed.add(t.name());
                LOG.error("Cannot start sampling {}", t.name(), e);
            }
        }
        if (diff.exportChanged()) {
            daemon.exportFilter(next.export());
            pipeline.exportFilter(next.export());
        }
        return failed;
    }

    /** Stops taking requests; a reload in progress gets a few seconds to end. */
    @Override
    public void close() {
        worker.shutdown();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
