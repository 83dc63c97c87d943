package io.leakwatch.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real binary the deploy tests run (promtool, prometheus, prometheus-alertmanager).
 *
 * <p>Missing binaries fail the test with the install command instead of skipping it, so a CI
 * machine without them cannot pass by silence.
 */
final class ExternalTool {

    private static final String INSTALL_HINT =
            "install it with src/test/sh/install-test-deps.sh (apt-get install prometheus prometheus-alertmanager)";

    private ExternalTool() {
    }

    /** The first of {@code names} found executable on PATH, or a failure naming the install command. */
    static Path find(String... names) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String name : names) {
            for (String dir : path.split(":")) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new AssertionError("none of " + List.of(names) + " is on PATH (" + path + "); " + INSTALL_HINT);
    }

    /** Result of a finished command: exit code and merged stdout/stderr. */
    record Run(List<String> command, int exitCode, String output) {
        String describe() {
            return String.join(" ", command) + " exited " + exitCode + ":\n" + output;
        }
    }

    /** Runs a command in {@code workDir} and waits at most {@code timeout}; a hang fails the test. */
    static Run run(Path workDir, Duration timeout, String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(command));
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out;
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(String.join(" ", cmd) + " did not finish within " + timeout);
        }
        out = p.getInputStream().readAllBytes();
        return new Run(cmd, p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
