package io.leakwatch.heap;

import io.leakwatch.files.PrivateFiles;
import io.leakwatch.graph.TypeNames;
import io.leakwatch.analysis.LeakAnalysis;
import io.leakwatch.analysis.AccumulationPoint;
import io.leakwatch.analysis.AnalysisRequest;
import io.leakwatch.analysis.LeakSignature;
import io.leakwatch.analysis.TargetGroup;
import io.leakwatch.capture.CaptureAnalyzer;
import io.leakwatch.hprof.HprofFormatException;
import io.leakwatch.hprof.ProgressListener;
import io.leakwatch.model.Bytes;
import io.leakwatch.model.SeriesKey;
import io.leakwatch.report.ChainSummary;
import io.leakwatch.report.DiffReportWriter;
import io.leakwatch.report.HeapDiff;
import io.leakwatch.report.PathTree;
import io.leakwatch.report.HtmlReportWriter;
import io.leakwatch.report.JsonReportWriter;
import io.leakwatch.report.TextReportWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The capture's analyzer on our HPROF engine: explains the growing types and the surviving marked
 * objects of a dump with {@link DumpAnalyzer}, writes {@code report.txt}, {@code report.json} and
 * {@code report.html}, and turns every leak signature into a finding for the alerts.
 */
public final class HprofCaptureAnalyzer implements CaptureAnalyzer {

    private static final int GROWTH_ROWS = 10;

    private final int top;
    private final int limit;

    /**
     * @param top   signatures reported per type or marker label
     * @param limit instances analyzed per type at most (0 = all), bounding the time on huge types
     */
    public HprofCaptureAnalyzer(int top, int limit) {
        this.top = top;
        this.limit = limit;
    }

    @Override
    public AnalysisResult analyze(Request request) {
        List<String> types = request.growingTypes().stream()
                .map(TypeNames::javaName)
                .distinct()
                .toList();
        AnalysisRequest what = new AnalysisRequest(types, request.includeMarkers(), top, limit, false);
        LeakAnalysis analysis;
        try {
            analysis = DumpAnalyzer.analyze(request.dump(), what, ProgressListener.NONE);
        } catch (HprofFormatException e) {
            return new AnalysisResult.Failed("cannot analyse " + request.dump() + ": " + e.getMessage());
        } catch (IOException e) {
            return new AnalysisResult.Failed("cannot read " + request.dump() + ": " + e.getMessage());
        } catch (OutOfMemoryError e) {
            return new AnalysisResult.Failed("not enough memory in the daemon to index " + request.dump()
                    + "; give the daemon more heap (-Xmx)");
        }
        List<Path> reports = new ArrayList<>();
        try {
            Path dir = request.reportDirectory();
            reports.add(write(dir.resolve("report.txt"), w -> new TextReportWriter().write(analysis, w)));
            reports.add(write(dir.resolve("report.json"), w -> new JsonReportWriter().write(analysis, w)));
            reports.add(write(dir.resolve("report.html"), w -> new HtmlReportWriter().write(analysis, request.context(), w)));
        } catch (IOException e) {
            return new AnalysisResult.Failed("cannot write the reports: " + e);
        }
        // the second capture of a target says what grew since the first (whose dump is usually gone)
        Optional<PreviousCapture> previous = PreviousCapture.of(request.reportDirectory());
        HeapDiff growth = previous.map(p -> HeapDiff.between(p.tree(), PathTree.of(analysis))).orElse(null);
        if (growth != null) {
            try {
                Path dir = request.reportDirectory();
                DiffReportWriter d = new DiffReportWriter(GROWTH_ROWS);
                reports.add(write(dir.resolve("growth.txt"), w -> {
                    w.write("Since capture " + previous.get().id() + ":\n");
                    d.text(growth, w);
                }));
                reports.add(write(dir.resolve("growth.json"), w -> d.json(growth, w)));
                reports.add(write(dir.resolve("growth.html"), w -> d.html(growth, w)));
            } catch (IOException e) {
                return new AnalysisResult.Failed("cannot write the reports: " + e);
            }
        }
        Map<String, String> histogramNames = new HashMap<>();
        request.growingTypes().forEach(t -> histogramNames.putIfAbsent(TypeNames.javaName(t), t));
        List<LeakFinding> findings = findings(analysis, histogramNames);
        String summary = findings.isEmpty()
                ? "no strongly held instances of " + (types.isEmpty() ? "marked objects" : String.join(", ", types))
                : findings.get(0).description();
        HeapDiff.Growth grew = growth == null ? null : growth.top();
        if (grew != null) {
            summary += since(previous.get().id(), grew, grew.label());
            // the alert of the largest leak says where it grew since the last capture (the last two
            // steps of the path: the chain beside it says the rest)
            if (!findings.isEmpty()) {
                LeakFinding lead = findings.get(0);
                String[] steps = grew.label().split(" -> ");
                String where = steps.length <= 2 ? grew.label()
                        : "... -> " + steps[steps.length - 2] + " -> " + steps[steps.length - 1];
                findings.set(0, new LeakFinding(lead.signature(), lead.description() + since(previous.get().id(), grew, where),
                        lead.chains(), lead.retainedBytes(), lead.instances(), lead.series(), lead.analyzedShare()));
            }
        }
        return new AnalysisResult.Analyzed(summary, findings, reports);
    }

    /** One finding per signature, keyed by its accumulation point, so one holder's types and marked survivors are one leak. */
    private static List<LeakFinding> findings(LeakAnalysis analysis, Map<String, String> histogramNames) {
        List<LeakFinding> findings = new ArrayList<>();
        for (TargetGroup group : analysis.groups()) {
            SeriesKey series = group.kind() == TargetGroup.Kind.MARKER ? new SeriesKey.Marker(group.name())
                    : new SeriesKey.Type(histogramNames.getOrDefault(group.name(), group.name()));
            for (LeakSignature s : group.signatures()) {
                findings.add(new LeakFinding(AccumulationPoint.signature(s.example()), ChainSummary.describe(group, s),
                        ChainSummary.chainText(s.example()), Math.max(s.retainedBytes(), s.shallowBytes()), s.instances(),
                        series, group.analyzed() < group.instancesInDump() ? (double) group.analyzed() / group.instancesInDump() : 1));
            }
        }
        findings.sort(Comparator.comparingLong(LeakFinding::retainedBytes).reversed());
        return findings;
    }


    /** {@code "; since capture <id> +N objects (+B) at <where>"}. */
    private static String since(String captureId, HeapDiff.Growth grew, String where) {
        return String.format(Locale.ROOT, "; since capture %s %+,d objects (%s%s) at %s", captureId, grew.instanceDelta(),
                grew.byteDelta() < 0 ? "-" : "+", Bytes.format(Math.abs(grew.byteDelta())), where);
    }

    private interface Render {
        void to(Writer w) throws IOException;
    }

    private static Path write(Path file, Render render) throws IOException {
        PrivateFiles.replace(file, out -> {
            // some writers close what they are given; closing here only flushes (PrivateFiles forces)
            try (Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                render.to(w);
            }
        });
        return file;
    }
}
