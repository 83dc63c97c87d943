package io.leakwatch.report;

import io.leakwatch.analysis.LeakAnalysis;
import java.io.Writer;
import java.util.Map;

/**
 * One self-contained HTML page (inline CSS, no scripts, nothing fetched) with every chain: the
 * template {@code analysis.peb}, with the {@code suspects.peb} section (see {@link HtmlTemplates}).
 */
public final class HtmlReportWriter {

    public void write(LeakAnalysis a, Writer out) {
        HtmlTemplates.render("analysis", Map.of("a", a), out);
    }
}
