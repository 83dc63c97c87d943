package io.leakwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leakwatch.testing.ChildJvm;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code sample} and {@code demo} run in-process against real JVMs, output checked as a user reads it. */
class CommandsIT {

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void samplePrintsATableAndJson() throws Exception {
        try (ChildJvm target = ChildJvm.start(GrowingTarget.class, "100")) {
            Thread.sleep(500);
            Run table = run("sample", Long.toString(target.pid()), "--top", "2000");
            assertThat(table.code()).as(table.err()).isZero();
            assertThat(table.out()).startsWith("pid " + target.pid() + "  io.leakwatch.cli.GrowingTarget")
                    .contains("live heap after GC").contains("instances").containsPattern("\\n +1 +[0-9,]+ +[0-9.]+ [KMG]?i?B  ");
            Matcher grown = Pattern.compile("([0-9,]+) +\\S+ \\S+  " + Pattern.quote(GrowingTarget.Grown.class.getName()))
                    .matcher(table.out());
            assertThat(grown.find()).as(table.out()).isTrue();
            assertThat(Long.parseLong(grown.group(1).replace(",", ""))).isGreaterThanOrEqualTo(100);

            Run json = run("sample", Long.toString(target.pid()), "--json");
            assertThat(json.code()).as(json.err()).isZero();
            JsonNode sample = new ObjectMapper().readTree(json.out());
            assertThat(sample.at("/identity/pid").asLong()).isEqualTo(target.pid());
            assertThat(sample.at("/liveHeapBytes").asLong()).isPositive();
            assertThat(sample.at("/takenAt").asText()).endsWith("Z");
            List<String> types = new ArrayList<>();
            sample.at("/histogram/entries").forEach(e -> types.add(e.get("className").asText()));
            assertThat(types).contains(GrowingTarget.Grown.class.getName(), "java.lang.String");

            Run byMainClass = run("sample", "--main-class", "\\.GrowingTarget( |$)", "--json");
            assertThat(byMainClass.code()).as(byMainClass.err()).isZero();
            assertThat(new ObjectMapper().readTree(byMainClass.out()).at("/identity/pid").asLong()).isEqualTo(target.pid());
        }
    }

    @Test
    void sampleOfNoJvmFailsWithExitOne() {
        long gone = 99_999_999L; // above any Linux pid_max
        Run r = run("sample", Long.toString(gone));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("cannot sample pid " + gone + " (not_found)");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run().code()).isEqualTo(2);
        assertThat(run("sample").code()).isEqualTo(2);
        assertThat(run("sample", "1", "--main-class", "x").code()).isEqualTo(2);
        assertThat(run("demo", "--interval", "fast").err()).contains("'fast' is not a positive duration");
        assertThat(run("--version").out()).startsWith("leakwatch ");
        Run help = run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("run", "demo", "sample", "analyze", "captures", "Exit codes");
    }

    @Test
    void demoEndsWithTheAlertAndTheChainThatNamesTheCulpritField() {
        long start = System.nanoTime();
        // the demo ends within seconds now, before the small listener objects rank in its default top 5;
        // the classes of the allocation recording the demo starts in the target outrank them in a top 20
        Run demo = run("demo", "--port", "0", "--top", "40");
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertThat(demo.code()).as(demo.out() + demo.err()).isZero();
        Matcher pid = Pattern.compile("watching LeakyService \\(pid (\\d+)\\)").matcher(demo.out());
        assertThat(pid.find()).as(demo.out()).isTrue();
        assertThat(demo.out()).contains("metrics at http://127.0.0.1:").contains("grew most since first sample");
        Matcher listener = Pattern.compile("\\+([0-9,]+) instances .*io\\.leakwatch\\.demo\\.LeakyService\\$SessionListener")
                .matcher(demo.out());
        List<Long> growth = new ArrayList<>();
        while (listener.find()) {
            growth.add(Long.parseLong(listener.group(1).replace(",", "")));
        }
        assertThat(growth).as(demo.out()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(growth.get(growth.size() - 1)).isGreaterThan(growth.get(0));

        // a growth alert names the field that holds the listener list (one alert per holder, led by the
        // growing type that retains most there) and its chain marks the field
        assertThat(demo.out()).as(demo.out())
                .containsPattern("=== LEAK ALERT .*\\n.* held by LeakyService\\$PriceFeed\\.listeners, retaining .*( grows | also growing: )")
                .contains("-> io.leakwatch.demo.LeakyService$PriceFeed  via LeakyService.FEED")
                .contains("-> java.util.concurrent.CopyOnWriteArrayList  via LeakyService$PriceFeed.listeners   <-- culprit")
                .contains("-> io.leakwatch.demo.LeakyService$SessionListener  via Object[][");
        // one leak, one alert: the growing types and the sessions the service closed (marked) but its
        // listeners keep alive are one incident under one signature
        Matcher signature = Pattern.compile("=== LEAK ALERT .* signature=(\\w+)").matcher(demo.out());
        Set<String> signatures = new HashSet<>();
        while (signature.find()) {
            signatures.add(signature.group(1));
        }
        assertThat(signatures).as(demo.out()).hasSize(1);
        assertThat(demo.out()).containsPattern("surviving object\\(s\\) marked \"quote-session\" "
                + "\\(io\\.leakwatch\\.demo\\.LeakyService\\$QuoteSession\\) held by LeakyService\\$PriceFeed\\.listeners");
        // where the leaking objects were allocated, in the demo's own code, beside the chain
        assertThat(demo.out()).as(demo.out()).contains("allocation sites (live objects sampled by JFR")
                .containsPattern("allocated at io\\.leakwatch\\.demo\\.LeakyService.*LeakyService\\.handleRequest");
        // the demo ends once the alert is shown, long before --duration
        assertThat(demo.out()).containsPattern("demo finished: leak detected, captured, analysed and alerted after \\d+ s");
        assertThat(seconds).as("well within the default 90 s").isLessThan(80);
        long child = Long.parseLong(pid.group(1));
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).as("demo JVM ended").isFalse();
    }
}
