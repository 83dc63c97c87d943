package io.leakwatch.sample;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafepointTimeParserTest {

    private final SafepointTimeParser parser = new SafepointTimeParser();

    @Test
    void convertsTicksToNanos() {
        // lines as JDK 17 printed them; the frequency is 1 GHz on Linux
        String text = "sun.rt.safepointSyncTime=10355\nsun.rt.safepointTime=5517674\nsun.rt.safepoints=2\n"
                + "sun.os.hrt.frequency=1000000000\n";
        assertThat(parser.safepointNanos(text)).hasValue(5_517_674);
    }

    @Test
    void scalesOtherFrequencies() {
        assertThat(parser.safepointNanos("sun.os.hrt.frequency=1000000\nsun.rt.safepointTime=250\n")).hasValue(250_000);
    }

    @Test
    void isEmptyWithoutTheCounters() {
        assertThat(parser.safepointNanos("")).isEmpty();
        assertThat(parser.safepointNanos("sun.rt.safepointTime=12\n")).isEmpty();
        assertThat(parser.safepointNanos("sun.rt.safepointTime=x\nsun.os.hrt.frequency=1000\n")).isEmpty();
    }
}
