package io.leakwatch.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real JVM started by a test: runs a main class from the test classpath in a child process and
 * waits until it prints a line starting with {@code ready}. Closing it kills the process.
 *
 * <p>Used by every test that needs a real target (attach, sampling, capture, markers, e2e).
 */
public final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ChildJvm(Process process) {
        this.process = process;
        Thread pump = new Thread(this::pump, "child-jvm-" + process.pid());
        pump.setDaemon(true);
        pump.start();
    }

    /** Starts {@code mainClass} with the current JDK's {@code java}, the test classpath and a 256 MB heap. */
    public static ChildJvm start(Class<?> mainClass, String... args) throws IOException {
        return builder(mainClass).args(args).start();
    }

    /** A builder for more control (JDK, JVM options, environment). */
    public static Builder builder(Class<?> mainClass) {
        return new Builder(mainClass.getName());
    }

    /** The java launcher of the JDK running the tests. */
    public static Path currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** The JDK 25 under /usr/lib/jvm when installed, else null (tests then skip with a reason). */
    public static Path jdk25OrNull() {
        Path java = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
        return java.toFile().canExecute() ? java : null;
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                output.add(line);
                lines.add(line);
            }
        } catch (IOException ignored) {
            // the process ended; output so far stays readable
        }
    }

    /** Waits for the next line starting with {@code prefix}; fails with the output so far. */
    public String awaitLine(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                throw new IllegalStateException("no line starting with '" + prefix + "' within " + timeout
                        + " from pid " + process.pid() + " (alive=" + process.isAlive() + "); output: " + output);
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    public long pid() {
        return process.pid();
    }

    public Process process() {
        return process;
    }

    /** Everything the child printed so far (stdout and stderr merged). */
    public List<String> output() {
        return List.copyOf(output);
    }

    /** Sends SIGSTOP: the JVM hangs, as a wedged production process would. */
    public void suspend() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** Sends SIGCONT. */
    public void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        int rc = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).inheritIO().start().waitFor();
        if (rc != 0) {
            throw new IOException("kill -" + name + " " + pid() + " exited " + rc);
        }
    }

    /**
     * Waits (up to 30 s) until {@code file} exists and is not empty, then stops and kills this JVM,
     * so it surely dies in the middle of writing it (a heap dump, say).
     */
    public void killOnceWriting(Path file) {
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && !(Files.exists(file) && Files.size(file) > 0)) {
                Thread.sleep(1);
            }
            suspend();
            kill();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("could not kill " + pid() + " while it wrote " + file, e);
        }
    }

    /** SIGKILL and wait for the process to go. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException, IOException {
        if (process.isAlive()) {
            resume();
            kill();
        }
    }

    /** Options for a child JVM. */
    public static final class Builder {
        private final String mainClass;
        private Path java = currentJava();
        private final List<String> jvmOptions = new ArrayList<>(List.of("-Xmx256m", "-XX:+UseSerialGC"));
        private final List<String> args = new ArrayList<>();
        private String classpath = System.getProperty("java.class.path");
        private Duration readyTimeout = Duration.ofSeconds(60);

        private Builder(String mainClass) {
            this.mainClass = mainClass;
        }

        public Builder java(Path javaLauncher) {
            this.java = javaLauncher;
            return this;
        }

        /** Replaces the default JVM options ({@code -Xmx256m -XX:+UseSerialGC}). */
        public Builder jvmOptions(String... options) {
            jvmOptions.clear();
            jvmOptions.addAll(List.of(options));
            return this;
        }

        public Builder args(String... values) {
            args.addAll(List.of(values));
            return this;
        }

        public Builder classpath(String value) {
            this.classpath = value;
            return this;
        }

        public Builder readyTimeout(Duration value) {
            this.readyTimeout = value;
            return this;
        }

        /** Starts the JVM and waits for its {@code ready} line. */
        public ChildJvm start() throws IOException {
            List<String> command = new ArrayList<>();
            command.add(java.toString());
            command.addAll(jvmOptions);
            command.add("-cp");
            command.add(classpath);
            command.add(mainClass);
            command.addAll(args);
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            ChildJvm jvm = new ChildJvm(p);
            try {
                jvm.awaitLine("ready", readyTimeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
                throw new IOException("interrupted while waiting for " + mainClass, e);
            } catch (IllegalStateException e) {
                p.destroyForcibly();
                throw new IOException(e.getMessage(), e);
            }
            return jvm;
        }
    }
}
