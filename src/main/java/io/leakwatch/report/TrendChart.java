package io.leakwatch.report;

import io.leakwatch.model.Bytes;
import io.leakwatch.model.TrendSeries;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * A series' bytes over time as an inline SVG line chart: one {@code polyline} with a vertex per
 * point, time to scale on x (samples need not be evenly spaced), the y axis from the lowest to the
 * highest value so the growth fills the height, and the range and the span as text. Nothing is
 * fetched and nothing runs: it is safe inside a report served as a file. Pure; every label is a
 * number or a time it formats itself, so there is nothing to escape.
 */
final class TrendChart {

    static final int WIDTH = 640;
    static final int HEIGHT = 200;
    /** Room for the value labels on the left and the time labels below. */
    static final int LEFT = 80;
    static final int RIGHT = 12;
    static final int TOP = 12;
    static final int BOTTOM = 36;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private TrendChart() {
    }

    /** The chart of {@code points} (at least two, oldest first). */
    static String svg(List<TrendSeries.Point> points) {
        if (points.size() < 2) {
            throw new IllegalArgumentException("a chart needs at least 2 points, got " + points.size());
        }
        long t0 = points.get(0).at().toEpochMilli();
        long span = points.get(points.size() - 1).at().toEpochMilli() - t0;
        long min = points.stream().mapToLong(TrendSeries.Point::bytes).min().orElseThrow();
        long max = points.stream().mapToLong(TrendSeries.Point::bytes).max().orElseThrow();
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        StringJoiner vertices = new StringJoiner(" ");
        for (TrendSeries.Point p : points) {
            double x = LEFT + plotWidth * (p.at().toEpochMilli() - t0) / span;
            // a flat series is drawn across the middle rather than on an axis
            double y = max == min ? TOP + plotHeight / 2 : TOP + plotHeight * (max - p.bytes()) / (double) (max - min);
            vertices.add(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
        }
        int bottom = HEIGHT - BOTTOM;
        StringBuilder svg = new StringBuilder(256 + 14 * points.size());
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"trend\" width=\"%d\""
                + " height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"bytes over time, %d points\">",
                WIDTH, HEIGHT, WIDTH, HEIGHT, points.size()));
        svg.append(String.format(Locale.ROOT, "<path class=\"axes\" d=\"M%d %dV%dH%d\" fill=\"none\" stroke=\"#888\"/>",
                LEFT, TOP, bottom, WIDTH - RIGHT));
        svg.append("<polyline class=\"series\" fill=\"none\" stroke=\"#c0392b\" stroke-width=\"2\" points=\"")
                .append(vertices).append("\"/>");
        svg.append(label(LEFT - 6, TOP + 10, "end", Bytes.format(max)));
        svg.append(label(LEFT - 6, bottom, "end", Bytes.format(min)));
        svg.append(label(LEFT, bottom + 16, "start", TIME.format(points.get(0).at())));
        svg.append(label(WIDTH - RIGHT, bottom + 16, "end", TIME.format(points.get(points.size() - 1).at())));
        svg.append(label(LEFT + (WIDTH - LEFT - RIGHT) / 2, bottom + 30, "middle",
                points.size() + " samples over " + human(Duration.ofMillis(span))));
        return svg.append("</svg>").toString();
    }

    private static String label(int x, int y, String anchor, String text) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" font-size=\"11\""
                + " font-family=\"sans-serif\" fill=\"#444\">%s</text>", x, y, anchor, text);
    }

    /** {@code 45 s}, {@code 12 min}, {@code 3.5 h}, {@code 2.1 d}. */
    static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 120) {
            return s + " s";
        }
        if (s < 2 * 3600) {
            return s / 60 + " min";
        }
        if (s < 2 * 86400) {
            return String.format(Locale.ROOT, "%.1f h", s / 3600.0);
        }
        return String.format(Locale.ROOT, "%.1f d", s / 86400.0);
    }
}
