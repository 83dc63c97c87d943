package io.leakwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.capture.CaptureOutcome.Captured;
import io.leakwatch.heap.ChildJvmCaptureAnalyzer;
import io.leakwatch.heap.testapp.OrderService;
import io.leakwatch.model.LeakTrend;
import io.leakwatch.model.TrendSeries;
import io.leakwatch.model.TrendSeries.Point;
import io.leakwatch.testing.ChildJvm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A capture's HTML report as a browser shows it: a real JVM whose {@code static List<Order>} leaks
 * is dumped over JMX by the capture service, the dump is analysed in the child analysis JVM (the
 * daemon's default), and the page it writes is loaded by headless Chromium
 * ({@code chromium --headless=new --dump-dom}); the assertions read the DOM Chromium built (it
 * adds the {@code tbody} of every table, so a string the writer printed would not match by chance).
 * A missing Chromium fails the test, naming the install script, rather than skipping it.
 */
class CaptureReportChromiumIT {

    private static final Instant T0 = Instant.parse("2026-12-06T04:00:00Z");
    private static final String ORDER = OrderService.Order.class.getName();
    private static final String INSTALL_HINT = "run src/test/sh/install-test-deps.sh as root (Debian package chromium)";

    @TempDir
    Path dir;

    /**
     * What detection would have handed down for this leak: the orders' window (7 samples, the last
     * at the 30 000 orders the target holds), the live heap's (9 samples), and {@code [B} growing
     * alongside (not a trigger).
     */
    private static LeakTrend trend() {
        List<Point> orders = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            long n = 12_000 + 3_000L * i;
            orders.add(new Point(T0.plusSeconds(60L * i), n * 24, n));
        }
        List<Point> heap = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            heap.add(new Point(T0.plusSeconds(45L * i), (10L << 20) + (1L << 20) * i + (i % 2) * 300_000L, -1));
        }
        List<Point> bytes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            bytes.add(new Point(T0.plusSeconds(90L * i), 616L * (12_000 + 4_500L * i), 12_000 + 4_500L * i));
        }
        return new LeakTrend(30L << 20, 64L << 20, List.of(
                new TrendSeries("type:" + ORDER, true, ORDER + " grows 1.0 MiB/h (+150% over 7 samples)", orders),
                new TrendSeries("heap", true, "live heap grows 10.0 MiB/h (+80% over 9 samples)", heap),
                new TrendSeries("type:[B", false, "byte[] grows 9.0 MiB/h (+150% over 5 samples)", bytes)));
    }

    @Test
    void chromiumRendersTheSummaryTheTrendTheCulpritAndTheGrowth() throws Exception {
        Path chromium = chromium();
        Path report;
        try (ChildJvm target = ChildJvm.builder(OrderService.class).jvmOptions("-Xmx64m", "-XX:+UseSerialGC").start();
             JmxAttach jmx = JmxAttach.to(target.pid());
             ChildJvmCaptureAnalyzer analyzer = new ChildJvmCaptureAnalyzer(3, 0, 256L << 20, Duration.ofMinutes(3))) {
            Path root = dir.resolve("captures");
            CaptureService service = CaptureService.open(root, CapturePolicy.defaults(), analyzer, new TargetFilesystem(),
                    Clock.fixed(T0.plusSeconds(400), ZoneOffset.UTC));
            CaptureOutcome outcome = service.capture(new CaptureRequest("orders", target.pid(), List.of(ORDER, "[B"), false,
                    trend()), new JmxHeapDumper(jmx.connection(), Duration.ofSeconds(60)));

            assertThat(outcome).as(String.valueOf(outcome)).isInstanceOf(Captured.class);
            Captured captured = (Captured) outcome;
            assertThat(captured.record().files()).extracting(CaptureRecord.CapturedFile::name)
                    .as("the context file handed to the analysis JVM is gone").doesNotContain(".capture-context.json");
            report = root.resolve(captured.reportPath().orElseThrow());
        }

        String dom = render(chromium, report);

        assertThat(dom).as("Chromium's DOM, not the file as written").contains("<tbody>");
        String summary = element(dom, "section", "summary");
        assertThat(text(element(summary, "td", "target"))).isEqualTo("orders");
        assertThat(text(element(summary, "td", "captured"))).isEqualTo("2026-12-06 04:06:40 UTC");
        assertThat(text(element(summary, "td", "heap"))).isEqualTo("30.0 MiB live of 64.0 MiB maximum (47 %)");
        assertThat(text(element(summary, "td", "verdict"))).startsWith("Leak: ").endsWith(" held by OrderService.ORDERS");
        assertThat(element(summary, "code", "culprit")).contains("class=\"culprit\"");
        assertThat(text(element(summary, "code", "culprit"))).isEqualTo("OrderService.ORDERS");

        List<String> svgs = all(dom, "svg");
        assertThat(svgs).as("one chart per triggering series").hasSize(2);
        assertThat(svgs.stream().map(CaptureReportChromiumIT::vertices).toList()).containsExactly(7, 9);

        List<String> chains = all(dom, "table").stream().filter(t -> t.contains("class=\"chain\"")).toList();
        String field = OrderService.class.getName() + ".static ORDERS";
        List<String> leaking = chains.stream().filter(c -> c.contains(field)).toList();
        assertThat(leaking).as("the orders, their lines and their ids, all through ORDERS").hasSizeGreaterThanOrEqualTo(3);
        for (String chain : leaking) {
            List<String> culprits = rows(chain).stream().filter(r -> r.contains("class=\"culprit")).toList();
            assertThat(culprits).as("the chain marks the ORDERS hop, and only it").hasSize(1);
            assertThat(text(culprits.get(0))).contains(field);
        }
        // a JDK table (time-zone rules) has no application field to blame: no culprit row at all
        assertThat(chains).allSatisfy(c -> assertThat(c.split("class=\"culprit", -1).length - 1).isLessThanOrEqualTo(1));

        List<String> growth = rows(element(dom, "table", "growth"));
        assertThat(growth).as("header and one row per growing type").hasSize(3);
        assertThat(text(growth.get(1))).startsWith(ORDER + "12,00030,000+18,000");
        assertThat(growth.get(1)).contains("class=\"trigger\"");
        assertThat(text(growth.get(2))).startsWith("byte[]12,00030,000+18,000");

        assertThat(dom).as("no script, nothing fetched").doesNotContain("<script").doesNotContain("src=")
                .doesNotContain("href=");
        assertThat(dom).as("heap values stay redacted").doesNotContain("order-1").contains("&lt;redacted&gt;");

        Path png = screenshot(chromium, report);
        assertThat(Files.size(png)).isGreaterThan(10_000);
    }

    /** The first of {@code chromium}, {@code chromium-browser} on PATH; a missing one fails the test. */
    private static Path chromium() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String name : List.of("chromium", "chromium-browser")) {
            for (String d : path.split(":")) {
                Path candidate = Path.of(d.isEmpty() ? "." : d, name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new AssertionError("chromium is not on PATH (" + path + "); " + INSTALL_HINT);
    }

    private String render(Path chromium, Path page) throws IOException, InterruptedException {
        Path out = dir.resolve("dom.html");
        run(chromium, out, "--dump-dom", page.toUri().toString());
        keep(out, "capture-report-dom.html");
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** A picture of the page, for people: kept as target/capture-report.png. */
    private Path screenshot(Path chromium, Path page) throws IOException, InterruptedException {
        Path png = dir.resolve("report.png");
        run(chromium, dir.resolve("screenshot.log"), "--screenshot=" + png, "--window-size=1280,1800",
                "--hide-scrollbars", page.toUri().toString());
        try (InputStream in = Files.newInputStream(png)) {
            assertThat(in.readNBytes(4)).isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        }
        keep(png, "capture-report.png");
        return png;
    }

    /** Copies {@code file} to {@code target/<name>}, for a person to look at after the run. */
    private static void keep(Path file, String name) throws IOException {
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.copy(file, target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void run(Path chromium, Path stdout, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless=new", "--no-sandbox",
                "--disable-gpu", "--user-data-dir=" + dir.resolve("profile")));
        cmd.addAll(List.of(args));
        Path stderr = dir.resolve("chromium.err");
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(String.join(" ", cmd) + " did not finish within 120 s");
        }
        assertThat(p.exitValue()).as(String.join(" ", cmd) + " exit code; stderr:\n" + Files.readString(stderr)).isZero();
    }

    /** The element {@code <tag id="id">...</tag>} (outer HTML), as Chromium serialises it. */
    private static String element(String html, String tag, String id) {
        Matcher m = Pattern.compile("<" + tag + "\\b[^>]*\\bid=\"" + id + "\"[^>]*>.*?</" + tag + ">", Pattern.DOTALL)
                .matcher(html);
        assertThat(m.find()).as("<" + tag + " id=\"" + id + "\"> in the rendered DOM").isTrue();
        return m.group();
    }

    /** Every {@code <tag>...</tag>} (not nested in one another). */
    private static List<String> all(String html, String tag) {
        return Pattern.compile("<" + tag + "\\b[^>]*>.*?</" + tag + ">", Pattern.DOTALL).matcher(html).results()
                .map(r -> r.group()).toList();
    }

    private static List<String> rows(String table) {
        return all(table, "tr");
    }

    /** The vertices of the chart's polyline. */
    private static int vertices(String svg) {
        Matcher m = Pattern.compile("<polyline\\b[^>]*\\bpoints=\"([^\"]*)\"").matcher(svg);
        assertThat(m.find()).as("a polyline in " + svg).isTrue();
        return m.group(1).trim().split("\\s+").length;
    }

    /** Text content: tags dropped, the entities this page uses decoded. */
    private static String text(String html) {
        return html.replaceAll("<[^>]*>", "").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&").trim();
    }
}
