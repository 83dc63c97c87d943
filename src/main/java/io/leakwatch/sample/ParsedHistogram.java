package io.leakwatch.sample;

import io.leakwatch.model.ClassHistogram;
import java.util.Objects;

/**
 * A parsed histogram and what the parser had to tolerate to get it.
 *
 * @param histogram     the rows and totals
 * @param skippedLines  lines that were neither a row, the total, nor header decoration
 * @param totalReported false when the text had no {@code Total} line and the totals were summed
 */
public record ParsedHistogram(ClassHistogram histogram, int skippedLines, boolean totalReported) {
    public ParsedHistogram {
        Objects.requireNonNull(histogram, "histogram");
        if (skippedLines < 0) {
            throw new IllegalArgumentException("skippedLines negative: " + skippedLines);
        }
    }
}
