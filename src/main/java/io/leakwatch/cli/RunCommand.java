package io.leakwatch.cli;

import io.leakwatch.attach.AttachTargetSamplerFactory;
import io.leakwatch.config.ConfigException;
import io.leakwatch.config.ConfigReader;
import io.leakwatch.config.LeakwatchConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code leakwatch run}: the daemon, until stopped (SIGTERM, Ctrl-C). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Watch the JVMs of a config file, serving /metrics, until stopped.")
final class RunCommand implements Callable<Integer> {

    /** The config file {@code run} and {@code captures} read unless told another. */
    static final String DEFAULT_CONFIG = "config/leakwatch.yml";

    @Spec
    private CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = DEFAULT_CONFIG,
            description = "YAML config (default: ${DEFAULT-VALUE})")
    private Path config;

    @Option(names = "--log-config", paramLabel = "FILE",
            description = "Logback config (default: logback.xml beside the config file, else the built-in one)")
    private Path logConfig;

    @Override
    public Integer call() throws Exception {
        ReloadSignal hup = ReloadSignal.install();
        LeakwatchConfig checked;
        try {
            checked = new ConfigReader().read(config);
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("leakwatch: invalid config, nothing started:\n" + e.getMessage());
            return Main.EXIT_USAGE;
        }
        Path logback = logConfig != null ? logConfig : siblingLogback(config);
        if (logback != null) {
            try {
                LogbackSetup.configure(logback);
            } catch (IOException e) {
                spec.commandLine().getErr().println("leakwatch: " + e.getMessage());
                return Main.EXIT_USAGE;
            }
        }
        try {
            DataDirectory.prepare(checked.dataDir(), List.of(checked.reportsDirectory()));
        } catch (IOException e) {
            spec.commandLine().getErr().println("leakwatch: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        Clock clock = Clock.systemUTC();
        CountDownLatch stopped = new CountDownLatch(1);
        Daemon daemon;
        LeakPipeline pipeline;
        try {
            PrometheusMeterRegistry registry = Daemon.newRegistry();
            AttachTargetSamplerFactory attach = new AttachTargetSamplerFactory(clock);
            pipeline = LeakPipeline.open(checked, attach, registry, clock, List.of(), Duration.ofSeconds(10));
            try {
                daemon = Daemon.start(checked, attach, clock, registry, SampleConsumers.forRun(pipeline));
            } catch (IOException | RuntimeException e) {
                pipeline.close();
                throw e;
            }
        } catch (IOException e) {
            spec.commandLine().getErr().println("leakwatch: " + e.getMessage());
            return Main.EXIT_FAILURE;
        }
        pipeline.reportLinks(daemon.reportsUrl());
        ConfigReloader reloader = ConfigReloader.onSighup(hup, config, checked, daemon, pipeline, clock);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            reloader.close();
            daemon.close();
            pipeline.close();
            stopped.countDown();
        }, "leakwatch-shutdown"));
        spec.commandLine().getOut().printf("leakwatch: watching %d target(s) from %s; metrics at %s%n",
                checked.targets().size(), config, daemon.metricsUrl());
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }

    private static Path siblingLogback(Path config) {
        Path dir = config.toAbsolutePath().getParent();
        Path candidate = dir == null ? null : dir.resolve("logback.xml");
        return candidate != null && Files.isRegularFile(candidate) ? candidate : null;
    }
}
