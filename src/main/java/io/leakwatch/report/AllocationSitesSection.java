package io.leakwatch.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leakwatch.analysis.alloc.AllocationSite;
import io.leakwatch.analysis.alloc.AllocationSites;
import io.leakwatch.analysis.alloc.StackFrame;
import io.leakwatch.files.Json;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The "allocation sites" section of a report, added to a finished text, JSON or HTML report (so the
 * writers of the retention chains stay as they are): where the sampled live objects of the leaking
 * types were allocated. JSON gets a top-level field
 * <pre>
 * "allocationSites": { "samples": n, "totalSamples": n,
 *   "sites": [ { "type": "byte[]", "samples": n, "oldestAgeMillis": n,
 *                "frames": [ { "type": "com.example.Cache", "method": "put", "line": 40 } ] } ] }
 * </pre>
 */
public final class AllocationSitesSection {

    private static final String TITLE = "Allocation sites (live objects sampled by JFR jdk.OldObjectSample)";

    private AllocationSitesSection() {
    }

    /** {@code report} with the section appended. */
    public static String addToText(String report, AllocationSites sites) {
        StringBuilder out = new StringBuilder(report);
        if (!report.endsWith("\n")) {
            out.append('\n');
        }
        out.append('\n').append(TITLE).append(": ").append(sites.samples()).append(" of ")
                .append(sites.totalSamples()).append(" samples\n");
        for (AllocationSite s : sites.sites()) {
            out.append("  ").append(s.describe()).append('\n');
        }
        return out.toString();
    }

    /** {@code report} (a JSON object) with the {@code allocationSites} field added. */
    public static String addToJson(String report, AllocationSites sites) {
        try {
            ObjectNode root = (ObjectNode) Json.MAPPER.readTree(report);
            ObjectNode node = root.putObject("allocationSites");
            node.put("samples", sites.samples());
            node.put("totalSamples", sites.totalSamples());
            ArrayNode list = node.putArray("sites");
            for (AllocationSite s : sites.sites()) {
                ObjectNode site = list.addObject();
                site.put("type", s.type());
                site.put("samples", s.samples());
                site.put("oldestAgeMillis", s.oldestAgeMillis());
                ArrayNode frames = site.putArray("frames");
                for (StackFrame f : s.frames()) {
                    frames.addObject().put("type", f.type()).put("method", f.method()).put("line", f.line());
                }
            }
            return Json.PRETTY.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code report} (an HTML page) with the section (template {@code allocation-sites.peb}) before the end of its body. */
    public static String addToHtml(String report, AllocationSites sites) {
        String section = HtmlTemplates.render("allocation-sites", Map.of("title", TITLE, "sites", sites));
        int end = report.lastIndexOf("</body>");
        return end < 0 ? report + section : report.substring(0, end) + section + report.substring(end);
    }
}
