package io.leakwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.model.Bytes;
import io.leakwatch.model.CaptureContext;
import io.leakwatch.model.LeakTrend;
import io.leakwatch.model.TrendSeries;
import io.leakwatch.model.TrendSeries.Point;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The top of a capture's HTML page: summary, the chart of the trend that triggered it, the growth table. */
class CaptureReportTest {

    private static final Instant T0 = Instant.parse("2026-12-06T04:00:00Z");

    private static List<Point> points(int n, long startBytes, long stepBytes, long startInstances, long stepInstances) {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            points.add(new Point(T0.plusSeconds(30L * i), startBytes + stepBytes * i,
                    startInstances < 0 ? -1 : startInstances + stepInstances * i));
        }
        return points;
    }

    private static CaptureContext context(String target) {
        LeakTrend trend = new LeakTrend(48L << 20, 64L << 20, List.of(
                new TrendSeries("type:com.example.Session<x>", true, "com.example.Session<x> grows 6.0 MiB/h",
                        points(7, 1_000_000, 50_000, 1000, 50)),
                new TrendSeries("heap", true, "live heap grows 9.0 MiB/h", points(9, 40L << 20, 1L << 20, -1, 0)),
                new TrendSeries("type:[B", false, "byte[] grows 1.0 MiB/h", points(5, 2_000_000, 10_000, 3000, 7))));
        return new CaptureContext(target, T0.plusSeconds(300), trend);
    }

    private static String html(CaptureContext context) {
        StringWriter out = new StringWriter();
        new HtmlReportWriter().write(ReportWritersTest.sample(), context, out);
        return out.toString();
    }

    private static List<Integer> chartVertices(String html) {
        List<Integer> counts = new ArrayList<>();
        Matcher m = Pattern.compile("<polyline[^>]* points=\"([^\"]*)\"").matcher(html);
        while (m.find()) {
            counts.add(m.group(1).trim().split(" ").length);
        }
        return counts;
    }

    @Test
    void summaryLeadsWithTargetTimeHeapVerdictAndCulprit() {
        String html = html(context("orders"));

        assertThat(html.indexOf("id=\"summary\"")).isPositive().isLessThan(html.indexOf("class=\"chain\""));
        assertThat(html).contains("<td id=\"target\">orders</td>")
                .contains("<td id=\"captured\">2026-12-06 04:05:00 UTC</td>")
                .contains("<td id=\"heap\">" + Bytes.format(48L << 20) + " live of " + Bytes.format(64L << 20)
                        + " maximum (75 %)</td>")
                .contains("<td id=\"verdict\">Leak: com.example.Session&lt;x&gt; held by Registry.SESSIONS</td>")
                .contains("<code id=\"culprit\" class=\"culprit\">Registry.SESSIONS</code>")
                .contains("<li>com.example.Session&lt;x&gt; grows 6.0 MiB/h</li>")
                .doesNotContain("<script").doesNotContain("href=").doesNotContain("src=");
    }

    @Test
    void chartsEachTriggeringSeriesWithAVertexPerSample() {
        String html = html(context("orders"));

        assertThat(chartVertices(html)).containsExactly(7, 9);
        assertThat(html).contains("<figure class=\"chart\" data-points=\"7\"><figcaption>com.example.Session&lt;x&gt; grows");
    }

    @Test
    void growthTableListsTypesInJavaSourceFormTriggersFirst() {
        String html = html(context("orders"));

        String table = html.substring(html.indexOf("<table id=\"growth\">"), html.indexOf("</table>", html.indexOf("<table id=\"growth\">")));
        List<String> rows = Pattern.compile("<tr[ >]").matcher(table).results().map(r -> r.group()).toList();
        assertThat(rows).hasSize(3);
        assertThat(table).contains("<tr class=\"trigger\" title=\"its growth triggered the capture\"><td>com.example.Session&lt;x&gt;</td>"
                + "<td>1,000</td><td>1,300</td><td>+300</td><td>" + Bytes.format(1_000_000) + "</td><td>"
                + Bytes.format(1_300_000) + "</td><td>+" + Bytes.format(300_000) + "</td><td>3 min</td></tr>");
        assertThat(table).contains("<tr><td>byte[]</td><td>3,000</td><td>3,028</td><td>+28</td>");
        assertThat(table.indexOf("Session")).isLessThan(table.indexOf("byte[]"));
        assertThat(table).doesNotContain("[B").doesNotContain("heap");
    }

    @Test
    void theChainMarksTheCulpritHop() {
        String html = html(context("orders"));

        assertThat(html).containsPattern("<tr class=\"culprit\" title=\"culprit reference\"><td>1</td>"
                + "<td>com\\.example\\.Registry\\.static SESSIONS</td>")
                .contains("<tr class=\"acc\" title=\"accumulation point\"><td>2</td>");
    }

    @Test
    void valuesFromTheTargetAreEscaped() {
        assertThat(html(context("<b>x</b>"))).contains("<td id=\"target\">&lt;b&gt;x&lt;/b&gt;</td>").doesNotContain("<b>x</b>");
    }

    @Test
    void aDumpAnalysedOutsideACaptureHasNoSummary() {
        String html = html(null);

        assertThat(html).doesNotContain("id=\"summary\"").doesNotContain("<svg").contains("class=\"chain\"");
    }

    @Test
    void aCaptureWithoutATrendSaysSoInsteadOfCharting() {
        String html = html(new CaptureContext("orders", T0, LeakTrend.NONE));

        assertThat(html).contains("<td id=\"heap\">not sampled</td>").doesNotContain("<svg")
                .contains("No growing series with two or more samples to chart.")
                .contains("No growing type was sampled.");
    }
}
