package io.leakwatch.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * The perf-data reader on files real JVMs wrote (copied from {@code /tmp/hsperfdata_<user>} of a
 * stopped JDK 17.0.15 and JDK 25.0.3 target). The expected values are what the JDK's own reader
 * printed for the same files: {@code jstat -J-Djstat.showUnsupported=true -snap file://<copy>}.
 */
class SafepointTimeParserTest {

    private final SafepointTimeParser parser = new SafepointTimeParser();

    @Test
    void readsTheCounterOfAJdk17() throws IOException {
        assertThat(parser.safepointNanos(resource("jdk17.hsperfdata"))).hasValue(4_393_686);
    }

    @Test
    void readsTheCounterOfAJdk25() throws IOException {
        assertThat(parser.safepointNanos(resource("jdk25.hsperfdata"))).hasValue(9_176_363);
    }

    @Test
    void isEmptyForBuffersItCannotRead() throws IOException {
        assertThat(parser.safepointNanos(ByteBuffer.allocate(0))).isEmpty();
        assertThat(parser.safepointNanos(ByteBuffer.wrap("not perf data at all, just text...".getBytes()))).isEmpty();
        ByteBuffer truncated = resource("jdk17.hsperfdata");
        truncated.limit(200);
        assertThat(parser.safepointNanos(truncated)).isEmpty();
        ByteBuffer corrupt = resource("jdk17.hsperfdata");
        corrupt.putInt(24, 1_000_000_000);
        assertThat(parser.safepointNanos(corrupt)).isEmpty();
    }

    private static ByteBuffer resource(String name) throws IOException {
        try (InputStream in = SafepointTimeParserTest.class.getResourceAsStream("/perfdata/" + name)) {
            assertThat(in).as("test resource perfdata/%s", name).isNotNull();
            return ByteBuffer.wrap(in.readAllBytes());
        }
    }
}
