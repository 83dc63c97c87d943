package io.leakwatch.heap;

import io.leakwatch.capture.CaptureAnalyzer.Request;
import io.leakwatch.capture.CaptureAnalyzer.AnalysisResult;
import io.leakwatch.files.Json;
import io.leakwatch.model.CaptureContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The main class of the analysis JVM that {@link ChildJvmCaptureAnalyzer} starts: runs
 * {@link HprofCaptureAnalyzer} on one dump (it writes the reports) and writes the result as JSON to
 * a file of mode 0600. It exits with the daemon: an orphaned analysis would hold its heap for
 * nothing.
 *
 * <p>Arguments: {@code daemonPid resultFile dump reportDirectory top limit includeMarkers contextFile
 * [type...]}, where {@code contextFile} holds the {@link CaptureContext} as JSON, or is {@code -}.
 */
public final class AnalysisChildMain {

    /** Exit code when the daemon that started this JVM is gone. */
    static final int DAEMON_GONE = 4;
    /** Exit code for arguments the daemon should never pass. */
    static final int USAGE = 2;
    /** The context-file argument when the request has no capture context. */
    static final String NO_CONTEXT = "-";

    private AnalysisChildMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 8) {
            System.err.println("usage: daemonPid resultFile dump reportDirectory top limit includeMarkers contextFile [type...]");
            System.exit(USAGE);
        }
        long daemonPid = Long.parseLong(args[0]);
        Optional<ProcessHandle> daemon = ProcessHandle.current().parent().filter(p -> p.pid() == daemonPid);
        if (daemon.isEmpty()) {
            System.err.println("the daemon (pid " + daemonPid + ") is gone; not analysing");
            System.exit(DAEMON_GONE);
        }
        daemon.get().onExit().thenRun(() -> Runtime.getRuntime().halt(DAEMON_GONE));
        Path resultFile = Path.of(args[1]);
        CaptureContext context = args[7].equals(NO_CONTEXT) ? null
                : Json.MAPPER.readValue(Path.of(args[7]).toFile(), CaptureContext.class);
        Request request = new Request(Path.of(args[2]), List.of(Arrays.copyOfRange(args, 8, args.length)),
                Boolean.parseBoolean(args[6]), Path.of(args[3]), context);
        AnalysisResult result = new HprofCaptureAnalyzer(Integer.parseInt(args[4]), Integer.parseInt(args[5]))
                .analyze(request);
        ChildResult.write(resultFile, ChildResult.of(result, peakRssBytes()));
        System.exit(0);
    }

    /** The high-water mark of this process's resident memory (VmHWM), 0 when /proc does not say. */
    static long peakRssBytes() {
        return ProcFiles.kilobytesField(ProcFiles.SELF_STATUS, "VmHWM");
    }
}
