package io.leakwatch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import io.leakwatch.model.Bytes;
import io.leakwatch.model.TrendSeries.Point;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The SVG chart, read back with an XML parser: well-formed, one vertex per point, to scale. */
class TrendChartTest {

    private static final Instant T0 = Instant.parse("2026-12-06T04:00:00Z");

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<double[]> vertices(Document svg) {
        NodeList lines = svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "polyline");
        assertThat(lines.getLength()).isEqualTo(1);
        return Arrays.stream(((Element) lines.item(0)).getAttribute("points").trim().split(" "))
                .map(v -> Arrays.stream(v.split(",")).mapToDouble(Double::parseDouble).toArray())
                .toList();
    }

    private static List<Point> points(long[] seconds, long[] bytes) {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < seconds.length; i++) {
            points.add(new Point(T0.plusSeconds(seconds[i]), bytes[i], 10 * i));
        }
        return points;
    }

    @Test
    void oneVertexPerPointWithTimeToScaleAndTheRangeFillingTheHeight() throws Exception {
        // uneven spacing: the third sample came late
        List<Point> points = points(new long[] {0, 60, 300, 360}, new long[] {40_000_000, 41_000_000, 48_000_000, 50_000_000});

        Document svg = parse(TrendChart.svg(points));
        List<double[]> v = vertices(svg);

        assertThat(v).hasSize(4);
        double plot = TrendChart.WIDTH - TrendChart.LEFT - TrendChart.RIGHT;
        assertThat(v.get(0)[0]).isEqualTo(TrendChart.LEFT);
        assertThat(v.get(3)[0]).isEqualTo(TrendChart.LEFT + plot);
        assertThat(v.get(2)[0]).isCloseTo(TrendChart.LEFT + plot * 300 / 360, offset(0.1));
        assertThat(v.get(0)[1]).as("lowest value at the bottom").isEqualTo(TrendChart.HEIGHT - TrendChart.BOTTOM);
        assertThat(v.get(3)[1]).as("highest value at the top").isEqualTo(TrendChart.TOP);
        assertThat(v.get(1)[1]).isGreaterThan(v.get(2)[1]);
        String text = svg.getDocumentElement().getTextContent();
        assertThat(text).contains(Bytes.format(50_000_000)).contains(Bytes.format(40_000_000))
                .contains("2026-12-06 04:00:00Z").contains("2026-12-06 04:06:00Z").contains("4 samples over 6 min");
    }

    @Test
    void aFlatSeriesIsDrawnAcrossTheMiddle() throws Exception {
        List<double[]> v = vertices(parse(TrendChart.svg(points(new long[] {0, 10, 20}, new long[] {7, 7, 7}))));

        double middle = TrendChart.TOP + (TrendChart.HEIGHT - TrendChart.TOP - TrendChart.BOTTOM) / 2.0;
        assertThat(v).allSatisfy(p -> assertThat(p[1]).isEqualTo(middle));
    }

    @Test
    void containsNoScriptAndFetchesNothing() {
        String svg = TrendChart.svg(points(new long[] {0, 1}, new long[] {1, 2}));

        assertThat(svg).doesNotContain("<script").doesNotContain("href").doesNotContain("url(")
                .doesNotContainPattern("\\son[a-z]+=");
    }

    @Test
    void needsTwoPoints() {
        assertThatThrownBy(() -> TrendChart.svg(points(new long[] {0}, new long[] {1})))
                .hasMessageContaining("at least 2 points, got 1");
    }

    @Test
    void spansReadAsPeopleSayThem() {
        assertThat(TrendChart.human(Duration.ofSeconds(45))).isEqualTo("45 s");
        assertThat(TrendChart.human(Duration.ofMinutes(12))).isEqualTo("12 min");
        assertThat(TrendChart.human(Duration.ofMinutes(210))).isEqualTo("3.5 h");
        assertThat(TrendChart.human(Duration.ofHours(50))).isEqualTo("2.1 d");
    }
}
