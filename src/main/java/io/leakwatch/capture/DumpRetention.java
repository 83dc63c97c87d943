package io.leakwatch.capture;

import io.leakwatch.files.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Applies {@link KeepDumps} to an analyzed dump. */
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
        PrivateFiles.replace(gz, out -> {
            GZIPOutputStream zipped = new GZIPOutputStream(out, 1 << 16);
            Files.copy(dump, zipped);
            zipped.finish();
        });
        Files.delete(dump);
    }
}
