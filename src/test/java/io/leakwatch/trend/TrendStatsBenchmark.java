package io.leakwatch.trend;

import java.time.Duration;
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

/**
 * Cost of the growth statistics over one full window ({@code points}, 120 by default as in
 * {@link DetectorSettings#defaults()}) of a noisy, slowly rising byte count: the fast versions
 * against the old ones kept in {@link ReferenceStats} (a detector on {@link ReferenceStats#PLAIN}), with C1
 * only as the daemon runs ({@code -XX:TieredStopAtLevel=1}, see {@code src/bench/soak.sh}).
 * {@code assessUnjudged} is a window too short in time to be judged (samples every 10 s: only the
 * slope and level are computed), {@code assessJudged} one that runs every test (samples every
 * minute, a leak).
 *
 * <p>Run (about two minutes; results in {@code target/jmh-trend.json}, figures recorded in
 * {@code src/bench/results/soak.md}):
 * <pre>
 * mvn -q -B -ntp test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.cp
 * java -cp target/test-classes:target/classes:$(cat target/test.cp) io.leakwatch.trend.TrendStatsBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m", "-XX:TieredStopAtLevel=1"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TrendStatsBenchmark {

    @Param({"120"})
    public int points;

    private double[] x;
    private double[] y;
    private long[] every10s;
    private long[] everyMinute;
    private final DetectorSettings settings = DetectorSettings.defaults().toBuilder()
            .warmUp(Duration.ZERO).minSpan(Duration.ofHours(1)).sawtoothPeriod(Duration.ofMinutes(15)).build();
    private final GrowthDetector fast = new GrowthDetector(settings);
    private final GrowthDetector reference = new GrowthDetector(settings, ReferenceStats.PLAIN);

    @Setup
    public void series() {
        Random r = new Random(42);
        x = new double[points];
        y = new double[points];
        every10s = new long[points];
        everyMinute = new long[points];
        for (int i = 0; i < points; i++) {
            every10s[i] = 1_700_000_000_000L + i * 10_000L;
            everyMinute[i] = 1_700_000_000_000L + i * 60_000L;
            x[i] = i / 60.0;
            y[i] = Math.round(50e6 + 4e6 * x[i] + 200e3 * r.nextGaussian());
        }
    }

    @Benchmark
    public double theilSen() {
        return RobustStats.theilSenSlope(x, y, 0, points, null);
    }

    @Benchmark
    public double theilSenReference() {
        return ReferenceStats.theilSenSlope(x, y, 0, points, null);
    }

    @Benchmark
    public long mannKendall() {
        return MannKendall.statistic(y, 0, points);
    }

    @Benchmark
    public long mannKendallReference() {
        return ReferenceStats.statistic(y, 0, points);
    }

    @Benchmark
    public Assessment assessUnjudged() {
        return fast.assess(every10s, y, points, 0, 1 << 20);
    }

    @Benchmark
    public Assessment assessUnjudgedReference() {
        return reference.assess(every10s, y, points, 0, 1 << 20);
    }

    @Benchmark
    public Assessment assessJudged() {
        return fast.assess(everyMinute, y, points, 0, 1 << 20);
    }

    @Benchmark
    public Assessment assessJudgedReference() {
        return reference.assess(everyMinute, y, points, 0, 1 << 20);
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder()
                .include(TrendStatsBenchmark.class.getName())
                .resultFormat(ResultFormatType.JSON)
                .result("target/jmh-trend.json")
                .build()).run();
    }
}
