package io.leakwatch.heap;

import java.io.IOException;
import java.nio.file.Path;

/** Opens package-private helpers of the heap adapter to tests in other packages. */
public final class DumpAnalyzerAccess {

    private DumpAnalyzerAccess() {
    }

    public static Path inflate(Path gz, Path dir) throws IOException {
        return DumpFiles.inflate(gz, dir);
    }
}
