package io.leakwatch.capture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * PLACEHOLDER used only by the capture tests until the HPROF engine is wired by the composition
 * root: a real but minimal analyzer that checks the dump starts with the HPROF header and writes a
 * one-line text report. It finds no leak chains.
 */
final class HeaderCheckingAnalyzer implements CaptureAnalyzer {

    static final String HEADER = "JAVA PROFILE 1.0.2";

    @Override
    public AnalysisResult analyze(Request request) {
        byte[] head;
        try (InputStream in = Files.newInputStream(request.dump())) {
            head = in.readNBytes(HEADER.length() + 1);
        } catch (IOException e) {
            return new AnalysisResult.Failed("cannot read " + request.dump() + ": " + e);
        }
        byte[] expected = (HEADER + "\0").getBytes(StandardCharsets.US_ASCII);
        if (!Arrays.equals(head, expected)) {
            return new AnalysisResult.Failed(request.dump() + " at offset 0: not an HPROF 1.0.2 header");
        }
        try {
            Path report = request.reportDirectory().resolve("report.txt");
            Files.writeString(report, "HPROF dump " + request.dump().getFileName() + " of types "
                    + request.growingTypes() + "\n");
            Path html = request.reportDirectory().resolve("report.html");
            Files.writeString(html, "<html><body>valid HPROF 1.0.2 dump</body></html>\n");
            return new AnalysisResult.Analyzed("valid HPROF 1.0.2 dump", List.of(), List.of(report, html));
        } catch (IOException e) {
            return new AnalysisResult.Failed("cannot write the report: " + e);
        }
    }
}
