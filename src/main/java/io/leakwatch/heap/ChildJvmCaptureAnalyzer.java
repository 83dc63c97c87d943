package io.leakwatch.heap;

import io.leakwatch.capture.CaptureAnalyzer;
import io.leakwatch.files.Json;
import io.leakwatch.files.PrivateFiles;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Analyses each dump in a child JVM ({@link AnalysisChildMain} running {@link HprofCaptureAnalyzer}
 * with the daemon's own class path): the index of a dump needs a heap of up to about the dump's size,
 * and an OutOfMemoryError, a crash or a long GC there never touch the daemon that samples every
 * target. The child is killed, with anything it started, after the timeout and when the daemon
 * stops; it also exits by itself when the daemon dies.
 */
public final class ChildJvmCaptureAnalyzer implements CaptureAnalyzer, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChildJvmCaptureAnalyzer.class);
    /** Written by the child inside the (private) report directory, read and deleted by the daemon. */
    static final String RESULT_FILE = ".analysis-result.json";
    /** The capture's context for the report, written by the daemon for the child, deleted after it. */
    static final String CONTEXT_FILE = ".capture-context.json";
    private static final int TAIL_LINES = 15;
    private static final int OOM_EXIT = 3;
    private static final Duration REAP = Duration.ofSeconds(10);

    private final Path java;
    private final String classPath;
    private final int top;
    private final int limit;
    private final long heapBytes;
    private final Duration timeout;
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * Runs the children on this JVM's {@code java} and class path.
     *
     * @param top       signatures reported per type or marker label
     * @param limit     instances analyzed per type at most (0 = all)
     * @param heapBytes the child's {@code -Xmx}, or 0 to size it by each dump ({@link AnalysisHeapSize})
     * @param timeout   the child is killed after this long
     */
    public ChildJvmCaptureAnalyzer(int top, int limit, long heapBytes, Duration timeout) {
        this(Path.of(System.getProperty("java.home"), "bin", "java"), System.getProperty("java.class.path"),
                top, limit, heapBytes, timeout);
    }

    ChildJvmCaptureAnalyzer(Path java, String classPath, int top, int limit, long heapBytes, Duration timeout) {
        this.java = Objects.requireNonNull(java, "java");
        this.classPath = Objects.requireNonNull(classPath, "classPath");
        this.top = top;
        this.limit = limit;
        this.heapBytes = heapBytes;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public AnalysisResult analyze(Request request) {
        if (closed) {
            return failed(request, "the daemon is stopping; no analysis started");
        }
        Path resultFile = request.reportDirectory().resolve(RESULT_FILE);
        Path contextFile = request.reportDirectory().resolve(CONTEXT_FILE);
        long started = System.nanoTime();
        Process child;
        long heap;
        try {
            Files.deleteIfExists(resultFile);
            Files.deleteIfExists(contextFile);
            if (request.context() != null) {
                PrivateFiles.writeNew(contextFile, out -> Json.MAPPER.writeValue(out, request.context()));
            }
            heap = heapFor(request.dump());
            child = new ProcessBuilder(command(request, heap, resultFile, request.context() == null ? null : contextFile))
                    .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        } catch (IOException e) {
            deleteQuietly(contextFile);
            return failed(request, "cannot start the analysis JVM " + java + ": " + e.getMessage());
        }
        running.add(child);
        try {
            OutputTail tail = OutputTail.follow(child);
            if (closed) {
                kill(child);
            }
            if (!child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(child);
                return failed(request, "the analysis of " + request.dump() + " timed out after " + timeout
                        + "; the analysis JVM (pid " + child.pid() + ") was killed; raise capture.analysisTimeout"
                        + " for dumps this large");
            }
            int code = child.exitValue();
            List<String> output = tail.await(REAP);
            if (code != 0) {
                return failed(request, closed ? "the daemon is stopping; the analysis JVM was killed"
                        : exitReason(code, heap, output));
            }
            ChildResult result = ChildResult.read(resultFile);
            LOG.info("Analysis of {} in a child JVM took {} ms ({}), analysis JVM peak RSS {} MB", request.dump(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                    result.failure() == null ? "analysed" : "failed", result.peakRssBytes() >> 20);
            return result.toResult();
        } catch (IOException e) {
            return failed(request, "the analysis JVM exited 0 but its result " + resultFile + " is unreadable: " + e);
        } catch (InterruptedException e) {
            kill(child);
            Thread.currentThread().interrupt();
            return failed(request, "interrupted while the analysis JVM ran; it was killed");
        } finally {
            running.remove(child);
            deleteQuietly(resultFile);
            deleteQuietly(contextFile);
        }
    }

    /** {@code contextFile} is null when the request has no capture context. */
    private List<String> command(Request request, long heap, Path resultFile, Path contextFile) {
        List<String> cmd = new ArrayList<>(List.of(java.toString(),
                "-Xmx" + Math.max(1, heap >> 20) + "m",
                "-XX:+UseSerialGC",
                "-XX:+ExitOnOutOfMemoryError",
                // not listed among the JVMs to watch, and no shared hsperfdata file to clean up
                "-XX:-UsePerfData",
                "-Djava.awt.headless=true",
                // a .hprof.gz dump is inflated there: the same private place the daemon would use
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp", classPath,
                AnalysisChildMain.class.getName(),
                Long.toString(ProcessHandle.current().pid()),
                resultFile.toString(),
                request.dump().toString(),
                request.reportDirectory().toString(),
                Integer.toString(top),
                Integer.toString(limit),
                Boolean.toString(request.includeMarkers()),
                contextFile == null ? AnalysisChildMain.NO_CONTEXT : contextFile.toString()));
        cmd.addAll(request.growingTypes());
        return cmd;
    }

    /** The configured heap, or one sized by the dump within the host's available memory. */
    private long heapFor(Path dump) throws IOException {
        if (heapBytes != 0) {
            return heapBytes;
        }
        AnalysisHeapSize size = AnalysisHeapSize.forDump(Files.size(dump), ProcFiles.kilobytesField(ProcFiles.MEMINFO, "MemAvailable"));
        if (size.capped()) {
            LOG.warn("The dump {} needs about {} MB of analysis heap; the host has memory for {} MB only", dump,
                    size.neededBytes() >> 20, size.chosenBytes() >> 20);
        }
        return size.chosenBytes();
    }

    private String exitReason(int code, long heap, List<String> output) {
        String last = output.isEmpty() ? "(no output)" : String.join(" | ", output);
        if (code == OOM_EXIT && output.stream().anyMatch(l -> l.contains("OutOfMemoryError"))) {
            return "the analysis JVM ran out of memory with -Xmx" + (heap >> 20) + "m (exit code " + code
                    + "); raise capture.analysisHeap" + (heapBytes == 0 ? " (auto sized it by the dump and the host's"
                    + " available memory)" : "") + ". Last output: " + last;
        }
        String signal = code > 128 ? " (killed by signal " + (code - 128) + (code == 137 ? ", maybe the kernel's OOM killer" : "") + ")" : "";
        return "the analysis JVM exited with code " + code + signal + ". Last output: " + last;
    }

    private AnalysisResult failed(Request request, String reason) {
        LOG.warn("Analysis of {} failed: {}", request.dump(), reason);
        return new AnalysisResult.Failed(reason);
    }

    /** Kills {@code child} and its descendants (found before the child dies and they are re-parented). */
    private static void kill(Process child) {
        List<ProcessHandle> descendants = child.descendants().toList();
        child.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            child.waitFor(REAP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("Could not delete {}: {}", file, e.toString());
        }
    }

    /** Kills a running analysis JVM; the capture in progress then fails with a value, and no later one starts a child. */
    @Override
    public void close() {
        closed = true;
        for (Process p : running) {
            kill(p);
        }
    }

    /** The last lines the child printed (stdout and stderr), read by a daemon thread so the pipe never fills. */
    private static final class OutputTail {
        private final Deque<String> lines = new ArrayDeque<>();
        private final Thread pump;

        private OutputTail(Process child) {
            pump = new Thread(() -> pump(child), "leakwatch-analysis-output-" + child.pid());
            pump.setDaemon(true);
        }

        static OutputTail follow(Process child) {
            OutputTail tail = new OutputTail(child);
            tail.pump.start();
            return tail;
        }

        private void pump(Process child) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (lines) {
                        lines.addLast(line.length() > 500 ? line.substring(0, 500) + "..." : line);
                        if (lines.size() > TAIL_LINES) {
                            lines.removeFirst();
                        }
                    }
                }
            } catch (IOException e) {
                // the pipe closed with the process; what was read stays
            }
        }

        List<String> await(Duration wait) throws InterruptedException {
            pump.join(wait.toMillis());
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }
    }
}
