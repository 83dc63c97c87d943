package io.leakwatch.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hand-written scanner against the regular expressions it replaced ({@link RegexHistogramParser}):
 * on the real histograms and on many generated texts mixing rows, totals, headers, decoration and
 * junk with every kind of whitespace, line terminator, overflowing count and module suffix, both
 * must give the same rows, totals and skipped-line count, or fail with the same message.
 */
class HistogramParserDifferentialTest {

    private static final List<String> PIECES = List.of(
            "", " ", "  ", "\t", "\u000B", "\f", "\r", "\u2003", "\u00A0", "\u0085", "\u2028", "\u2029",
            "1", "42", "007", "160", "99999999999999999999999", "9223372036854775807", "9223372036854775808",
            ":", "-", "---", "(", ")", " (", " )", "()", " (java.base@17.0.15)", " (app@1)", " ( m )",
            "Total", "total", "num", "#instances", "#bytes", "class name", "class  name", " num #instances #bytes class name (module)",
            "[B", "java.lang.String", "[Ljava.lang.Object;", "Foo$$Lambda/0x000000005d040420", "ключ.Класс",
            "Ünïcødé", "x y", "\uD83D\uDE00", "WARNING:", "a.B");

    private final HistogramParser scanner = new HistogramParser();
    private final RegexHistogramParser regexes = new RegexHistogramParser();

    @Test
    void agreesOnTheRealHistograms() throws IOException {
        for (String name : List.of("jdk17-serial.txt", "jdk25-g1.txt")) {
            String text = resource(name);
            assertSame(text);
            assertSame(text.replace("\n", "\r\n"));
        }
    }

    @Test
    void agreesOnGeneratedLines() {
        Random random = new Random(20261125);
        int parsed = 0;
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            int lines = 1 + random.nextInt(6);
            for (int i = 0; i < lines; i++) {
                text.append(random.nextInt(3) == 0 ? junkLine(random) : rowLike(random));
                text.append(random.nextInt(4) == 0 ? "\r\n" : "\n");
            }
            if (random.nextBoolean()) {
                text.setLength(text.length() - 1);
            }
            parsed += assertSame(text.toString()) ? 1 : 0;
        }
        assertThat(parsed).as("generated texts that hold a row").isGreaterThan(1_000);
    }

    /** A row, total, header or dashes line, each part perhaps replaced by a random piece. */
    private static String rowLike(Random random) {
        String[] parts = switch (random.nextInt(4)) {
            case 0 -> new String[] {"  ", "12", ":", "   ", "10", "  ", "160", "  ", "a.B", " (app@1)", ""};
            case 1 -> new String[] {" ", "Total", "   ", "15", "  ", "240", ""};
            case 2 -> new String[] {" ", "num", "  ", "#instances", "  ", "#bytes", "  ", "class name", " (module)"};
            default -> new String[] {" ", "-----", " "};
        };
        StringBuilder line = new StringBuilder();
        for (String part : parts) {
            line.append(random.nextInt(5) == 0 ? piece(random) : part);
            if (random.nextInt(12) == 0) {
                line.append(piece(random));
            }
        }
        return line.toString();
    }

    private static String junkLine(Random random) {
        StringBuilder line = new StringBuilder();
        int pieces = random.nextInt(6);
        for (int i = 0; i < pieces; i++) {
            line.append(piece(random));
        }
        return line.toString();
    }

    private static String piece(Random random) {
        return PIECES.get(random.nextInt(PIECES.size()));
    }

    /** Whether the text held a row. */
    private boolean assertSame(String text) {
        Object expected = outcome(() -> regexes.parse(text));
        Object actual = outcome(() -> scanner.parse(text));
        assertThat(actual).as("parse of %s", visible(text)).isEqualTo(expected);
        return expected instanceof ParsedHistogram;
    }

    private interface Parse {
        ParsedHistogram run() throws Exception;
    }

    /** The parsed histogram, or the failure's class and message. */
    private static Object outcome(Parse parse) {
        try {
            return parse.run();
        } catch (Exception e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    private static String visible(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.chars().forEach(c -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.append('"').toString();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = HistogramParserDifferentialTest.class.getResourceAsStream("/histograms/" + name)) {
            assertThat(in).as("test resource histograms/%s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
