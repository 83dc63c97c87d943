package io.leakwatch.sample;

import io.leakwatch.model.ClassHistogram;
import io.leakwatch.model.HistogramEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the text of {@code GC.class_histogram} (jcmd, or the DiagnosticCommand MBean's
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
 *
 * <p><b>Cost.</b> The daemon parses a histogram of about a thousand rows per target and sample, so
 * this is a hand-written scanner over the text (no regular expression, no line or number
 * substrings); it accepts exactly the lines the regular expressions of its first version did
 * ({@code HistogramParserDifferentialTest} keeps that true). Class and module names repeat from one
 * sample to the next, so the parser keeps the strings it made in a small direct-mapped table and
 * hands out the same instance for the same name: no new strings in steady state, and maps keyed by
 * type downstream compare by identity first. The table is bounded and may be read and written by
 * several threads without locks (a lost or stale slot only costs a new string).
 */
public final class HistogramParser {

    private static final int EXCERPT = 120;
    private static final int NAME_SLOTS = 4096;

    private final String[] names = new String[NAME_SLOTS];

    /** Parses {@code text}; fails only when it holds no histogram row. */
    public ParsedHistogram parse(String text) throws HistogramFormatException {
        List<HistogramEntry> entries = new ArrayList<>();
        long totalInstances = -1;
        long totalBytes = -1;
        int skipped = 0;
        int firstOdd = -1;
        int firstOddEnd = -1;
        LineScanner line = new LineScanner(text);
        int length = text.length();
        for (int start = 0, next; start == 0 || start < length; start = next) {
            int newline = text.indexOf('\n', start);
            boolean crlf = newline > start && text.charAt(newline - 1) == '\r';
            line.reset(start, newline < 0 ? length : crlf ? newline - 1 : newline);
            next = newline < 0 ? Math.max(length, 1) : newline + 1;
            if (line.row()) {
                HistogramEntry entry = entry(text, line);
                if (entry != null) {
                    entries.add(entry);
                    continue;
                }
            } else if (line.total()) {
                if (line.first >= 0 && line.second >= 0) {
                    totalInstances = line.first;
                    totalBytes = line.second;
                    continue;
                }
            } else if (line.header() || line.decoration()) {
                continue;
            }
            skipped++;
            if (firstOdd < 0) {
                firstOdd = line.start;
                firstOddEnd = line.end;
            }
        }
        if (entries.isEmpty()) {
            throw new HistogramFormatException("no class histogram rows in a response of " + text.length()
                    + " chars; first unreadable line: "
                    + excerpt(firstOdd < 0 ? text : text.substring(firstOdd, firstOddEnd)));
        }
        if (totalInstances < 0) {
            return new ParsedHistogram(ClassHistogram.of(entries), skipped, false);
        }
        return new ParsedHistogram(new ClassHistogram(entries, totalInstances, totalBytes), skipped, true);
    }

    /** The entry of a row whose counts fit a long, else null; the name as printed, minus a module suffix. */
    private HistogramEntry entry(String text, LineScanner row) {
        if (row.first < 0 || row.second < 0) {
            return null;
        }
        int from = row.restStart;
        int to = row.restEnd;
        int nameEnd = to;
        String module = "";
        int open = text.lastIndexOf(" (", to - 2);
        if (open > from && text.charAt(to - 1) == ')') {
            module = cached(text, open + 2, to - 1);
            nameEnd = open;
            while (from < nameEnd && Character.isWhitespace(text.charAt(from))) {
                from++;
            }
            while (nameEnd > from && Character.isWhitespace(text.charAt(nameEnd - 1))) {
                nameEnd--;
            }
        }
        return new HistogramEntry(cached(text, from, nameEnd), module, row.first, row.second);
    }

    /** {@code text.substring(from, to)}, or the equal string this parser made before. */
    private String cached(String text, int from, int to) {
        int hash = 0;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + text.charAt(i);
        }
        int slot = (hash ^ (hash >>> 16)) & (NAME_SLOTS - 1);
        String known = names[slot];
        int length = to - from;
        if (known != null && known.length() == length && text.regionMatches(from, known, 0, length)) {
            return known;
        }
        String made = text.substring(from, to);
        names[slot] = made;
        return made;
    }

    private static String excerpt(String line) {
        String oneLine = line.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() <= EXCERPT ? "'" + oneLine + "'" : "'" + oneLine.substring(0, EXCERPT) + "...'";
    }

    /**
     * Matches one line, without its line break, against the line shapes of a histogram. Whitespace
     * and digits are the ASCII ones of {@code \s} and {@code \d}; the class name may hold any
     * character but a line terminator ({@code .} of a regular expression), trailing whitespace aside.
     */
    private static final class LineScanner {
        private final String text;
        int start;
        int end;
        int pos;
        long first;
        long second;
        int restStart;
        int restEnd;

        LineScanner(String text) {
            this.text = text;
        }

        void reset(int lineStart, int lineEnd) {
            start = lineStart;
            end = lineEnd;
        }

        /** {@code \s*\d+:\s+(\d+)\s+(\d+)\s+(\S.*?)\s*}: fills the counts (-1 on overflow) and the rest. */
        boolean row() {
            pos = start;
            spaces();
            if (digits() == 0 || !at(':')) {
                return false;
            }
            pos++;
            if (spaces() == 0 || !count(true) || spaces() == 0 || !count(false) || spaces() == 0) {
                return false;
            }
            restStart = pos;
            int last = end;
            while (last > restStart && isSpace(text.charAt(last - 1))) {
                last--;
            }
            if (last == restStart) {
                return false;
            }
            for (int i = restStart + 1; i < last; i++) {
                if (isLineTerminator(text.charAt(i))) {
                    return false;
                }
            }
            restEnd = last;
            return true;
        }

        /** {@code \s*Total\s+(\d+)\s+(\d+)\s*}. */
        boolean total() {
            pos = start;
            spaces();
            if (!word("Total") || spaces() == 0 || !count(true) || spaces() == 0 || !count(false)) {
                return false;
            }
            spaces();
            return pos == end;
        }

        /** {@code \s*num\s+#instances\s+#bytes\s+class name.*}. */
        boolean header() {
            pos = start;
            spaces();
            if (!word("num") || spaces() == 0 || !word("#instances") || spaces() == 0
                    || !word("#bytes") || spaces() == 0 || !word("class name")) {
                return false;
            }
            for (int i = pos; i < end; i++) {
                if (isLineTerminator(text.charAt(i))) {
                    return false;
                }
            }
            return true;
        }

        /** {@code \s*(-+|\d+:)?\s*}. */
        boolean decoration() {
            pos = start;
            spaces();
            if (at('-')) {
                while (at('-')) {
                    pos++;
                }
            } else if (digits() > 0) {
                if (!at(':')) {
                    return false;
                }
                pos++;
            }
            spaces();
            return pos == end;
        }

        private boolean count(boolean isFirst) {
            int from = pos;
            long value = 0;
            while (pos < end && isDigit(text.charAt(pos))) {
                int digit = text.charAt(pos) - '0';
                value = value < 0 || value > (Long.MAX_VALUE - digit) / 10 ? -1 : value * 10 + digit;
                pos++;
            }
            if (isFirst) {
                first = value;
            } else {
                second = value;
            }
            return pos > from;
        }

        private int digits() {
            int from = pos;
            while (pos < end && isDigit(text.charAt(pos))) {
                pos++;
            }
            return pos - from;
        }

        private int spaces() {
            int from = pos;
            while (pos < end && isSpace(text.charAt(pos))) {
                pos++;
            }
            return pos - from;
        }

        private boolean word(String word) {
            if (end - pos < word.length() || !text.startsWith(word, pos)) {
                return false;
            }
            pos += word.length();
            return true;
        }

        private boolean at(char c) {
            return pos < end && text.charAt(pos) == c;
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        /** {@code \s} without UNICODE_CHARACTER_CLASS. */
        private static boolean isSpace(char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
        }

        /** The characters {@code .} does not match without DOTALL. */
        private static boolean isLineTerminator(char c) {
            return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
        }
    }
}
