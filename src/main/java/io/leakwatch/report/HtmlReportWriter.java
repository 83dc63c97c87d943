package io.leakwatch.report;

import io.leakwatch.analysis.LeakAnalysis;
import io.leakwatch.model.CaptureContext;
import java.io.Writer;
import java.util.HashMap;
import java.util.Map;

/**
 * One self-contained HTML page (inline CSS and SVG, no scripts, nothing fetched) with every chain:
 * the template {@code analysis.peb}, with the {@code suspects.peb} section and, for a capture, the
 * {@code capture.peb} summary, trend chart and growth table on top (see {@link HtmlTemplates}).
 */
public final class HtmlReportWriter {

    /** The page of a dump analysed on its own ({@code leakwatch analyze}). */
    public void write(LeakAnalysis a, Writer out) {
        write(a, null, out);
    }

    /** The page of a capture: {@code context} (null for none) says what, when and which trend triggered it. */
    public void write(LeakAnalysis a, CaptureContext context, Writer out) {
        Map<String, Object> model = new HashMap<>();
        model.put("a", a);
        // strict variables: the name is always there, null when there is no capture to summarise
        model.put("capture", context == null ? null : CaptureSection.of(a, context));
        HtmlTemplates.render("analysis", model, out);
    }
}
