package io.leakwatch.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
 * Cost of parsing one real class histogram ({@code histograms/}, 638 and 696 rows): the scanner
 * ({@code scanner}) against the regular expressions it replaced ({@code regexes}), once with C1
 * only as the daemon runs ({@code -XX:TieredStopAtLevel=1}, see {@code src/bench/soak.sh}) and once
 * with the default tiered compilers.
 *
 * <p>Run (a few minutes; results in {@code target/jmh-histogram.json}, figures recorded in
 * {@code src/bench/results/soak.md}):
 * <pre>
 * mvn -q -B -ntp test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.cp
 * java -cp target/test-classes:target/classes:$(cat target/test.cp) io.leakwatch.sample.HistogramParserBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m", "-XX:TieredStopAtLevel=1"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class HistogramParserBenchmark {

    @Param({"jdk17-serial.txt", "jdk25-g1.txt"})
    public String histogram;

    private String text;
    private final HistogramParser scanner = new HistogramParser();
    private final RegexHistogramParser regexes = new RegexHistogramParser();

    @Setup
    public void read() {
        try (InputStream in = HistogramParserBenchmark.class.getResourceAsStream("/histograms/" + histogram)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Benchmark
    public ParsedHistogram scanner() throws HistogramFormatException {
        return scanner.parse(text);
    }

    @Benchmark
    public ParsedHistogram regexes() throws HistogramFormatException {
        return regexes.parse(text);
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
    public ParsedHistogram scannerC2() throws HistogramFormatException {
        return scanner.parse(text);
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
    public ParsedHistogram regexesC2() throws HistogramFormatException {
        return regexes.parse(text);
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder()
                .include(HistogramParserBenchmark.class.getName())
                .resultFormat(ResultFormatType.JSON)
                .result("target/jmh-histogram.json")
                .build()).run();
    }
}
