package io.leakwatch.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leakwatch.model.HistogramEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The histogram parser on texts real JVMs printed ({@code jcmd <pid> GC.class_histogram} on JDK
 * 17.0.15 with Serial GC and JDK 25.0.3 with G1, kept under {@code histograms/}) and on crafted
 * odd inputs.
 */
class HistogramParserTest {

    private final HistogramParser parser = new HistogramParser();

    @Test
    void readsAJdk17Histogram() throws Exception {
        ParsedHistogram parsed = parser.parse(resource("jdk17-serial.txt"));

        assertThat(parsed.totalReported()).isTrue();
        assertThat(parsed.skippedLines()).isZero();
        assertThat(parsed.histogram().entries()).hasSize(638);
        assertThat(parsed.histogram().totalInstances()).isEqualTo(30733);
        assertThat(parsed.histogram().totalBytes()).isEqualTo(1368640);
        assertThat(parsed.histogram().entries().get(0)).isEqualTo(new HistogramEntry("[B", "java.base@17.0.15", 4968, 247768));
        assertThat(parsed.histogram().entries()).contains(
                new HistogramEntry("io.leakwatch.attach.targets.CommandTarget$$Lambda$1/0x00007efd25000c10", "", 1, 16),
                new HistogramEntry("io.leakwatch.attach.targets.CommandTarget$Ünïcødé", "", 1, 16),
                new HistogramEntry("java.util.regex.Pattern$$Lambda$18/0x800000028", "java.base@17.0.15", 4, 64),
                new HistogramEntry("sun.util.logging.internal.LoggingProviderImpl", "java.logging@17.0.15", 1, 16));
        assertThat(parsed.histogram().entries()).anySatisfy(e -> {
            assertThat(e.className()).isEqualTo("[Ljava.lang.Object;");
            assertThat(e.module()).isEqualTo("java.base@17.0.15");
        });
        assertSumsMatchTotals(parsed);
    }

    @Test
    void readsAJdk25Histogram() throws Exception {
        ParsedHistogram parsed = parser.parse(resource("jdk25-g1.txt"));

        assertThat(parsed.skippedLines()).isZero();
        assertThat(parsed.histogram().entries()).hasSize(696);
        assertThat(parsed.histogram().totalInstances()).isEqualTo(45364);
        assertThat(parsed.histogram().totalBytes()).isEqualTo(2106240);
        assertThat(parsed.histogram().entries().get(0)).isEqualTo(new HistogramEntry("[B", "java.base@25.0.3", 11177, 592072));
        assertThat(parsed.histogram().entries()).contains(
                new HistogramEntry("io.leakwatch.attach.targets.CommandTarget$$Lambda/0x000000005d040420", "", 1, 16),
                new HistogramEntry("io.leakwatch.attach.targets.CommandTarget$Ünïcødé", "", 1, 16));
        assertSumsMatchTotals(parsed);
    }

    @Test
    void readsTheJdk8LayoutWithoutModules() throws Exception {
        // JDK 8's layout (no module column); no JDK 8 is installed here to capture a real one.
        String text = """
                 num     #instances         #bytes  class name
                ----------------------------------------------
                   1:         21645        2035288  [C
                   2:          3471         389648  java.lang.Class
                   3:         21612         518688  java.lang.String
                   4:          5316         265640  [Ljava.lang.Object;
                   5:            12           4224  [Ljava.util.concurrent.ConcurrentHashMap$Node;
                Total         52056        3213488
                """;
        ParsedHistogram parsed = parser.parse(text);

        assertThat(parsed.histogram().entries()).containsExactly(
                new HistogramEntry("[C", "", 21645, 2035288),
                new HistogramEntry("java.lang.Class", "", 3471, 389648),
                new HistogramEntry("java.lang.String", "", 21612, 518688),
                new HistogramEntry("[Ljava.lang.Object;", "", 5316, 265640),
                new HistogramEntry("[Ljava.util.concurrent.ConcurrentHashMap$Node;", "", 12, 4224));
        assertThat(parsed.histogram().totalInstances()).isEqualTo(52056);
        assertThat(parsed.skippedLines()).isZero();
    }

    @Test
    void sumsTotalsWhenTheTotalLineIsMissing() throws Exception {
        ParsedHistogram parsed = parser.parse("""
                   1:            10            160  a.B (app@1)
                   2:             5             80  a.C
                """);

        assertThat(parsed.totalReported()).isFalse();
        assertThat(parsed.histogram().totalInstances()).isEqualTo(15);
        assertThat(parsed.histogram().totalBytes()).isEqualTo(240);
    }

    @Test
    void toleratesOddLinesAndCountsThem() throws Exception {
        String longName = "x." + "VeryLong".repeat(2000) + "$Inner";
        String text = "num     #instances         #bytes  class name (module)\r\n"
                + "   1:            10            160  a.B (java.base@21.0.1)\r\n"
                + "WARNING: something the JVM printed\r\n"
                + "   2:  99999999999999999999999            80  garbled.Count\r\n"
                + "   3:             2             32  " + longName + "\r\n"
                + "   4:             1             16  ключ.Класс\r\n"
                + "   5:             1             16  dup.Name\r\n"
                + "   6:             1             16  dup.Name\r\n"
                + "\r\n"
                + "Total            15            240\r\n";
        ParsedHistogram parsed = parser.parse(text);

        assertThat(parsed.skippedLines()).isEqualTo(2);
        assertThat(parsed.histogram().entries()).extracting(HistogramEntry::className)
                .containsExactly("a.B", longName, "ключ.Класс", "dup.Name", "dup.Name");
        assertThat(parsed.histogram().entries().get(0).module()).isEqualTo("java.base@21.0.1");
        assertThat(parsed.histogram().totalInstances()).isEqualTo(15);
    }

    @Test
    void refusesTextWithoutRows() {
        assertThatThrownBy(() -> parser.parse(""))
                .isInstanceOf(HistogramFormatException.class)
                .hasMessageContaining("no class histogram rows");
        assertThatThrownBy(() -> parser.parse("Exception: GC.class_histogram is not available\nmore"))
                .isInstanceOf(HistogramFormatException.class)
                .hasMessageContaining("'Exception: GC.class_histogram is not available'");
        assertThatThrownBy(() -> parser.parse(" num     #instances         #bytes  class name\n-----\nTotal 0 0\n"))
                .isInstanceOf(HistogramFormatException.class);
    }

    @Test
    void cutsLongGarbageInTheErrorMessage() {
        String garbage = "z".repeat(10_000);
        assertThatThrownBy(() -> parser.parse(garbage))
                .isInstanceOf(HistogramFormatException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300).contains("10000 chars"));
    }

    private static void assertSumsMatchTotals(ParsedHistogram parsed) {
        long instances = parsed.histogram().entries().stream().mapToLong(HistogramEntry::instances).sum();
        long bytes = parsed.histogram().entries().stream().mapToLong(HistogramEntry::bytes).sum();
        assertThat(instances).isEqualTo(parsed.histogram().totalInstances());
        assertThat(bytes).isEqualTo(parsed.histogram().totalBytes());
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = HistogramParserTest.class.getResourceAsStream("/histograms/" + name)) {
            assertThat(in).as("test resource histograms/%s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
