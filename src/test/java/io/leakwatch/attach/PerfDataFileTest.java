package io.leakwatch.attach;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

/** Reads this test JVM's own performance-data file, the one a sample reads of its target. */
class PerfDataFileTest {

    @Test
    void readsTheSafepointCounterAgainFromTheFileFoundFirst() {
        PerfDataFile perfData = new PerfDataFile();
        long pid = ProcessHandle.current().pid();
        OptionalLong first = perfData.safepointNanos(pid);
        assertThat(first).as("this JVM runs with -XX:+UsePerfData, the default").isPresent();
        System.gc();
        OptionalLong second = perfData.safepointNanos(pid);
        assertThat(second).isPresent();
        assertThat(second.getAsLong()).as("System.gc() is a safepoint").isGreaterThan(first.getAsLong());
    }

    @Test
    void aProcessWithoutAFileHasNoCounter() {
        assertThat(new PerfDataFile().safepointNanos(Long.MAX_VALUE)).isEmpty();
    }
}
