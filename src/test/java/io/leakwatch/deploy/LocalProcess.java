package io.leakwatch.deploy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server process a test starts (Prometheus, Alertmanager, the daemon), its output going to a log
 * file whose tail failures quote. Closing it stops the process: SIGTERM, then SIGKILL.
 */
final class LocalProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private LocalProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static LocalProcess start(String name, Path workDir, List<String> command) throws IOException {
        Path log = workDir.resolve(name + ".log");
        Process p = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        p.getOutputStream().close();
        return new LocalProcess(name, p, log);
    }

    /** A free port on the loopback interface (free now; a race with other processes is unlikely). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The last lines of the output, for failure messages. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return name + " (pid " + process.pid() + ", alive=" + process.isAlive() + ") output tail:\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return name + ": log unreadable: " + e.getMessage();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
    }
}
