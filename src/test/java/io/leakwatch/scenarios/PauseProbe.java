package io.leakwatch.scenarios;

import io.leakwatch.sample.SafepointTimeParser;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The pause {@code jcmd <pid> GC.class_histogram} causes on a JVM, measured as the sampler measures
 * its own: the growth of the target's accumulated safepoint time ({@code sun.rt.safepointTime} in
 * its hsperfdata file) across the call.
 */
final class PauseProbe {

    /** One jcmd call: the target's pause and the call's wall time, in milliseconds. */
    record Measured(double pauseMillis, double wallMillis) {
    }

    private PauseProbe() {
    }

    static List<Measured> jcmdHistogram(long pid, int rounds) throws IOException, InterruptedException {
        Path perf = Path.of(System.getProperty("java.io.tmpdir"), "hsperfdata_" + System.getProperty("user.name"),
                Long.toString(pid));
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<Measured> out = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            long before = safepointNanos(perf);
            long start = System.nanoTime();
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
                    .redirectErrorStream(true).start();
            p.getInputStream().transferTo(OutputStream.nullOutputStream());
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("jcmd " + pid + " GC.class_histogram did not end within 60 s");
            }
            double wall = (System.nanoTime() - start) / 1e6;
            if (p.exitValue() != 0) {
                throw new IOException("jcmd " + pid + " GC.class_histogram exited " + p.exitValue());
            }
            out.add(new Measured((safepointNanos(perf) - before) / 1e6, wall));
        }
        return out;
    }

    private static long safepointNanos(Path perf) throws IOException {
        OptionalLong v = new SafepointTimeParser().safepointNanos(ByteBuffer.wrap(Files.readAllBytes(perf)));
        if (v.isEmpty()) {
            throw new IOException("no safepoint time in " + perf);
        }
        return v.getAsLong();
    }
}
