package io.leakwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leakwatch.analysis.alloc.AllocationSite;
import io.leakwatch.analysis.alloc.AllocationSites;
import io.leakwatch.analysis.alloc.StackFrame;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllocationSitesSectionTest {

    private final AllocationSites sites = new AllocationSites(List.of(new AllocationSite("byte[]",
            List.of(new StackFrame("com.example.Cache", "put", 40), new StackFrame("com.example.Api", "<init>", -1)),
            12, 61_000)), 12, 30);

    @Test
    void textGetsASectionAtTheEnd() {
        assertThat(AllocationSitesSection.addToText("report\n", sites)).isEqualTo("""
                report

                Allocation sites (live objects sampled by JFR jdk.OldObjectSample): 12 of 30 samples
                  12 × byte[] allocated at com.example.Cache.put:40 ← com.example.Api.<init> (oldest 61 s)
                """);
    }

    @Test
    void jsonGetsAFieldBesideTheRest() throws Exception {
        JsonNode root = new ObjectMapper().readTree(AllocationSitesSection.addToJson(
                "{\"schema\":\"leakwatch.analysis/1\",\"groups\":[]}", sites));
        assertThat(root.get("schema").asText()).isEqualTo("leakwatch.analysis/1");
        JsonNode node = root.get("allocationSites");
        assertThat(node.get("samples").asInt()).isEqualTo(12);
        assertThat(node.get("totalSamples").asInt()).isEqualTo(30);
        JsonNode site = node.get("sites").get(0);
        assertThat(site.get("type").asText()).isEqualTo("byte[]");
        assertThat(site.get("oldestAgeMillis").asLong()).isEqualTo(61_000);
        assertThat(site.get("frames").get(1).get("method").asText()).isEqualTo("<init>");
        assertThat(site.get("frames").get(1).get("line").asInt()).isEqualTo(-1);
    }

    @Test
    void htmlGetsAnEscapedSectionBeforeTheEndOfTheBody() {
        String html = AllocationSitesSection.addToHtml("<html><body><h1>x</h1></body></html>\n", sites);
        assertThat(html).contains("<section id=\"allocation-sites\">")
                .contains("com.example.Api.&lt;init&gt;").doesNotContain("Api.<init>")
                .endsWith("</ul></section>\n</body></html>\n");
    }
}
