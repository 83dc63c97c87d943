package io.leakwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leakwatch.analysis.ChainHop;
import io.leakwatch.analysis.LeakAnalysis;
import io.leakwatch.analysis.LeakSignature;
import io.leakwatch.analysis.RetentionChain;
import io.leakwatch.analysis.TargetGroup;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportWritersTest {

    static LeakAnalysis sample() {
        RetentionChain chain = new RetentionChain("system class", "class com.example.Registry",
                "static field com.example.Registry.SESSIONS", List.of(
                new ChainHop(null, null, 0x1000, "class com.example.Registry", 16, -1, null, 1),
                new ChainHop("com.example.Registry", "static SESSIONS", 0x2000, "java.util.ArrayList", 24, -1, null, 1),
                new ChainHop("java.util.ArrayList", "elementData", 0x3000, "java.lang.Object[]", 80, -1, null, 42),
                new ChainHop("java.lang.Object[]", "[7]", 0x4000, "com.example.Session<x>", 32, 1056, null, 0),
                new ChainHop("com.example.Session<x>", "name", 0x5000, "java.lang.String", 24, 64, ChainHop.REDACTED, 0)),
                2);
        LeakSignature sig = new LeakSignature("k", 42, 42 * 32, 42 * 1056, chain);
        return new LeakAnalysis("JAVA PROFILE 1.0.2", 8, 1000, 2000, 30,
                List.of(new TargetGroup("com.example.Session<x>", TargetGroup.Kind.TYPE, 50, 50, 8, 1600, 44352, 1,
                        List.of(sig))));
    }

    @Test
    void textIsGcrootStyleWithTheAccumulationPointMarked() {
        String text = new TextReportWriter().render(sample());
        assertThat(text).contains("held by static field com.example.Registry.SESSIONS")
                .contains("ROOT system class: class com.example.Registry")
                .contains("-> 0000000000003000 java.lang.Object[]   via java.util.ArrayList.elementData")
                .contains("^^^ accumulation point: fans out to 42 objects")
                .contains("via java.lang.Object[][7]")
                .contains("value <redacted>")
                .contains("8 not strongly reachable");
        int acc = text.indexOf("accumulation point");
        assertThat(text.lastIndexOf("elementData", acc)).isPositive();
    }

    @Test
    void jsonFollowsTheVersionedSchema() throws Exception {
        StringWriter out = new StringWriter();
        new JsonReportWriter().write(sample(), out);
        JsonNode root = new ObjectMapper().readTree(out.toString());
        assertThat(root.get("schema").asText()).isEqualTo("leakwatch.analysis/1");
        assertThat(root.at("/dump/objects").asLong()).isEqualTo(1000);
        JsonNode group = root.at("/groups/0");
        assertThat(group.get("kind").asText()).isEqualTo("type");
        assertThat(group.get("notStronglyReachable").asInt()).isEqualTo(8);
        JsonNode chain = group.at("/signatures/0/chain");
        assertThat(chain.get("accumulationIndex").asInt()).isEqualTo(2);
        assertThat(chain.get("length").asInt()).isEqualTo(4);
        assertThat(chain.at("/hops/2/reference").asText()).isEqualTo("elementData");
        assertThat(chain.at("/hops/2/fanOut").asInt()).isEqualTo(42);
        assertThat(chain.at("/hops/3/objectId").asText()).isEqualTo("0x4000");
        assertThat(chain.at("/hops/3/retainedBytes").asLong()).isEqualTo(1056);
        assertThat(chain.at("/hops/4/value").asText()).isEqualTo("<redacted>");
        assertThat(chain.at("/hops/0/reference").isNull()).isTrue();
    }

    @Test
    void htmlIsSelfContainedAndEscaped() {
        StringWriter out = new StringWriter();
        new HtmlReportWriter().write(sample(), out);
        String html = out.toString();
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>").doesNotContain("<script")
                .doesNotContain("src=").doesNotContain("href=")
                .contains("com.example.Session&lt;x&gt;").doesNotContain("Session<x>")
                .contains("class=\"acc\"");
    }

    @Test
    void htmlEscapesHeapValuesAndNames() {
        String hostile = "<script>alert('x')</script> & \"q\"";
        RetentionChain chain = new RetentionChain("system class", "class a.B", "static field a.B.F", List.of(
                new ChainHop(null, null, 0x10, "class a.B", 16, -1, null, 1),
                new ChainHop("a.B", "static F", 0x20, "java.lang.String", 24, 64, hostile, 1)), -1);
        LeakAnalysis analysis = new LeakAnalysis("JAVA PROFILE 1.0.2", 8, 2, 1, 1, List.of(new TargetGroup(
                "java.lang.String", TargetGroup.Kind.TYPE, 1, 1, 0, 24, 64, 1,
                List.of(new LeakSignature("k", 1, 24, 64, chain)))));
        StringWriter out = new StringWriter();
        new HtmlReportWriter().write(analysis, out);

        assertThat(out.toString()).doesNotContain("<script").doesNotContain(hostile)
                .contains("<td>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;</td>");
    }

    @Test
    void diffHtmlEscapesNodeLabels() {
        StringWriter out = new StringWriter();
        new DiffReportWriter(5).html(new HeapDiff(List.of(
                new HeapDiff.Growth("k", "Cache<K> -> <img src=x>", 1, 3, 100, 300))), out);

        assertThat(out.toString()).doesNotContain("<img").contains("<tr class=\"grew\"><td>Cache&lt;K&gt; -&gt; &lt;img src=x&gt;</td>")
                .contains("<td>+2</td>").contains("<td>+200 B</td>");
    }
}
