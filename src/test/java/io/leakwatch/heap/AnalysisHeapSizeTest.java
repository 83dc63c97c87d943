package io.leakwatch.heap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnalysisHeapSizeTest {

    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    @Test
    void aSmallDumpGetsTheFloor() {
        assertThat(AnalysisHeapSize.forDump(243 * MIB, 16 * GIB)).isEqualTo(new AnalysisHeapSize(GIB, GIB));
    }

    @Test
    void aDumpOfManySmallObjectsGetsMoreThanItsSize() {
        AnalysisHeapSize size = AnalysisHeapSize.forDump(2800 * MIB, 16 * GIB);
        assertThat(size.chosenBytes()).isEqualTo(2800 * MIB + 700 * MIB + 256 * MIB);
        assertThat(size.capped()).isFalse();
    }

    @Test
    void theHostsAvailableMemoryCapsIt() {
        AnalysisHeapSize size = AnalysisHeapSize.forDump(8 * GIB, 4 * GIB);
        assertThat(size.chosenBytes()).isEqualTo(3 * GIB);
        assertThat(size.capped()).isTrue();
        assertThat(AnalysisHeapSize.forDump(8 * GIB, 512 * MIB).chosenBytes()).as("never below the floor").isEqualTo(GIB);
        assertThat(AnalysisHeapSize.forDump(8 * GIB, 0).chosenBytes()).as("unknown: not capped")
                .isEqualTo(10 * GIB + 256 * MIB);
    }
}
