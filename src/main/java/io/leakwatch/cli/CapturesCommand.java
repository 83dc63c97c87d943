package io.leakwatch.cli;

import io.leakwatch.capture.CaptureRecord;
import io.leakwatch.capture.CaptureStore;
import io.leakwatch.config.ConfigException;
import io.leakwatch.config.ConfigReader;
import io.leakwatch.config.LeakwatchConfig;
import io.leakwatch.files.Json;
import io.leakwatch.model.Bytes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code leakwatch captures}: lists the heap-dump captures in a data directory, oldest first. The
 * data directory is the one {@code run} uses: {@code dataDir} of {@code --config} (the same
 * default file as {@code run}), unless {@code --data-dir} names another.
 */
@Command(name = "captures", mixinStandardHelpOptions = true,
        description = "List heap-dump captures (target, pid, time, trigger types, outcome, files).")
public final class CapturesCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = RunCommand.DEFAULT_CONFIG,
            description = "The daemon's config file; its dataDir is where captures are looked for "
                    + "(default: ${DEFAULT-VALUE}; when that is absent, dataDir's own default, 'data')")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The daemon's data directory, instead of the config's dataDir; captures are in its '"
                    + CaptureStore.DATA_SUBDIRECTORY + "' sub-directory.")
    Path dataDir;

    @Option(names = "--json", description = "print the capture records as a JSON array")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path data;
        try {
            data = dataDirectory();
        } catch (ConfigException e) {
            err.println("leakwatch: invalid config " + config + "; give --data-dir or fix it:\n" + e.getMessage());
            err.flush();
            return Main.EXIT_USAGE;
        }
        CaptureStore store = CaptureStore.inDataDirectory(data);
        CaptureStore.Listing listing;
        try {
            listing = store.list();
        } catch (IOException e) {
            err.println("cannot read the captures in " + store.root() + ": " + e);
            err.flush();
            return Main.EXIT_USAGE;
        }
        if (json) {
            out.println(Json.PRETTY.writeValueAsString(listing.records()));
        } else if (listing.records().isEmpty()) {
            out.println("No captures in " + store.root());
        } else {
            table(listing.records(), out);
        }
        listing.problems().forEach(p -> err.println("unreadable capture record: " + p));
        out.flush();
        err.flush();
        return listing.problems().isEmpty() ? 0 : 1;
    }

    private Path dataDirectory() throws ConfigException {
        if (dataDir != null) {
            return dataDir;
        }
        if (!Files.exists(config) && spec.commandLine().getParseResult().matchedOption("--config") == null) {
            return LeakwatchConfig.DEFAULT_DATA_DIR;
        }
        return new ConfigReader().read(config).dataDir();
    }

    private static void table(List<CaptureRecord> records, PrintWriter out) {
        TextColumns table = new TextColumns("TIME", "TARGET", ">PID", "OUTCOME", ">DUMP", ">KEPT", "TRIGGER TYPES", "ID");
        for (CaptureRecord r : records) {
            table.row(r.time().toString(), r.target(), Long.toString(r.pid()), r.outcome(), Bytes.format(r.dumpBytes()),
                    Bytes.format(r.totalBytes()), String.join(",", r.triggerTypes()), r.id());
        }
        table.print(out, n -> CaptureRecord.CAPTURED.equals(records.get(n).outcome()) ? null : records.get(n).detail());
    }
}
