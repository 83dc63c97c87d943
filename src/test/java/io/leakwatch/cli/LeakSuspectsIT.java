package io.leakwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leakwatch.heap.RealDumps;
import io.leakwatch.heap.testapp.OrderService;
import io.leakwatch.testing.ChildJvm;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code leakwatch analyze DUMP} with no type, on a dump a real JDK 17 wrote of a service whose
 * {@code static List<Order>} leaks: every format leads with that list as the suspect, culprit marked.
 */
class LeakSuspectsIT {

    @TempDir
    Path dir;

    private String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new AnalyzeCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute(args)).as(err.toString()).isZero();
        return out.toString();
    }

    @Test
    void theLeakingStaticListLeadsInTextJsonAndHtml() throws Exception {
        Path dump = RealDumps.dump(ChildJvm.currentJava(), OrderService.class, dir.resolve("orders.hprof"), false, false);
        String order = OrderService.Order.class.getName();

        String text = run(dump.toString());
        String first = text.substring(text.indexOf("-- suspect 1:"));
        assertThat(first.lines().findFirst().orElseThrow())
                .startsWith("-- suspect 1: java.util.ArrayList held by OrderService.ORDERS retains");
        assertThat(first).contains("accumulation point: java.lang.Object[]").contains("30,000 × " + order);
        String culpritLine = first.lines().filter(l -> l.contains("<-- culprit")).findFirst().orElseThrow();
        assertThat(culpritLine).contains("java.util.ArrayList   via " + OrderService.class.getName() + ".static ORDERS");
        assertThat(text).doesNotContain("-- suspect 2: java.lang.invoke").doesNotContain("value \"order-");

        JsonNode json = new ObjectMapper().readTree(run(dump.toString(), "--format", "json"));
        JsonNode s = json.get("leakSuspects").get("suspects").get(0);
        assertThat(s.get("type").asText()).isEqualTo("java.util.ArrayList");
        assertThat(s.get("culprit").asText()).isEqualTo("OrderService.ORDERS");
        assertThat(s.get("heapShare").asDouble()).isGreaterThan(0.5);
        assertThat(s.get("accumulationPoint").get("fanOut").asInt()).isGreaterThanOrEqualTo(30000);
        JsonNode hops = s.get("chain").get("hops");
        JsonNode culprit = hops.get(s.get("chain").get("culpritIndex").asInt());
        assertThat(culprit.get("culprit").asBoolean()).isTrue();
        assertThat(culprit.get("reference").asText()).isEqualTo("static ORDERS");
        assertThat(s.get("retainedTypes").findValuesAsText("type")).contains(order, "byte[]");

        Path html = dir.resolve("r.html");
        run(dump.toString(), "--format", "html", "--out", html.toString());
        assertThat(Files.readString(html)).contains("held by <code class=\"culprit\">OrderService.ORDERS</code>")
                .containsPattern("<tr class=\"culprit\"[^>]*><td>\\d+</td><td>" + OrderService.class.getName().replace(".", "\\.")
                        + "\\.static ORDERS</td>");
    }
}
