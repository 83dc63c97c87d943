package io.leakwatch.report;

import io.leakwatch.analysis.ChainHop;
import io.leakwatch.analysis.LeakAnalysis;
import io.leakwatch.analysis.LeakSignature;
import io.leakwatch.analysis.RetentionChain;
import io.leakwatch.analysis.TargetGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/** One self-contained HTML page (inline CSS, no scripts, nothing fetched) with every chain. */
public final class HtmlReportWriter {

    private static final String CSS = "body{font-family:sans-serif;margin:2em;color:#222}"
            + "h2{border-bottom:1px solid #ccc}table{border-collapse:collapse;margin:.5em 0 1.5em}"
            + "td,th{padding:2px 8px;text-align:left;font-family:monospace;font-size:90%}"
            + "tr.acc{background:#fde2e2;font-weight:bold}.meta{color:#666}";

    public void write(LeakAnalysis a, Writer out) {
        try {
            out.write("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>LeakWatch heap analysis</title><style>");
            out.write(CSS);
            out.write(SuspectsHtml.CSS);
            out.write("</style></head><body><h1>LeakWatch heap analysis</h1><p class=\"meta\">");
            out.write(esc(a.format()) + ", " + a.idSize() + "-byte ids, " + Sizes.count(a.objects()) + " objects, "
                    + Sizes.count(a.references()) + " references, " + Sizes.count(a.gcRoots()) + " GC roots</p>");
            if (a.suspects() != null) {
                SuspectsHtml.write(a.suspects(), out);
            }
            for (TargetGroup g : a.groups()) {
                out.write("<h2>" + (g.kind() == TargetGroup.Kind.MARKER ? "marker " : "") + esc(g.name()) + "</h2>");
                out.write("<p>" + Sizes.count(g.instancesInDump()) + " in dump, " + Sizes.count(g.analyzed())
                        + " analysed, " + Sizes.count(g.weaklyHeld()) + " not strongly reachable; shallow "
                        + Sizes.bytes(g.shallowBytes()) + ", retained " + Sizes.bytes(g.retainedBytes()) + ", "
                        + Sizes.count(g.signatureCount()) + " signature(s)</p>");
                int i = 1;
                for (LeakSignature s : g.signatures()) {
                    out.write("<h3>Signature " + i++ + ": " + Sizes.count(s.instances()) + " instance(s), shallow "
                            + Sizes.bytes(s.shallowBytes()) + ", retained " + Sizes.bytes(s.retainedBytes()) + "</h3>");
                    chain(s.example(), out);
                }
            }
            out.write("</body></html>\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void chain(RetentionChain c, Writer out) throws IOException {
        out.write("<p>held by <b>" + esc(c.heldBy()) + "</b>; root: " + esc(c.rootKind()) + " "
                + esc(c.rootDescription()) + "</p><table><tr><th>#</th><th>via</th><th>object</th><th>type</th>"
                + "<th>shallow</th><th>retained</th><th>value</th><th>fan-out</th></tr>");
        for (int i = 0; i < c.hops().size(); i++) {
            ChainHop h = c.hops().get(i);
            String via = h.reference() == null ? "" : h.holderType() + (h.reference().startsWith("[") ? "" : ".") + h.reference();
            out.write("<tr" + (i == c.accumulationIndex() ? " class=\"acc\" title=\"accumulation point\"" : "") + "><td>"
                    + i + "</td><td>" + esc(via) + "</td><td>0x" + Long.toHexString(h.objectId()) + "</td><td>"
                    + esc(h.objectType()) + "</td><td>" + Sizes.bytes(h.shallowBytes()) + "</td><td>" + (h.retainedBytes() < 0 ? "" : Sizes.bytes(h.retainedBytes())) + "</td><td>"
                    + (h.value() == null ? "" : esc(h.value())) + "</td><td>" + h.fanOut() + "</td></tr>");
        }
        out.write("</table>");
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}
