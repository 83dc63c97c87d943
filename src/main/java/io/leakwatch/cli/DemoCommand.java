package io.leakwatch.cli;

import io.leakwatch.attach.AttachTargetSamplerFactory;
import io.leakwatch.config.HttpSettings;
import io.leakwatch.config.LeakwatchConfig;
import io.leakwatch.config.Schedule;
import io.leakwatch.config.TargetConfig;
import io.leakwatch.demo.DemoConsole;
import io.leakwatch.demo.LeakyServiceProcess;
import io.leakwatch.export.TypeFilter;
import io.leakwatch.model.TargetSelector;
import io.leakwatch.sample.SampleListener;
import io.leakwatch.sample.SamplingOptions;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code leakwatch demo}: starts the bundled leaky service in its own JVM, watches it with the
 * real daemon wiring for a bounded time and prints every sample.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Watch a bundled service that leaks listeners, printing each sample.")
final class DemoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "how long to watch (default: ${DEFAULT-VALUE})")
    private Duration duration;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "2s", converter = DurationConverter.class,
            description = "time between samples (default: ${DEFAULT-VALUE})")
    private Duration interval;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "9464",
            description = "/metrics port on 127.0.0.1; a free one is used when taken (default: ${DEFAULT-VALUE})")
    private int port;

    @Option(names = "--top", paramLabel = "N", defaultValue = "5", description = "growing types shown (default: ${DEFAULT-VALUE})")
    private int top;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (port < 0 || port > 65535 || top < 1) {
            spec.commandLine().getErr().println("leakwatch: --port must be 0..65535 and --top at least 1");
            return Main.EXIT_USAGE;
        }
        CountDownLatch interrupted = new CountDownLatch(1);
        try (LeakyServiceProcess service = LeakyServiceProcess.start(Duration.ofSeconds(30))) {
            Thread hook = new Thread(() -> {
                interrupted.countDown();
                service.stop();
            }, "leakwatch-demo-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                return watch(service, out, interrupted);
            } finally {
                removeHook(hook);
            }
        }
    }

    private int watch(LeakyServiceProcess service, PrintWriter out, CountDownLatch interrupted) throws Exception {
        TargetConfig target = new TargetConfig("demo", new TargetSelector.Pid(service.pid()),
                new Schedule.Every(interval), SamplingOptions.defaults());
        Clock clock = Clock.systemUTC();
        PrometheusMeterRegistry registry = Daemon.newRegistry();
        DemoConsole console = new DemoConsole(out, top);
        List<SampleListener> consumers = SampleConsumers.forDemo(registry, console);
        try (Daemon daemon = startDaemon(target, clock, registry, consumers, out)) {
            out.printf("LeakWatch demo: watching LeakyService (pid %d), a service that registers a listener per"
                    + " request and never removes it.%nSampling every %s for %s; metrics at %s (Ctrl-C stops).%n%n",
                    service.pid(), human(interval), human(duration), daemon.metricsUrl());
            out.flush();
            interrupted.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        }
        out.printf("%ndemo finished: %d sample(s) taken.%n", console.samples());
        out.flush();
        return console.samples() > 0 ? 0 : Main.EXIT_FAILURE;
    }

    private Daemon startDaemon(TargetConfig target, Clock clock, PrometheusMeterRegistry registry,
                               List<SampleListener> consumers, PrintWriter out) throws Exception {
        AttachTargetSamplerFactory samplers = new AttachTargetSamplerFactory(clock);
        try {
            return Daemon.start(config(target, port), samplers, clock, registry, consumers);
        } catch (IOException busy) {
            if (port == 0) {
                throw busy;
            }
            out.printf("(port %d is taken; serving metrics on a free port instead)%n", port);
            return Daemon.start(config(target, 0), samplers, clock, registry, consumers);
        }
    }

    private static LeakwatchConfig config(TargetConfig target, int port) {
        return new LeakwatchConfig(List.of(target), new HttpSettings(HttpSettings.defaults().address(), port),
                LeakwatchConfig.DEFAULT_DATA_DIR, TypeFilter.defaults());
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or ran: the JVM is going down anyway
        }
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
