package io.leakwatch.markers;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Cost of one mark, steady state: every marked object dies, so the GC clears and queues the
 * references and marking expunges them as it goes. Two regimes:
 * <ul>
 *   <li>{@code markAmidWork} against {@code workOnly}: an application that spends a little work and
 *       a 2 KB object per marked object (still far more marks than a real service makes); the
 *       difference is what a mark costs there, GC included.
 *   <li>{@code markDyingObject} against {@code allocateOnly}: nothing but marking, as fast as the
 *       JVM can; every mark's reference survives one GC, so this is GC-bound, a worst case.
 *   <li>{@code markBurst}: 10,000 marks at a time, timed one burst at a time, so most bursts see
 *       no GC: the median is what the marking thread itself pays per mark.
 * </ul>
 *
 * <p>Run (about a minute; results in {@code target/jmh-markers.json}, figures recorded in
 * {@code src/test/resources/benchmarks/leak-markers.txt}):
 * <pre>
 * mvn -q -B -ntp test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.cp
 * java -cp target/test-classes:target/classes:$(cat target/test.cp) io.leakwatch.markers.LeakMarkersBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class LeakMarkersBenchmark {

    private static final int WORK_TOKENS = 200;

    private static final int OBJECT_BYTES = 2048;

    @Benchmark
    public void workOnly(Blackhole hole) {
        Blackhole.consumeCPU(WORK_TOKENS);
        hole.consume(new byte[OBJECT_BYTES]);
    }

    @Benchmark
    public void markAmidWork() {
        Blackhole.consumeCPU(WORK_TOKENS);
        LeakMarkers.expectGone(new byte[OBJECT_BYTES], "bench");
    }

    @Benchmark
    public Object allocateOnly() {
        return new byte[32];
    }

    @Benchmark
    public void markDyingObject() {
        LeakMarkers.expectGone(new byte[32], "bench");
    }

    private static final int BURST = 10_000;

    /** What the marking thread pays inline: bursts short enough that a GC rarely falls into one. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OperationsPerInvocation(BURST)
    @Warmup(iterations = 50)
    @Measurement(iterations = 200)
    public void markBurst() {
        for (int i = 0; i < BURST; i++) {
            LeakMarkers.expectGone(new byte[32], "burst");
        }
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder()
                .include(LeakMarkersBenchmark.class.getName())
                .resultFormat(ResultFormatType.JSON)
                .result("target/jmh-markers.json")
                .build()).run();
    }
}
