package io.leakwatch.heap;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.hprof.ByteArraySource;
import io.leakwatch.hprof.ByteSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mapped and the windowed file sources read exactly what an in-memory source reads. */
class FileSourcesTest {

    @TempDir
    Path dir;

    @Test
    void mappedAndWindowedReadTheSameBytes() throws Exception {
        byte[] bytes = new byte[9 * 1024 * 1024 + 13];
        new Random(3).nextBytes(bytes);
        Path file = dir.resolve("bytes.bin");
        Files.write(file, bytes);
        ByteSource expected = new ByteArraySource(bytes);
        MappedFileSource mapped = new MappedFileSource(file);
        assertThat(mapped.size()).isEqualTo(bytes.length);
        try (WindowedFileSource windowed = (WindowedFileSource) mapped.forSequentialReading()) {
            Random random = new Random(5);
            long pos = 0;
            while (pos < bytes.length - 16) {
                for (ByteSource s : new ByteSource[] {mapped, windowed}) {
                    assertThat(s.get(pos)).isEqualTo(expected.get(pos));
                    assertThat(s.getShort(pos)).isEqualTo(expected.getShort(pos));
                    assertThat(s.getInt(pos)).isEqualTo(expected.getInt(pos));
                    assertThat(s.getLong(pos)).isEqualTo(expected.getLong(pos));
                    assertThat(s.getId(pos, 4)).isEqualTo(expected.getId(pos, 4));
                }
                pos += 1 + random.nextInt(40_000);
            }
            byte[] big = new byte[5 * 1024 * 1024];
            windowed.get(1000, big, 0, big.length);
            byte[] small = new byte[100];
            windowed.get(bytes.length - 100, small, 0, 100);
            mapped.get(bytes.length - 100, small, 0, 100);
            for (int i = 0; i < 100; i++) {
                assertThat(small[i]).isEqualTo(bytes[bytes.length - 100 + i]);
            }
            for (int i = 0; i < big.length; i += 4099) {
                assertThat(big[i]).isEqualTo(bytes[1000 + i]);
            }
        }
    }
}
