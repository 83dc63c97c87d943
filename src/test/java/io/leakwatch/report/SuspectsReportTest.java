package io.leakwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leakwatch.analysis.AnalysisRequest;
import io.leakwatch.analysis.LeakAnalysis;
import io.leakwatch.analysis.SuspectHeaps;
import io.leakwatch.heap.DumpAnalyzer;
import io.leakwatch.hprof.ByteArraySource;
import io.leakwatch.hprof.ProgressListener;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuspectsReportTest {

    private static LeakAnalysis orderService() {
        return DumpAnalyzer.analyze(new ByteArraySource(SuspectHeaps.orderService()),
                new AnalysisRequest(List.of(), false, 5, 0, false, true, false), ProgressListener.NONE);
    }

    @Test
    void textLeadsWithTheSuspectAndMarksTheCulprit() {
        String text = new TextReportWriter().render(orderService());

        assertThat(text.indexOf("== Leak suspects")).isPositive().isLessThan(text.indexOf("-- suspect 1"));
        assertThat(text).contains("-- suspect 1: java.util.ArrayList held by OrderService.ORDERS retains")
                .contains("accumulation point: java.lang.Object[] retains 31.3 KiB, fans out to 200 objects")
                .contains("200 × byte[]  (23.4 KiB)")
                .contains(".. 3 JDK-internal hops folded")
                .contains("(1 suspect made only of JDK internals not shown: --jdk-internals shows them)")
                .doesNotContain("Nothing to analyse");
        String culpritLine = text.lines().filter(l -> l.contains("<-- culprit")).findFirst().orElseThrow();
        assertThat(culpritLine).contains("java.util.ArrayList   via com.example.OrderService.static ORDERS");
        assertThat(text.lines().filter(l -> l.contains("<-- culprit"))).hasSize(1);
    }

    @Test
    void jsonCarriesTheSuspectTheCulpritFieldAndTheFoldedHops() throws Exception {
        StringWriter sw = new StringWriter();
        new JsonReportWriter().write(orderService(), sw);
        JsonNode root = new ObjectMapper().readTree(sw.toString());

        JsonNode ls = root.get("leakSuspects");
        assertThat(ls.get("hiddenJdkInternal").asInt()).isEqualTo(1);
        JsonNode s = ls.get("suspects").get(0);
        assertThat(s.get("type").asText()).isEqualTo("java.util.ArrayList");
        assertThat(s.get("culprit").asText()).isEqualTo("OrderService.ORDERS");
        assertThat(s.get("accumulationPoint").get("fanOut").asInt()).isEqualTo(200);
        assertThat(s.get("retainedTypes").get(0).get("type").asText()).isEqualTo("byte[]");
        JsonNode chain = s.get("chain");
        assertThat(chain.get("culpritIndex").asInt()).isEqualTo(5);
        assertThat(chain.get("culprit").asText()).isEqualTo("OrderService.ORDERS");
        JsonNode hops = chain.get("hops");
        assertThat(hops.get(5).get("culprit").asBoolean()).isTrue();
        assertThat(hops.get(6).get("culprit").asBoolean()).isFalse();
        assertThat(hops.get(2).get("jdkInternal").asBoolean()).isTrue();
        assertThat(hops.get(4).get("jdkInternal").asBoolean()).isFalse();
        assertThat(root.get("groups")).isEmpty();
    }

    @Test
    void htmlHighlightsTheCulpritRow() {
        StringWriter sw = new StringWriter();
        new HtmlReportWriter().write(orderService(), sw);
        String html = sw.toString();

        assertThat(html).contains("<section id=\"suspects\">")
                .contains("held by <code class=\"culprit\">OrderService.ORDERS</code>")
                .containsPattern("<tr class=\"culprit\"[^>]*><td>5</td><td>com.example.OrderService.static ORDERS</td>");
        assertThat(html.indexOf("<section id=\"suspects\">")).isLessThan(html.indexOf("</body>"));
    }
}
