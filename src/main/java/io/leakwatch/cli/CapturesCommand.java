package io.leakwatch.cli;

import io.leakwatch.model.Bytes;
import io.leakwatch.capture.CaptureRecord;
import io.leakwatch.capture.CaptureStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code leakwatch captures}: lists the heap-dump captures in a data directory, oldest first. */
@Command(name = "captures", mixinStandardHelpOptions = true,
        description = "List heap-dump captures (target, pid, time, trigger types, outcome, files).")
public final class CapturesCommand implements Callable<Integer> {

    @Option(names = "--data-dir", defaultValue = "/var/lib/leakwatch",
            description = "The daemon's data directory; captures are in its '" + CaptureStore.DATA_SUBDIRECTORY
                    + "' sub-directory (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CaptureStore store = CaptureStore.inDataDirectory(dataDir);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CaptureStore.Listing listing;
        try {
            listing = store.list();
        } catch (IOException e) {
            err.println("cannot read the captures in " + store.root() + ": " + e);
            err.flush();
            return 2;
        }
        if (listing.records().isEmpty()) {
            out.println("No captures in " + store.root());
        } else {
            out.printf("%-20s  %-16s  %8s  %-18s  %10s  %10s  %s%n",
                    "TIME", "TARGET", "PID", "OUTCOME", "DUMP", "KEPT", "TRIGGER TYPES / ID");
            for (CaptureRecord r : listing.records()) {
                out.printf("%-20s  %-16s  %8d  %-18s  %10s  %10s  %s%n", r.time(), r.target(), r.pid(), r.outcome(),
                        Bytes.format(r.dumpBytes()), Bytes.format(r.totalBytes()), String.join(",", r.triggerTypes()) + "  " + r.id());
                if (!CaptureRecord.CAPTURED.equals(r.outcome())) {
                    out.println("    " + r.detail());
                }
            }
        }
        listing.problems().forEach(p -> err.println("unreadable capture record: " + p));
        out.flush();
        err.flush();
        return listing.problems().isEmpty() ? 0 : 1;
    }
}
