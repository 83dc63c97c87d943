package io.leakwatch.heap;

import io.leakwatch.testing.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Heap dumps written by real JVMs, through {@code jcmd GC.heap_dump}. */
public final class RealDumps {

    private RealDumps() {
    }

    /**
     * Starts {@code mainClass} on the JDK of {@code java} and dumps its heap with that JDK's jcmd.
     *
     * @param all     dump unreachable objects too (no GC first), so weakly held ones stay in the dump
     * @param gzip    ask the JVM for a gzip-compressed dump (JDK 15+)
     */
    public static Path dump(Path java, Class<?> mainClass, Path out, boolean all, boolean gzip, String... args)
            throws IOException, InterruptedException {
        try (ChildJvm jvm = ChildJvm.builder(mainClass).java(java).args(args).start()) {
            Path jcmd = java.resolveSibling("jcmd");
            List<String> cmd = new ArrayList<>(List.of(jcmd.toString(), Long.toString(jvm.pid()), "GC.heap_dump"));
            if (all) {
                cmd.add("-all");
            }
            if (gzip) {
                cmd.add("-gz=1");
            }
            cmd.add(out.toAbsolutePath().toString());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("jcmd GC.heap_dump timed out");
            }
            String output = new String(p.getInputStream().readAllBytes());
            if (p.exitValue() != 0 || !Files.isRegularFile(out)) {
                throw new IOException("jcmd GC.heap_dump failed (" + p.exitValue() + "): " + output);
            }
            return out;
        }
    }
}
