package io.leakwatch.report;

import io.leakwatch.analysis.ChainHop;
import io.leakwatch.analysis.HeapSuspects;
import io.leakwatch.analysis.LeakSuspect;
import io.leakwatch.analysis.RetentionChain;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/** The leak-suspects section of the HTML report: the culprit row highlighted, folded JDK hops in a details element. */
final class SuspectsHtml {

    static final String CSS = "tr.culprit{background:#ffe08a;font-weight:bold}tr.culprit td:first-child::before{content:'\\25B6 '}"
            + ".suspect{border-left:4px solid #c0392b;padding-left:1em;margin-bottom:2em}tr.jdk td{color:#888}";

    private SuspectsHtml() {
    }

    static void write(HeapSuspects s, Writer out) throws IOException {
        out.write("<section id=\"suspects\"><h2>Leak suspects</h2><p class=\"meta\">Dominator tree of the whole heap: "
                + Sizes.bytes(s.reachableBytes()) + " reachable in " + Sizes.count(s.reachableObjects())
                + " objects; a suspect keeps " + String.format(Locale.ROOT, "%.0f", s.thresholdShare() * 100)
                + " % or more of it alive.</p>");
        if (s.suspects().isEmpty()) {
            out.write("<p>No single accumulation point keeps that much alive: no leak suspects.</p>");
        }
        int i = 1;
        for (LeakSuspect x : s.suspects()) {
            out.write("<div class=\"suspect\"><h3>Suspect " + i++ + ": " + esc(x.type()) + " held by <code class=\"culprit\">"
                    + esc(x.culprit()) + "</code> retains " + Sizes.bytes(x.retainedBytes())
                    + String.format(Locale.ROOT, " (%.1f %% of the heap)", x.heapShare() * 100)
                    + (x.jdkInternal() ? " [JDK internal]" : "") + "</h3>");
            out.write("<p>Accumulation point: " + esc(x.accumulationType()) + " retains " + Sizes.bytes(x.accumulationBytes())
                    + ", fans out to " + Sizes.count(x.fanOut()) + " objects.</p>");
            out.write("<table class=\"retained\"><tr><th>retained type</th><th>instances</th><th>bytes</th></tr>");
            for (LeakSuspect.RetainedType t : x.retainedTypes()) {
                out.write("<tr><td>" + esc(t.type()) + "</td><td>" + Sizes.count(t.instances()) + "</td><td>"
                        + Sizes.bytes(t.bytes()) + "</td></tr>");
            }
            out.write("</table>");
            chain(x.chain(), x.collapsedHops(), out);
            out.write("</div>");
        }
        if (s.hiddenJdk() > 0) {
            out.write("<p class=\"meta\">" + Sizes.count(s.hiddenJdk())
                    + " suspect(s) made only of JDK internals not shown (--jdk-internals shows them).</p>");
        }
        out.write("</section>");
    }

    private static void chain(RetentionChain c, int collapsed, Writer out) throws IOException {
        int culprit = ChainSummary.culpritHop(c);
        out.write("<p>root: " + esc(c.rootKind()) + " " + esc(c.rootDescription()) + "</p><table class=\"chain\"><tr>"
                + "<th>#</th><th>via</th><th>object</th><th>type</th><th>shallow</th><th>retained</th><th>value</th></tr>");
        for (int i = 0; i < c.hops().size(); i++) {
            ChainHop h = c.hops().get(i);
            String via = h.reference() == null ? "" : h.holderType() + (h.reference().startsWith("[") ? "" : ".") + h.reference();
            String cls = i == culprit ? " class=\"culprit\" title=\"culprit reference\""
                    : i >= 1 && i <= collapsed ? " class=\"jdk\" title=\"JDK internals (class loading, module tables)\""
                    : i == c.accumulationIndex() ? " class=\"acc\" title=\"accumulation point\"" : "";
            out.write("<tr" + cls + "><td>" + i + "</td><td>" + esc(via) + "</td><td>0x" + Long.toHexString(h.objectId())
                    + "</td><td>" + esc(h.objectType()) + "</td><td>" + Sizes.bytes(h.shallowBytes()) + "</td><td>"
                    + (h.retainedBytes() < 0 ? "" : Sizes.bytes(h.retainedBytes())) + "</td><td>"
                    + (h.value() == null ? "" : esc(h.value())) + "</td></tr>");
        }
        out.write("</table>");
    }

    private static String esc(String s) {
        return HtmlReportWriter.esc(s);
    }
}
