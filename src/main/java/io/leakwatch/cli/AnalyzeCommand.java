package io.leakwatch.cli;

import io.leakwatch.analysis.AnalysisRequest;
import io.leakwatch.analysis.LeakAnalysis;
import io.leakwatch.analysis.TargetGroup;
import io.leakwatch.analysis.alloc.AllocationSiteFinder;
import io.leakwatch.analysis.alloc.AllocationSites;
import io.leakwatch.analysis.alloc.FrameFilter;
import io.leakwatch.analysis.alloc.SampledObject;
import io.leakwatch.jfr.OldObjectSampleReader;
import io.leakwatch.report.AllocationSitesSection;
import io.leakwatch.heap.DumpAnalyzer;
import io.leakwatch.hprof.HprofFormatException;
import io.leakwatch.hprof.ProgressListener;
import io.leakwatch.report.HtmlReportWriter;
import io.leakwatch.report.JsonReportWriter;
import io.leakwatch.report.TextReportWriter;
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

/** {@code leakwatch analyze DUMP}: why are the growing objects alive. Exit 0 ok, 1 bad input, 2 usage. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Find the shortest strong paths from GC roots to the chosen objects of a heap dump,"
                + " grouped into leak signatures with retained sizes; with no --type, the leak suspects of the"
                + " whole heap's dominator tree (accumulation points, culprit reference, retained types).")
public final class AnalyzeCommand implements Callable<Integer> {

    /** Report formats. */
    enum Format { text, json, html }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DUMP", description = "heap dump (.hprof or .hprof.gz)")
    Path dump;

    @Option(names = "--type", paramLabel = "TYPE", description = "type whose instances to explain, e.g."
            + " com.example.Session, byte[] or [B (repeatable); default: the leak suspects of the whole heap")
    List<String> types = new ArrayList<>();

    @Option(names = "--markers", description = "explain the surviving objects marked dead via io.leakwatch.markers")
    boolean markers;

    @Option(names = "--top", defaultValue = "5", description = "signatures per type (and types picked) (default: ${DEFAULT-VALUE})")
    int top;

    @Option(names = "--limit", defaultValue = "0", description = "analyse at most N instances per type, 0 = all (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--format", defaultValue = "text", description = "text, json or html (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "write the report here instead of standard output")
    Path out;

    @Option(names = "--show-values", description = "show String and primitive values from the heap (redacted by default)")
    boolean showValues;

    @Option(names = "--quiet", description = "no progress on the terminal")
    boolean quiet;

    @Option(names = "--jfr", paramLabel = "FILE", description = "a JFR recording with jdk.OldObjectSample events of the"
            + " same JVM: adds where the sampled live objects of the analysed types were allocated")
    Path jfr;

    @Option(names = "--progress", description = "print progress to standard error even when it is not a terminal"
            + " (one line per step)")
    boolean progressLines;

    @Option(names = "--biggest-types", description = "with no --type: explain the types holding the most"
            + " shallow memory instead of finding leak suspects")
    boolean biggestTypes;

    @Option(names = "--jdk-internals", description = "also show leak suspects made only of JDK internals, and"
            + " chains unfolded (class loading, module tables)")
    boolean jdkInternals;

    /** Runs the command alone (benchmarks, debugging); the leakwatch launcher registers it as a subcommand. */
    public static void main(String[] args) {
        System.exit(new picocli.CommandLine(new AnalyzeCommand()).execute(args));
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (top < 1 || limit < 0) {
            err.println("--top must be >= 1 and --limit >= 0");
            return 2;
        }
        List<SampledObject> samples = List.of();
        if (jfr != null) {
            try {
                samples = OldObjectSampleReader.read(jfr);
            } catch (IOException e) {
                err.println("cannot read " + jfr + ": " + e.getMessage());
                return 1;
            }
        }
        // no type and no markers: lead with the whole heap's leak suspects, as MAT's report does
        AnalysisRequest request = new AnalysisRequest(types, markers, top, limit, showValues,
                types.isEmpty() && !markers && !biggestTypes, jdkInternals);
        ProgressListener progress = quiet ? ProgressListener.NONE
                : progressLines ? new LineProgress(err)
                : System.console() == null ? ProgressListener.NONE : new TerminalProgress(err);
        LeakAnalysis analysis;
        try {
            analysis = DumpAnalyzer.analyze(dump, request, progress);
        } catch (HprofFormatException e) {
            err.println("\rcannot analyse " + dump + ": " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("\rcannot read " + dump + ": " + e.getMessage());
            return 1;
        } catch (java.io.UncheckedIOException e) {
            err.println("\rcannot read " + dump + ": " + e.getCause().getMessage());
            return 1;
        } catch (OutOfMemoryError e) {
            err.println("\rnot enough memory to index " + dump + ": give the JVM more heap (-Xmx)");
            return 1;
        }
        if (progress instanceof TerminalProgress) {
            err.print("\r\033[K");
            err.flush();
        }
        if (!analysis.unknownTypes().isEmpty()) {
            for (LeakAnalysis.UnknownType u : analysis.unknownTypes()) {
                err.println("no type " + u.name() + " in " + dump + (u.closest().isEmpty() ? ""
                        : "; closest: " + String.join(", ", u.closest())));
            }
            return 1;
        }
        try {
            StringWriter sw = new StringWriter();
            switch (format) {
                case json -> new JsonReportWriter().write(analysis, sw);
                case html -> new HtmlReportWriter().write(analysis, sw);
                default -> new TextReportWriter().write(analysis, sw);
            }
            String report = jfr == null ? sw.toString() : withAllocationSites(sw.toString(), analysis, samples);
            if (out == null) {
                PrintWriter o = spec.commandLine().getOut();
                o.print(report);
                o.flush();
            } else {
                try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                    w.write(report);
                }
            }
        } catch (IOException e) {
            err.println("cannot write the report to " + out + ": " + e.getMessage());
            return 1;
        }
        return 0;
    }

    /** The report with the allocation sites of the analyzed types from the {@code --jfr} samples. */
    private String withAllocationSites(String report, LeakAnalysis analysis, List<SampledObject> samples) {
        List<String> analyzed = analysis.groups().stream().filter(g -> g.kind() == TargetGroup.Kind.TYPE)
                .map(TargetGroup::name).toList();
        AllocationSites sites = new AllocationSiteFinder(FrameFilter.defaults(), top).find(samples, analyzed);
        return switch (format) {
            case json -> AllocationSitesSection.addToJson(report, sites);
            case html -> AllocationSitesSection.addToHtml(report, sites);
            default -> AllocationSitesSection.addToText(report, sites);
        };
    }

    /** Prints progress as lines (a log, a CI job): each step once, then at most every few seconds. */
    private static final class LineProgress implements ProgressListener {
        // called from the indexing threads too
        private final PrintWriter err;
        private long lastNanos;
        private String lastPhase = "";

        LineProgress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public synchronized void progress(String phase, long done, long total) {
            long now = System.nanoTime();
            if (phase.equals(lastPhase) && now - lastNanos < 2_000_000_000L) {
                return;
            }
            lastNanos = now;
            lastPhase = phase;
            err.println(phase + (total > 0 ? String.format(" %d%%", done * 100 / total) : ""));
            err.flush();
        }
    }

    /** Draws progress on one terminal line, at most a few times a second. */
    private static final class TerminalProgress implements ProgressListener {
        // called from the indexing threads too
        private final PrintWriter err;
        private long lastNanos;
        private String lastPhase = "";

        TerminalProgress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public synchronized void progress(String phase, long done, long total) {
            long now = System.nanoTime();
            if (phase.equals(lastPhase) && now - lastNanos < 200_000_000L) {
                return;
            }
            lastNanos = now;
            lastPhase = phase;
            String pct = total > 0 ? String.format(" %3d%%", done * 100 / total) : "";
            err.print("\r\033[K" + phase + pct);
            err.flush();
        }
    }
}
