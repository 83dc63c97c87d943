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

    /** A sparse 3 GB file: values that straddle the 1 GB mapping windows read whole. */
    @Test
    void filesAboveTwoGigabytesSpanSeveralMappings() throws Exception {
        Path file = dir.resolve("sparse.bin");
        long[] at = {(1L << 30) - 4, (1L << 31) - 3, (1L << 31) + 5, 3L * (1L << 30) - 8};
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(3L << 30);
            for (int i = 0; i < at.length; i++) {
                raf.seek(at[i]);
                raf.writeLong(0x0102030405060708L * (i + 1));
            }
        }
        MappedFileSource mapped = new MappedFileSource(file);
        assertThat(mapped.size()).isEqualTo(3L << 30);
        for (int i = 0; i < at.length; i++) {
            assertThat(mapped.getLong(at[i])).isEqualTo(0x0102030405060708L * (i + 1));
            assertThat(mapped.getInt(at[i] + 4)).isEqualTo((int) (0x0102030405060708L * (i + 1)));
            byte[] b = new byte[8];
            mapped.get(at[i], b, 0, 8);
            assertThat(java.nio.ByteBuffer.wrap(b).getLong()).isEqualTo(0x0102030405060708L * (i + 1));
        }
    }
}
