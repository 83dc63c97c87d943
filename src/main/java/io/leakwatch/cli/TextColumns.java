package io.leakwatch.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table whose columns are as wide as their widest cell, two spaces apart; columns
 * marked numeric are right-aligned. Rows are printed only once all are known. Not picocli's
 * {@code Help.TextTable}: its columns have fixed widths, align left only, and wrap an overflowing
 * cell (a capture's failure detail) onto further lines, so the widths and the right alignment
 * would still be computed here and the detail lines would break.
 */
final class TextColumns {

    private final String[] headers;
    private final boolean[] numeric;
    private final List<String[]> rows = new ArrayList<>();

    /** @param headers column titles; a title starting with '>' is a right-aligned column (the '>' is dropped) */
    TextColumns(String... headers) {
        this.headers = new String[headers.length];
        this.numeric = new boolean[headers.length];
        for (int i = 0; i < headers.length; i++) {
            numeric[i] = headers[i].startsWith(">");
            this.headers[i] = numeric[i] ? headers[i].substring(1) : headers[i];
        }
    }

    void row(String... cells) {
        if (cells.length != headers.length) {
            throw new IllegalArgumentException(headers.length + " cells expected, got " + cells.length);
        }
        rows.add(cells.clone());
    }

    /** The header and every row; a row given to {@code after} is followed by that row's extra line. */
    void print(PrintWriter out, java.util.function.IntFunction<String> after) {
        int[] width = new int[headers.length];
        for (int i = 0; i < headers.length; i++) {
            width[i] = headers[i].length();
            for (String[] r : rows) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        line(out, headers, width);
        for (int n = 0; n < rows.size(); n++) {
            line(out, rows.get(n), width);
            String extra = after.apply(n);
            if (extra != null) {
                out.println("    " + extra);
            }
        }
    }

    private void line(PrintWriter out, String[] cells, int[] width) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            boolean last = i == cells.length - 1;
            String pad = " ".repeat(width[i] - cells[i].length());
            b.append(numeric[i] ? pad + cells[i] : last ? cells[i] : cells[i] + pad);
            if (!last) {
                b.append("  ");
            }
        }
        out.println(b);
    }
}
