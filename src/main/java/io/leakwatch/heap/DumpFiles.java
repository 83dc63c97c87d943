package io.leakwatch.heap;

import io.leakwatch.files.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.zip.GZIPInputStream;

/** Opens dump files: plain, or gzip-compressed (.hprof.gz) inflated to a private temp file. */
final class DumpFiles {

    private DumpFiles() {
    }

    static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    /** Inflates {@code gz} into a new file readable only by its owner (0600) beside other temp files. */
    static Path inflate(Path gz, Path tempDir) throws IOException {
        Path out = tempDir == null
                ? Files.createTempFile("leakwatch-", ".hprof", PosixFilePermissions.asFileAttribute(PrivateFiles.FILE))
                : Files.createTempFile(tempDir, "leakwatch-", ".hprof", PosixFilePermissions.asFileAttribute(PrivateFiles.FILE));
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), 1 << 16);
             OutputStream os = Files.newOutputStream(out, StandardOpenOption.TRUNCATE_EXISTING)) {
            in.transferTo(os);
        } catch (IOException e) {
            Files.deleteIfExists(out);
            throw new IOException("cannot inflate " + gz + ": " + e.getMessage()
                    + " (is the .gz file complete?)", e);
        }
        return out;
    }
}
