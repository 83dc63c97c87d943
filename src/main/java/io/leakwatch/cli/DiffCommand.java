package io.leakwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.leakwatch.analysis.AnalysisRequest;
import io.leakwatch.files.Json;
import io.leakwatch.heap.DumpAnalyzer;
import io.leakwatch.hprof.HprofFormatException;
import io.leakwatch.hprof.ProgressListener;
import io.leakwatch.report.DiffReportWriter;
import io.leakwatch.report.HeapDiff;
import io.leakwatch.report.PathTree;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code leakwatch diff OLD NEW}: which node of the shortest-path tree grew. Exit 0 ok, 1 bad input, 2 usage. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Compare two heap dumps of one target (or two report.json files the analysis wrote): which"
                + " node of the shortest-path tree grew, by how many objects and bytes.")
public final class DiffCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OLD", description = "the earlier heap dump or report.json")
    Path old;

    @Parameters(index = "1", paramLabel = "NEW", description = "the later heap dump or report.json")
    Path now;

    @Option(names = "--type", paramLabel = "TYPE", description = "for dumps: compare the chains to this type"
            + " (repeatable); default: the leak suspects")
    List<String> types = new ArrayList<>();

    @Option(names = "--top", defaultValue = "20", description = "rows shown (default: ${DEFAULT-VALUE})")
    int top;

    @Option(names = "--format", defaultValue = "text", description = "text, json or html (default: ${DEFAULT-VALUE})")
    AnalyzeCommand.Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "write the diff here instead of standard output")
    Path out;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (top < 1) {
            err.println("--top must be >= 1");
            return 2;
        }
        PathTree before;
        PathTree after;
        try {
            before = tree(old);
            after = tree(now);
        } catch (IOException e) {
            err.println(e.getMessage());
            return 1;
        }
        HeapDiff diff = HeapDiff.between(before, after);
        StringWriter sw = new StringWriter();
        DiffReportWriter w = new DiffReportWriter(top);
        switch (format) {
            case json -> w.json(diff, sw);
            case html -> w.html(diff, sw);
            default -> w.text(diff, sw);
        }
        try {
            if (out == null) {
                spec.commandLine().getOut().print(sw);
                spec.commandLine().getOut().flush();
            } else {
                try (Writer o = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                    o.write(sw.toString());
                }
            }
        } catch (IOException e) {
            err.println("cannot write the diff to " + out + ": " + e.getMessage());
            return 1;
        }
        return 0;
    }

    private PathTree tree(Path file) throws IOException {
        if (file.getFileName().toString().endsWith(".json")) {
            JsonNode report;
            try {
                report = Json.MAPPER.readTree(file.toFile());
            } catch (IOException e) {
                throw new IOException("cannot read " + file + " as a report.json: " + e.getMessage(), e);
            }
            PathTree t = report == null ? null : PathTree.fromJson(report);
            if (t == null) {
                throw new IOException(file + " has no \"pathTree\": not a leakwatch report, or one written before"
                        + " reports carried it; diff the dumps instead");
            }
            return t;
        }
        AnalysisRequest request = new AnalysisRequest(types, false, 5, 0, false, types.isEmpty(), false);
        try {
            return PathTree.of(DumpAnalyzer.analyze(file, request, ProgressListener.NONE));
        } catch (HprofFormatException e) {
            throw new IOException("cannot analyse " + file + ": " + e.getMessage(), e);
        }
    }
}
