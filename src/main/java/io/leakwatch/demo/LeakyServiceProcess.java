package io.leakwatch.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The demo's leaky service running in a child JVM started with this JVM's {@code java} and class
 * path. Closing it (or this JVM exiting, which closes the child's standard input) ends it.
 */
public final class LeakyServiceProcess implements AutoCloseable {

    private final Process process;

    private LeakyServiceProcess(Process process) {
        this.process = process;
    }

    /**
     * Starts the service and waits for it to report ready; {@code args} are {@link LeakyService}'s
     * (requests per second, bytes each leaked session holds).
     */
    public static LeakyServiceProcess start(Duration readyTimeout, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:+UseSerialGC",
                // JFR samples old objects at TLAB refills; a service this small refills a default
                // TLAB a few times a second, small ones give the demo's seconds-long recording samples
                "-XX:TLABSize=2k", "-XX:-ResizeTLAB",
                "-cp", System.getProperty("java.class.path"),
                LeakyService.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        LeakyServiceProcess child = new LeakyServiceProcess(p);
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread pump = new Thread(() -> pump(p, ready), "leaky-service-output");
        pump.setDaemon(true);
        pump.start();
        try {
            ready.get(readyTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return child;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.stop();
            throw new IOException("interrupted while the demo service started", e);
        } catch (ExecutionException | TimeoutException e) {
            child.stop();
            throw new IOException("the demo service did not start within " + readyTimeout + ": "
                    + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
        }
    }

    private static void pump(Process p, CompletableFuture<String> ready) {
        List<String> seen = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("ready")) {
                    ready.complete(line);
                } else if (seen.size() < 50) {
                    seen.add(line);
                }
            }
        } catch (IOException e) {
            // the child ended; handled below
        }
        ready.completeExceptionally(new IOException("exited with output " + seen));
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        stop();
    }

    /** Ends the service: closes its input (it exits by itself), then kills it if it lingers. */
    public void stop() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
