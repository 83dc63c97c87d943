package io.leakwatch.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.model.ClassHistogram;
import io.leakwatch.model.HistogramEntry;
import io.leakwatch.model.MarkerSurvival;
import io.leakwatch.model.Sample;
import io.leakwatch.model.TargetIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-sample log line, pinned: operators grep it. */
class SampleLogListenerTest {

    private static final TargetIdentity ID = new TargetIdentity(4242, 1_000L, "shop.Main", "17");

    @Test
    void summarisesASampleOnOneLine() {
        Sample s = new Sample("shop", ID, Instant.parse("2026-11-25T14:00:00Z"), 12_345_678L,
                ClassHistogram.of(List.of(new HistogramEntry("[B", "java.base@17.0.15", 4968, 2_475_680),
                        new HistogramEntry("java.lang.String", "java.base@17.0.15", 4861, 116_664))),
                List.of(new MarkerSurvival("session", 3, 10), new MarkerSurvival("order", 4, 20)),
                Duration.ofMillis(7), Duration.ofMillis(85));

        assertThat(SampleLogListener.line(s)).isEqualTo(
                "target=shop pid=4242 liveHeap=11.8 MiB types=2 top=[[B 2.4 MiB] markers=7 pause=7ms took=85ms");
    }

    @Test
    void aSampleWithoutRowsHasNoTop() {
        Sample s = new Sample("idle", ID, Instant.parse("2026-11-25T14:00:00Z"), 0, ClassHistogram.of(List.of()),
                List.of(), Duration.ZERO, Duration.ofMillis(1));

        assertThat(SampleLogListener.line(s)).isEqualTo(
                "target=idle pid=4242 liveHeap=0 B types=0 top=[-] markers=0 pause=0ms took=1ms");
    }
}
