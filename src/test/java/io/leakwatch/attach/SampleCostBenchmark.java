package io.leakwatch.attach;

import io.leakwatch.attach.targets.CommandTarget;
import io.leakwatch.sample.SamplingOptions;
import io.leakwatch.testing.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one sample costs on a target holding about a million live objects, and how its pause
 * compares with {@code jcmd <pid> GC.class_histogram} alone on the same JVM. Not a test: run it
 * with the command in {@code src/bench/results/sample-cost.md}, which also keeps the last results.
 *
 * <p>Each round opens a fresh connection (attach, agent, JMX), takes a sample, closes, then runs
 * jcmd. Pauses are compared as the target's own {@code -Xlog:safepoint} reports the
 * {@code GC_HeapInspection} safepoint (Total), beside the pause the sampler measured.
 */
public final class SampleCostBenchmark {

    private static final Pattern HEAP_INSPECTION = Pattern.compile("Safepoint \"GC_HeapInspection\".*Total: (\\d+) ns");

    private SampleCostBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int objects = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path out = Path.of(args.length > 2 ? args[2] : "target/bench/sample-cost.txt");
        SamplingOptions options = new SamplingOptions(Duration.ofSeconds(30), Duration.ofSeconds(60));
        RemoteCalls calls = new RemoteCalls(4);
        JvmConnector connector = new JvmConnector(AttachSettings.defaults().rmiConnectTimeout());
        JvmSampleTaker taker = new JvmSampleTaker();
        List<String> lines = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        lines.add("# " + Instant.now() + " objects=" + objects + " rounds=" + rounds + " java=" + System.getProperty("java.version")
                + " cores=" + Runtime.getRuntime().availableProcessors());
        lines.add("round attach_ms histogram_ms parse_ms pause_ms(sampler) pause_ms(safepoint log) live_heap_mb instances"
                + " | jcmd_wall_ms jcmd_pause_ms(safepoint log)");
        try (ChildJvm jvm = ChildJvm.builder(CommandTarget.class)
                .jvmOptions("-Xmx512m", "-XX:+UseSerialGC", "-Xlog:safepoint").args(Integer.toString(objects)).start()) {
            for (int round = 1; round <= rounds; round++) {
                CallGate gate = new CallGate(calls, "pid " + jvm.pid());
                long start = System.nanoTime();
                JvmConnection connection = connector.open(new JvmAddress.Local(jvm.pid()), gate, options);
                Duration attach = Duration.ofNanos(System.nanoTime() - start);
                JvmSampleTaker.Taken taken = taker.take("bench", connection, Instant.now(), start, attach);
                connection.close();
                long samplerLogged = lastHeapInspection(jvm, 2 * round - 1);

                long jcmdStart = System.nanoTime();
                Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        Long.toString(jvm.pid()), "GC.class_histogram").redirectErrorStream(true).start();
                jcmd.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                jcmd.waitFor();
                long jcmdWall = System.nanoTime() - jcmdStart;
                long jcmdLogged = lastHeapInspection(jvm, 2 * round);

                SampleTimings t = taken.timings();
                rows.add(new double[] {ms(t.connect().toNanos()), ms(t.histogram().toNanos()), ms(t.parse().toNanos()),
                        ms(t.pause().toNanos()), ms(samplerLogged), ms(jcmdWall), ms(jcmdLogged)});
                lines.add(String.format(Locale.ROOT, "%d %.1f %.1f %.1f %.1f %.1f %.1f %d | %.1f %.1f", round,
                        ms(t.connect().toNanos()), ms(t.histogram().toNanos()), ms(t.parse().toNanos()),
                        ms(t.pause().toNanos()), ms(samplerLogged), taken.sample().liveHeapBytes() / 1048576.0,
                        taken.sample().histogram().totalInstances(), ms(jcmdWall), ms(jcmdLogged)));
                System.out.println(lines.get(lines.size() - 1));
            }
        }
        lines.add(String.format(Locale.ROOT, "median of rounds 2..%d (round 1 starts the agent and warms up):"
                + " attach %.1f, histogram %.1f, parse %.1f, pause %.1f (log %.1f) | jcmd wall %.1f, jcmd pause %.1f",
                rounds, median(rows, 0), median(rows, 1), median(rows, 2), median(rows, 3), median(rows, 4),
                median(rows, 5), median(rows, 6)));
        System.out.println(lines.get(lines.size() - 1));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, lines, StandardCharsets.UTF_8);
        System.out.println("results in " + out.toAbsolutePath());
    }

    /** The Total of the {@code n}-th GC_HeapInspection safepoint the target logged, waiting for it. */
    private static long lastHeapInspection(ChildJvm jvm, int n) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            List<Long> totals = new ArrayList<>();
            for (String line : jvm.output()) {
                Matcher m = HEAP_INSPECTION.matcher(line);
                if (m.find()) {
                    totals.add(Long.parseLong(m.group(1)));
                }
            }
            if (totals.size() >= n) {
                return totals.get(n - 1);
            }
            Thread.sleep(20);
        }
        throw new IOException("target logged no GC_HeapInspection safepoint #" + n + "; output " + jvm.output());
    }

    private static double median(List<double[]> rows, int column) {
        double[] values = rows.stream().skip(1).mapToDouble(r -> r[column]).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
