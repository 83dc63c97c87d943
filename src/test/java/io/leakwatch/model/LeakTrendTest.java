package io.leakwatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leakwatch.model.TrendSeries.Point;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LeakTrendTest {

    private static final Instant T0 = Instant.parse("2026-12-06T04:00:00Z");

    private static TrendSeries series(String key, boolean trigger, int points) {
        return new TrendSeries(key, trigger, key + " grows", IntStream.range(0, points)
                .mapToObj(i -> new Point(T0.plusSeconds(i), 100 + i, i)).toList());
    }

    @Test
    void leaksWaitingTogetherKeepTheNewerPointsAndEveryTrigger() {
        LeakTrend older = new LeakTrend(10, 20, List.of(series("type:A", true, 3), series("type:B", false, 3)));
        LeakTrend newer = new LeakTrend(11, 20, List.of(series("type:A", false, 5), series("type:C", true, 5)));

        LeakTrend both = newer.plus(older);

        assertThat(both.liveHeapBytes()).isEqualTo(11);
        assertThat(both.series()).extracting(TrendSeries::key).containsExactly("type:A", "type:C", "type:B");
        assertThat(both.series().get(0).points()).hasSize(5);
        assertThat(both.triggers()).extracting(TrendSeries::key).containsExactly("type:A", "type:C");
    }

    @Test
    void rejectsWhatAChartCouldNotDraw() {
        assertThatThrownBy(() -> new LeakTrend(0, 0, List.of(series("heap", true, 2), series("heap", false, 2))))
                .hasMessageContaining("one series per key");
        Point p = new Point(T0, 1, -1);
        assertThatThrownBy(() -> new TrendSeries("heap", true, "", List.of(p, p)))
                .hasMessageContaining("strictly increasing times");
        assertThatThrownBy(() -> new Point(T0, -1, 0)).hasMessageContaining("bytes negative");
        assertThatThrownBy(() -> new LeakTrend(-1, 0, List.of())).hasMessageContaining("must not be negative");
    }

    @Test
    void namesItsTypeOrHeap() {
        assertThat(series("type:[B", true, 0).type()).isEqualTo("[B");
        assertThat(series("heap", true, 0).type()).isEmpty();
        assertThat(series("heap", true, 0).heap()).isTrue();
        assertThat(series("marker:s", true, 0).type()).isEmpty();
    }
}
