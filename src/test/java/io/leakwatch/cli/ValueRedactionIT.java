package io.leakwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.analysis.AnalysisRequest;
import io.leakwatch.analysis.LeakAnalysis;
import io.leakwatch.capture.CaptureAnalyzer;
import io.leakwatch.heap.DumpAnalyzer;
import io.leakwatch.heap.HprofCaptureAnalyzer;
import io.leakwatch.heap.RealDumps;
import io.leakwatch.hprof.ProgressListener;
import io.leakwatch.report.HtmlReportWriter;
import io.leakwatch.report.JsonReportWriter;
import io.leakwatch.report.TextReportWriter;
import io.leakwatch.testing.ChildJvm;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Heap values stay out of reports unless asked for: a real JVM holds {@value SecretHoldingApp#SECRET}
 * in a field of its leaking objects; the real report writers (text, JSON, HTML), through the
 * library and through {@code leakwatch analyze}, must not show it by default and must with
 * {@code --show-values}. The daemon's capture analyzer (reports, and the findings that become the
 * alert text) never shows values; alert text holds types and fields only, never values. The leak grows String instances too, so String is analyzed as detection
 * would flag it, and its chains end in the secret itself.
 */
class ValueRedactionIT {

    private static final String SECRET = SecretHoldingApp.SECRET;
    private static final List<String> TYPES = List.of(SecretHoldingApp.Credential.class.getName(), "java.lang.String");

    @TempDir
    static Path dir;
    private static Path dump;

    @BeforeAll
    static void dumpTheTarget() throws Exception {
        dump = RealDumps.dump(ChildJvm.currentJava(), SecretHoldingApp.class, dir.resolve("secret.hprof"), false, false);
        assertThat(new String(Files.readAllBytes(dump), StandardCharsets.ISO_8859_1))
                .as("the secret is in the dump, so redaction has something to hide").contains(SECRET + "-1");
    }

    private static Map<String, String> reports(boolean showValues) throws Exception {
        LeakAnalysis analysis = DumpAnalyzer.analyze(dump, new AnalysisRequest(TYPES, false, 5, 0, showValues),
                ProgressListener.NONE);
        StringWriter json = new StringWriter();
        new JsonReportWriter().write(analysis, json);
        StringWriter html = new StringWriter();
        new HtmlReportWriter().write(analysis, html);
        return Map.of("text", new TextReportWriter().render(analysis), "json", json.toString(), "html", html.toString());
    }

    @Test
    void reportsCarryNoHeapValuesByDefault() throws Exception {
        Map<String, String> reports = reports(false);
        reports.forEach((format, text) -> {
            assertThat(text).as(format).contains("java.lang.String").contains("LOGINS");
            assertThat(text).as(format).doesNotContain(SECRET).contains("redacted");
        });
    }

    @Test
    void showValuesShowsThem() throws Exception {
        reports(true).forEach((format, text) -> assertThat(text).as(format).contains(SECRET + "-"));
    }

    @Test
    void theAnalyzeCommandRedactsUnlessToldNotTo() throws Exception {
        for (String format : List.of("text", "json", "html")) {
            assertThat(analyzeCommand(format, false)).as(format).doesNotContain(SECRET).contains("LOGINS");
            assertThat(analyzeCommand(format, true)).as(format).contains(SECRET + "-");
        }
    }

    @Test
    void theDaemonsCaptureReportsAndAlertTextCarryNoValues() throws Exception {
        Path reports = Files.createDirectories(dir.resolve("capture"));
        CaptureAnalyzer.AnalysisResult result = new HprofCaptureAnalyzer(5, 0).analyze(
                new CaptureAnalyzer.Request(dump, TYPES, false, reports));
        assertThat(result).isInstanceOf(CaptureAnalyzer.AnalysisResult.Analyzed.class);
        CaptureAnalyzer.AnalysisResult.Analyzed analyzed = (CaptureAnalyzer.AnalysisResult.Analyzed) result;
        assertThat(analyzed.reports()).hasSize(3);
        for (Path report : analyzed.reports()) {
            assertThat(Files.readString(report)).as(report.toString()).doesNotContain(SECRET).contains("redacted");
        }
        // what the alerts carry: the finding's one-line description and its chain text
        assertThat(analyzed.findings()).allSatisfy(f -> {
            assertThat(f.description()).doesNotContain(SECRET);
            assertThat(f.chains()).doesNotContain(SECRET);
        });
        assertThat(analyzed.findings()).anySatisfy(f -> assertThat(f.chains()).contains("Credential.password"));
        assertThat(analyzed.summary()).doesNotContain(SECRET);
    }

    private static String analyzeCommand(String format, boolean showValues) throws Exception {
        Path out = dir.resolve("report-" + showValues + "." + format);
        List<String> args = new ArrayList<>(List.of(dump.toString(), "--quiet", "--format", format,
                "--out", out.toString()));
        TYPES.forEach(t -> args.addAll(List.of("--type", t)));
        if (showValues) {
            args.add("--show-values");
        }
        StringWriter err = new StringWriter();
        CommandLine analyze = new CommandLine(new AnalyzeCommand());
        analyze.setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err));
        int code = analyze.execute(args.toArray(String[]::new));
        assertThat(code).as(err.toString()).isZero();
        return Files.readString(out);
    }
}
