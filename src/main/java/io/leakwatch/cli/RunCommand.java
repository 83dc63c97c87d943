package io.leakwatch.cli;

import io.leakwatch.attach.AttachSettings;
import io.leakwatch.attach.AttachTargetSamplerFactory;
import io.leakwatch.attach.JmxSslContext;
import io.leakwatch.attach.RmiClientTimeouts;
import io.leakwatch.config.ConfigException;
import io.leakwatch.config.ConfigReader;
import io.leakwatch.config.LeakwatchConfig;
import io.leakwatch.http.HttpServerLimits;
import io.leakwatch.model.TargetSelector;
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
    /** How the daemon reaches its targets (timeouts, back-off); also what the process-wide RMI timeouts are. */
    static final AttachSettings ATTACH = AttachSettings.defaults();

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
            AttachTargetSamplerFactory attach = new AttachTargetSamplerFactory(clock, ATTACH);
            pipeline = LeakPipeline.open(checked, attach, registry, clock, List.of(), Duration.ofSeconds(10));
            // after the pipeline: the HTTPS clients of its alert sinks keep the JDK's own TLS context
            installProcessWide(checked);
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

    /**
     * What LeakWatch sets for the whole JVM, in one place, each because the JDK reads it once per
     * process and offers no per-connection or per-server equivalent. Each is set only when the
     * operator did not set it on the command line ({@code -D}), and the adapters that need one
     * install it again (a no-op then) when they are used without this command.
     * <ul>
     *   <li>the JDK HTTP server's request and response time limits ({@code sun.net.httpserver.*}),
     *       read when its first server is made: slow clients must not starve the scrapes;</li>
     *   <li>the RMI client timeouts and connect-timeout socket factory, read at the first RMI
     *       connection: a hung or unreachable JMX target must free the thread that calls it;</li>
     *   <li>when a target uses {@code jmxTls}: the default {@code SSLContext}, the only way trust
     *       material reaches the sockets of {@code SslRMIClientSocketFactory} (see
     *       {@code JmxSslContext}).</li>
     * </ul>
     */
    static void installProcessWide(LeakwatchConfig config) {
        HttpServerLimits.install();
        RmiClientTimeouts.install(ATTACH);
        boolean jmxTls = config.targets().stream()
                .anyMatch(t -> t.selector() instanceof TargetSelector.JmxUrl jmx && jmx.tls() != null);
        if (jmxTls) {
            JmxSslContext.install(ATTACH.rmiConnectTimeout());
        }
    }

    private static Path siblingLogback(Path config) {
        Path dir = config.toAbsolutePath().getParent();
        Path candidate = dir == null ? null : dir.resolve("logback.xml");
        return candidate != null && Files.isRegularFile(candidate) ? candidate : null;
    }
}
