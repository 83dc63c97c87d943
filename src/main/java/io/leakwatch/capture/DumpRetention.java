package io.leakwatch.capture;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPOutputStream;

/** Applies {@link KeepDumps} to an analysed dump. */
final class DumpRetention {

    private DumpRetention() {
    }

    /**
     * Deletes, keeps or gzips {@code dump}. The gzip copy is written to a partial file first and
     * the original removed only once the copy is complete, so a full disk loses nothing.
     */
    static void apply(KeepDumps keep, Path dump) throws IOException {
        switch (keep) {
            case DELETE -> Files.delete(dump);
            case KEEP -> { }
            case GZIP -> gzip(dump);
        }
    }

    private static void gzip(Path dump) throws IOException {
        Path gz = dump.resolveSibling(dump.getFileName() + ".gz");
        Path partial = dump.resolveSibling(dump.getFileName() + ".gz" + CaptureDirectory.PARTIAL);
        Files.deleteIfExists(partial);
        SecureFiles.createPrivateFile(partial);
        try (InputStream in = Files.newInputStream(dump);
                OutputStream out = new GZIPOutputStream(Files.newOutputStream(partial), 1 << 16)) {
            in.transferTo(out);
        } catch (IOException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, gz, StandardCopyOption.ATOMIC_MOVE);
        Files.delete(dump);
    }
}
