package io.leakwatch.sample;

import io.leakwatch.model.ClassHistogram;
import io.leakwatch.model.HistogramEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first version of {@link HistogramParser}, on four regular expressions, kept as the oracle
 * of {@code HistogramParserDifferentialTest}: the scanner must accept and read exactly what this did.
 *
 * <p>Reads the text of {@code GC.class_histogram} (jcmd, or the DiagnosticCommand MBean's
 * {@code gcClassHistogram}) as printed by JDK 8 through 25.
 *
 * <p>Rows look like {@code "   1:   4968   247768  [B (java.base@17.0.15)"}: rank, instances, bytes,
 * the binary class name, and since JDK 9 a module suffix in parentheses for classes in named modules.
 * Names are kept as printed: arrays ({@code [B}, {@code [Ljava.lang.Object;}), nested and hidden
 * classes ({@code Foo$$Lambda/0x000000005d040420}, {@code Foo$$Lambda$14/0x800000028}) and non-ASCII
 * names. The same name can appear twice when two class loaders define it; both rows are kept.
 *
 * <p>The parser is lenient about decoration (a leading pid line from jcmd, the header, the dashes,
 * blank lines, unknown lines) and counts what it skipped; it refuses only text with no row at all.
 * When the {@code Total} line is missing the totals are summed from the rows.
 */
final class RegexHistogramParser {

    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S.*?)\\s*$");
    private static final Pattern TOTAL = Pattern.compile("^\\s*Total\\s+(\\d+)\\s+(\\d+)\\s*$");
    private static final Pattern HEADER = Pattern.compile("^\\s*num\\s+#instances\\s+#bytes\\s+class name.*$");
    private static final Pattern DECORATION = Pattern.compile("^\\s*(-+|\\d+:)?\\s*$");
    private static final int EXCERPT = 120;

    /** Parses {@code text}; fails only when it holds no histogram row. */
    public ParsedHistogram parse(String text) throws HistogramFormatException {
        List<HistogramEntry> entries = new ArrayList<>();
        long totalInstances = -1;
        long totalBytes = -1;
        int skipped = 0;
        String firstOdd = null;
        for (String line : text.split("\r?\n")) {
            Matcher row = ROW.matcher(line);
            Matcher total = TOTAL.matcher(line);
            if (row.matches()) {
                HistogramEntry entry = entry(row);
                if (entry != null) {
                    entries.add(entry);
                    continue;
                }
            } else if (total.matches()) {
                long instances = number(total.group(1));
                long bytes = number(total.group(2));
                if (instances >= 0 && bytes >= 0) {
                    totalInstances = instances;
                    totalBytes = bytes;
                    continue;
                }
            } else if (HEADER.matcher(line).matches() || DECORATION.matcher(line).matches()) {
                continue;
            }
            skipped++;
            if (firstOdd == null) {
                firstOdd = line;
            }
        }
        if (entries.isEmpty()) {
            throw new HistogramFormatException("no class histogram rows in a response of " + text.length()
                    + " chars; first unreadable line: " + excerpt(firstOdd == null ? text : firstOdd));
        }
        if (totalInstances < 0) {
            return new ParsedHistogram(ClassHistogram.of(entries), skipped, false);
        }
        return new ParsedHistogram(new ClassHistogram(entries, totalInstances, totalBytes), skipped, true);
    }

    private static HistogramEntry entry(Matcher row) {
        long instances = number(row.group(1));
        long bytes = number(row.group(2));
        if (instances < 0 || bytes < 0) {
            return null;
        }
        String rest = row.group(3);
        String module = "";
        String name = rest;
        int open = rest.lastIndexOf(" (");
        if (open > 0 && rest.endsWith(")")) {
            name = rest.substring(0, open).strip();
            module = rest.substring(open + 2, rest.length() - 1);
        }
        return new HistogramEntry(name, module, instances, bytes);
    }

    /** The value, or -1 when it does not fit a long (a garbled line, not a real count). */
    private static long number(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String excerpt(String line) {
        String oneLine = line.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() <= EXCERPT ? "'" + oneLine + "'" : "'" + oneLine.substring(0, EXCERPT) + "...'";
    }
}
