package io.leakwatch.cli;

import io.leakwatch.alert.AlertLinks;
import io.leakwatch.alert.AlertPolicy;
import io.leakwatch.alert.AlertSinkSettings;
import io.leakwatch.alert.HttpTimeouts;
import io.leakwatch.attach.AttachTargetSamplerFactory;
import io.leakwatch.capture.CapturePolicy;
import io.leakwatch.config.AlertSettings;
import io.leakwatch.config.CaptureSettings;
import io.leakwatch.http.HttpSettings;
import io.leakwatch.config.LeakwatchConfig;
import io.leakwatch.config.MarkerSettings;
import io.leakwatch.schedule.Schedule;
import io.leakwatch.config.TargetConfig;
import io.leakwatch.demo.DemoAlertSink;
import io.leakwatch.demo.DemoConsole;
import io.leakwatch.demo.LeakyServiceProcess;
import io.leakwatch.export.TypeFilter;
import io.leakwatch.model.TargetSelector;
import io.leakwatch.pipeline.AllocationSettings;
import io.leakwatch.sample.SampleListener;
import io.leakwatch.sample.SamplingOptions;
import io.leakwatch.trend.DetectorSettings;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code leakwatch demo}: starts the bundled leaky service in its own JVM and watches it with the
 * real daemon wiring (detection tuned to seconds instead of hours) until the leak is confirmed,
 * captured, analyzed and alerted with its retention chain, or {@code --duration} ends.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Watch a bundled service that leaks listeners until LeakWatch alerts with the chain that holds them.")
final class DemoCommand implements Callable<Integer> {

    /**
     * Hours of evidence shrunk to seconds: judged from 6 samples over 8 s after 2 s of warm-up,
     * confirmed after 3 positive evaluations in a row. Only for a service that leaks fast. Types
     * from 8 KiB up are tracked, so the small listener objects are judged from the first seconds.
     */
    private static final DetectorSettings DEMO_DETECTION = DetectorSettings.defaults().toBuilder()
            .warmUp(Duration.ofSeconds(2)).minSamples(6).minSpan(Duration.ofSeconds(8))
            .sawtoothPeriod(Duration.ofSeconds(2)).maxSamples(60).maxAge(Duration.ofMinutes(2))
            .confirmAfter(3).typeFloorBytes(8 << 10).maxTrackedTypes(200).build();
    /**
     * Allocation sampling from the first sample: with detection shrunk to seconds a leak is
     * confirmed 3 s after it is suspected, too short for old-object samples to gather; a real
     * target stays suspect for minutes.
     */
    private static final AllocationSettings DEMO_ALLOCATIONS = new AllocationSettings(true, true,
            Duration.ofMinutes(5), List.of(), 3, 3);
    /** Closed sessions may live this long before they count as leaked. */
    private static final Duration MARKER_GRACE = Duration.ofSeconds(5);

    @Spec
    private CommandSpec spec;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "90s", converter = DurationConverter.class,
            description = "longest time to watch; the demo ends earlier once the leak is alerted (default: ${DEFAULT-VALUE})")
    private Duration duration;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "time between samples (default: ${DEFAULT-VALUE})")
    private Duration interval;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "keep history, captures and reports here (default: a temporary directory, deleted at the end)")
    private Path dataDir;

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
        boolean temporary = dataDir == null;
        Path data = temporary ? Files.createTempDirectory("leakwatch-demo-") : dataDir;
        TargetConfig target = new TargetConfig("demo", new TargetSelector.Pid(service.pid()), new Schedule.Every(interval),
                SamplingOptions.defaults(), DEMO_DETECTION, new MarkerSettings(List.of(), MARKER_GRACE));
        Clock clock = Clock.systemUTC();
        PrometheusMeterRegistry registry = Daemon.newRegistry();
        DemoConsole console = new DemoConsole(out, top);
        DemoAlertSink alerts = new DemoAlertSink(out);
        LeakwatchConfig config = config(target, port, data);
        RunCommand.installProcessWide(config);
        AttachTargetSamplerFactory attach = new AttachTargetSamplerFactory(clock, RunCommand.ATTACH);
        long started = System.nanoTime();
        boolean explained;
        try (LeakPipeline pipeline = LeakPipeline.open(config, attach, registry, clock,
                List.of(alerts), Duration.ofSeconds(1));
             Daemon daemon = startDaemon(target, data, attach, clock, registry,
                     SampleConsumers.forDemo(console, pipeline), out)) {
            pipeline.reportLinks(daemon.reportsUrl());
            out.printf("LeakWatch demo: watching LeakyService (pid %d), a service that registers a listener per"
                    + " request and never removes it.%nSampling every %s for at most %s; metrics at %s (Ctrl-C stops).%n"
                    + "Detection is tuned for the demo: growth over %s of samples, closed sessions alive after %s.%n%n",
                    service.pid(), human(interval), human(duration), daemon.metricsUrl(), human(DEMO_DETECTION.minSpan()),
                    human(MARKER_GRACE));
            out.flush();
            explained = awaitAlert(alerts, interrupted);
        } finally {
            if (temporary) {
                deleteTree(data);
            }
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        if (explained) {
            out.printf("%ndemo finished: leak detected, captured, analysed and alerted after %d s (%d samples).%n",
                    seconds, console.samples());
        } else {
            out.printf("%ndemo finished after %d s (%d samples) without a complete alert.%n", seconds, console.samples());
        }
        if (!temporary) {
            out.printf("history, captures and reports are in %s%n", data);
        }
        out.flush();
        return console.samples() > 0 ? 0 : Main.EXIT_FAILURE;
    }

    private boolean awaitAlert(DemoAlertSink alerts, CountDownLatch interrupted) throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        while (interrupted.getCount() > 0) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return false;
            }
            if (alerts.awaitExplained(Math.min(left, 200))) {
                return true;
            }
        }
        return false;
    }

    private Daemon startDaemon(TargetConfig target, Path data, AttachTargetSamplerFactory attach, Clock clock,
                               PrometheusMeterRegistry registry, List<SampleListener> consumers, PrintWriter out)
            throws Exception {
        try {
            return Daemon.start(config(target, port, data), attach, clock, registry, consumers);
        } catch (IOException busy) {
            if (port == 0) {
                throw busy;
            }
            out.printf("(port %d is taken; serving metrics on a free port instead)%n", port);
            return Daemon.start(config(target, 0, data), attach, clock, registry, consumers);
        }
    }

    private static LeakwatchConfig config(TargetConfig target, int port, Path data) {
        CapturePolicy policy = CapturePolicy.defaults().withMinInterval(Duration.ofSeconds(1))
                .withQuotaBytes(1L << 30).withFreeSpaceReserveBytes(64L << 20).withDumpTimeout(Duration.ofSeconds(60));
        return new LeakwatchConfig(List.of(target), new HttpSettings(HttpSettings.defaults().address(), port), data,
                TypeFilter.defaults(), DEMO_DETECTION, new CaptureSettings(true, data.resolve("captures"), policy),
                new AlertSettings(new AlertSinkSettings(HttpTimeouts.defaults(), Optional.empty(), Duration.ofHours(1),
                        Optional.empty(), Map.of(), Optional.empty(), false, AlertLinks.none()), AlertPolicy.defaults()),
                DEMO_ALLOCATIONS);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
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
