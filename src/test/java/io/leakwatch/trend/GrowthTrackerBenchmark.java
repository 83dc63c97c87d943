package io.leakwatch.trend;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import io.leakwatch.model.ClassHistogram;
import io.leakwatch.model.HistogramEntry;
import io.leakwatch.model.Sample;
import io.leakwatch.model.TargetIdentity;

/**
 * What the daemon pays per sample for growth detection: one {@link GrowthTracker#update} of a
 * target whose windows are full ({@link DetectorSettings#defaults()} but no warm-up, samples every
 * 10 s as in {@code src/bench/soak.sh}), with a histogram of 700 types whose sizes follow a heavy
 * tail like a real service's, each with a little noise. C1 only, as the daemon runs. Uses only the
 * public API, so the same file measures older trees too.
 *
 * <p>Run (about a minute; results in {@code target/jmh-tracker.json}, figures recorded in
 * {@code src/bench/results/soak.md}):
 * <pre>
 * mvn -q -B -ntp test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.cp
 * java -cp target/test-classes:target/classes:$(cat target/test.cp) io.leakwatch.trend.GrowthTrackerBenchmark
 * java -XX:TieredStopAtLevel=1 -cp ... io.leakwatch.trend.GrowthTrackerBenchmark cpu   # CPU time per update
 * </pre>
 * The {@code cpu} form reports the thread's CPU time per update instead of wall time, which a
 * machine shared with other work inflates less.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m", "-XX:TieredStopAtLevel=1"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class GrowthTrackerBenchmark {

    private static final int TYPES = 700;
    private static final int VARIANTS = 64;
    private static final TargetIdentity IDENTITY = new TargetIdentity(4242, 1_700_000_000_000L, "demo.Main", "17");

    /** Interval between samples; 10 s fills the 120-point window in 20 minutes, too short in time to be judged. */
    @Param({"10"})
    public int intervalSeconds;

    private GrowthTracker tracker;
    private final List<ClassHistogram> histograms = new ArrayList<>();
    private long atMillis;
    private int next;

    @Setup
    public void fill() {
        Random r = new Random(7);
        long[] bytes = new long[TYPES];
        for (int t = 0; t < TYPES; t++) {
            bytes[t] = (long) (64 * Math.pow(t + 1, -1.3) * 40_000_000);
        }
        for (int v = 0; v < VARIANTS; v++) {
            List<HistogramEntry> entries = new ArrayList<>(TYPES);
            for (int t = 0; t < TYPES; t++) {
                long b = Math.max(16, Math.round(bytes[t] * (1 + 0.02 * r.nextGaussian())) / 16 * 16);
                entries.add(new HistogramEntry("com.example.Type" + t, "", b / 16, b));
            }
            histograms.add(ClassHistogram.of(entries));
        }
        tracker = new GrowthTracker(DetectorSettings.defaults().toBuilder().warmUp(Duration.ZERO).build());
        atMillis = IDENTITY.startTimeMillis();
        for (int i = 0; i < 200; i++) {
            update();
        }
    }

    @Benchmark
    public TargetVerdicts update() {
        atMillis += intervalSeconds * 1000L;
        ClassHistogram h = histograms.get(next++ % VARIANTS);
        return tracker.update(new Sample("t", IDENTITY, Instant.ofEpochMilli(atMillis), h.totalBytes(), h, List.of(),
                Duration.ofMillis(5), Duration.ofMillis(20)));
    }

    public static void main(String[] args) throws RunnerException {
        if (args.length > 0 && args[0].equals("cpu")) {
            cpuTimePerUpdate();
            return;
        }
        new Runner(new OptionsBuilder()
                .include(GrowthTrackerBenchmark.class.getName())
                .resultFormat(ResultFormatType.JSON)
                .result("target/jmh-tracker.json")
                .build()).run();
    }

    private static void cpuTimePerUpdate() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        GrowthTrackerBenchmark b = new GrowthTrackerBenchmark();
        b.intervalSeconds = 10;
        b.fill();
        for (int round = 0; round < 8; round++) {
            long cpu = threads.getCurrentThreadCpuTime();
            int n = 1000;
            for (int i = 0; i < n; i++) {
                b.update();
            }
            System.out.printf("round %d: %.0f us CPU per update%n", round, (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / n);
        }
    }
}
